/** The state of every node at one scenario time, read directly from the timeline. */
import { alertActiveAt } from './alertActivity'
import { alertCandidates } from './alertCandidates'
import { describeAlert } from './alertMessage'
import { type Alert, type AlertDef, alertDefs } from './alerts'
import type { Twin, TwinNode } from './buildTwin'
import type { ActiveEffect } from './effectSchema'
import { noiseAt } from './noise'
import { type Observation, observe } from './observables'
import type { NodeKind, Sector } from './parameters'
import { quadAt } from './poly'
import type { Mode, NodeSegment, Segment } from './segment'
import { consequenceOf, type Status, statusOf } from './status'
import { segmentIndexAt, type Timeline, timelineFor } from './timeline'

/** Ground truth for one node (the facilitator's view), with what its monitoring shows. */
export interface NodeState {
  readonly id: string
  readonly label: string
  readonly kind: NodeKind
  readonly sector: Sector | undefined
  readonly status: Status
  /** Time error against UTC, ns (positive: the node's clock is ahead), wander included. */
  readonly timeErrorNs: number
  /** The seeded wander ε in `timeErrorNs`; status is judged on timeErrorNs − wanderNs. */
  readonly wanderNs: number
  readonly toleranceNs: number
  /** What breaks at this node, failed in the direction its clock is off (null otherwise). */
  readonly consequence: string | null
  readonly mode: Mode
  /** The source it follows: a node id, a rogue grandmaster's clockIdentity, or null. */
  readonly selectedSource: string | null
  /** Locked all the way back to a primary source. */
  readonly traceable: boolean
  readonly observations: readonly Observation[]
}

export interface TwinState {
  readonly tSeconds: number
  readonly nodes: readonly NodeState[]
  /** Alerts raised at this moment. */
  readonly alerts: readonly Alert[]
}

/**
 * Evaluates the chain at `tSeconds` under the given effects: closed form per segment, the same
 * answer however (and in whatever order) times are asked for.
 * @example evaluateTwin(buildTwin(chain), [{ effect: { kind: 'gnss-jamming', target: 'rcv-1' }, startT: 0 }], 18_000)
 */
export function evaluateTwin(
  twin: Twin,
  effects: readonly ActiveEffect[],
  tSeconds: number,
): TwinState {
  const timeline = timelineFor(twin, effects)
  const k = segmentIndexAt(timeline, tSeconds)
  const segment = timeline.segments[k] as Segment
  const candidates = alertCandidates(timeline, k)
  const defs = alertDefs(twin)
  const alerts: Alert[] = []
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i] as AlertDef
    if (candidates[i] === 1 && alertActiveAt(timeline, def, tSeconds))
      alerts.push(describeAlert(twin, segment, def, tSeconds))
  }
  return {
    tSeconds,
    nodes: twin.nodes.map((node) => nodeState(twin, segment, node, tSeconds)),
    alerts,
  }
}

/** Each node's status at t, by id (a lighter read than `evaluateTwin`). */
export function statusesAt(
  twin: Twin,
  effects: readonly ActiveEffect[],
  tSeconds: number,
): Map<string, Status> {
  const timeline = timelineFor(twin, effects)
  const segment = timeline.segments[segmentIndexAt(timeline, tSeconds)] as Segment
  return new Map(
    twin.nodes.map((node) => [node.id, nodeStatus(twin, segment, node.index, tSeconds)]),
  )
}

/**
 * One node's status at t within a segment, judged on its systematic time error (the wander ε
 * left out), so that noise around a limit does not make the status flap.
 */
export function nodeStatus(twin: Twin, segment: Segment, index: number, t: number): Status {
  const node = twin.nodes[index] as TwinNode
  const own = segment.nodes[index] as NodeSegment
  return statusOf(node, own, quadAt(own.te, t))
}

/** The alerts raised at t. */
export function activeAlerts(timeline: Timeline, segment: Segment, t: number): Alert[] {
  return alertDefs(timeline.twin)
    .filter((def) => alertActiveAt(timeline, def, t))
    .map((def) => describeAlert(timeline.twin, segment, def, t))
}

function nodeState(twin: Twin, segment: Segment, node: TwinNode, t: number): NodeState {
  const own = segment.nodes[node.index] as NodeSegment
  const systematicNs = quadAt(own.te, t)
  const wanderNs = noiseAt(twin.seed, own.noise, t)
  const status = statusOf(node, own, systematicNs)
  return {
    id: node.id,
    label: node.label,
    kind: node.kind,
    sector: node.sector,
    status,
    timeErrorNs: systematicNs + wanderNs,
    wanderNs,
    toleranceNs: node.toleranceNs,
    consequence: consequenceOf(node, status, systematicNs),
    mode: own.mode,
    selectedSource:
      own.rogue !== null
        ? (own.parent?.identity ?? null)
        : own.selected === null
          ? null
          : (twin.nodes[own.selected]?.id ?? null),
    traceable: own.traceable,
    observations: node.monitors.map((monitor) => observe(twin, segment, monitor, t)),
  }
}

/** What one team's monitoring shows at this moment: its observations and alerts, no ground truth. */
export function teamView(
  state: TwinState,
  teamId: string,
): { observations: Observation[]; alerts: Alert[] } {
  return {
    observations: state.nodes.flatMap((node) =>
      node.observations.filter((seen) => seen.teams.includes(teamId)),
    ),
    alerts: state.alerts.filter((alert) => alert.teams.includes(teamId)),
  }
}
