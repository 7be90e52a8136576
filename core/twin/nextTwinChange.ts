/**
 * The next moment anything a player could notice changes: a node's status or an alert. Solved
 * exactly (event times, and roots of the quadratic per noise bucket within each segment), so no
 * speed of the clock and no jump can step over a failure.
 */
import { alertActiveAt, nextAlertChange } from './alertActivity'
import { describeAlert } from './alertMessage'
import { type Alert, alertDefs } from './alerts'
import type { Twin } from './buildTwin'
import { firstChange } from './crossings'
import type { ActiveEffect } from './effectSchema'
import { nodeStatus } from './evaluateTwin'
import { noiseAt } from './noise'
import type { Sector } from './parameters'
import { quadAt } from './poly'
import type { Mode, Segment } from './segment'
import { consequenceOf, type Status, statusLevels } from './status'
import { nextNodeChange, segmentIndexAt, type Timeline, timelineFor } from './timeline'

export interface StatusChange {
  readonly nodeId: string
  readonly sector: Sector | undefined
  readonly status: Status
  readonly previous: Status
  /** The systematic time error the status was judged on, ns. */
  readonly timeErrorNs: number
  /** The wander ε at that moment, ns (not judged). */
  readonly wanderNs: number
  /** What breaks when it failed this way, if the node says. */
  readonly consequence: string | null
  readonly mode: Mode
}

export interface AlertChange {
  readonly alert: Alert
  /** true: raised at this moment; false: cleared. */
  readonly raised: boolean
}

export interface TwinChange {
  readonly tSeconds: number
  readonly statuses: readonly StatusChange[]
  readonly alerts: readonly AlertChange[]
}

/**
 * The earliest time in (afterT, untilT] at which a node's status or an alert differs from what it
 * was at afterT, with every change at that moment; null when nothing changes until untilT.
 * Nothing changes strictly between afterT and the answer.
 */
export function nextTwinChange(
  twin: Twin,
  effects: readonly ActiveEffect[],
  afterT: number,
  untilT: number,
  options: { readonly alerts?: boolean } = {},
): TwinChange | null {
  if (!(untilT > afterT)) return null
  const timeline = timelineFor(twin, effects)
  const start = timeline.segments[segmentIndexAt(timeline, afterT)] as Segment
  const before = twin.nodes.map((node) => nodeStatus(twin, start, node.index, afterT))
  let best = firstStatusChange(timeline, before, afterT, untilT) ?? Infinity
  const defs = options.alerts === false ? [] : alertDefs(twin)
  for (const def of defs) {
    const t = nextAlertChange(timeline, def, afterT, Math.min(untilT, best))
    if (t !== null && t < best) best = t
  }
  if (!(best <= untilT)) return null
  const segment = timeline.segments[segmentIndexAt(timeline, best)] as Segment
  const statuses: StatusChange[] = []
  twin.nodes.forEach((node, i) => {
    const status = nodeStatus(twin, segment, i, best)
    const previous = before[i] as Status
    if (status === previous) return
    const own = segment.nodes[i]
    if (!own) return
    const judgedNs = quadAt(own.te, best)
    statuses.push({
      nodeId: node.id,
      sector: node.sector,
      status,
      previous,
      timeErrorNs: judgedNs,
      wanderNs: noiseAt(twin.seed, own.noise, best),
      consequence: consequenceOf(node, status, judgedNs),
      mode: own.mode,
    })
  })
  const alerts: AlertChange[] = []
  for (const def of defs) {
    const raised = alertActiveAt(timeline, def, best)
    if (raised !== alertActiveAt(timeline, def, afterT))
      alerts.push({ alert: describeAlert(twin, segment, def, best), raised })
  }
  return { tSeconds: best, statuses, alerts }
}

// The first time in (a, b] at which some node's status differs from `before`. Each node is
// followed through the spans in which its segment stays the same object: within a span its time
// error is one quadratic, so one root search covers it; status can only jump where it changes.
function firstStatusChange(
  timeline: Timeline,
  before: readonly Status[],
  a: number,
  b: number,
): number | null {
  const { twin, segments } = timeline
  const first = segmentIndexAt(timeline, a)
  let best = b
  let found = false
  for (const node of twin.nodes) {
    let k = first
    let lo = a
    for (;;) {
      const segment = segments[k] as Segment
      const own = segment.nodes[node.index]
      if (!own) break
      // Through the segments that end by `best`, the first in which this node's segment differs.
      segmentIndexAt(timeline, best)
      const j = nextNodeChange(timeline, node.index, k)
      const changes = j !== -1 && (segments[j] as Segment).startT <= best
      const next = changes ? j : k
      const spanEnd = changes ? (segments[next] as Segment).startT : best
      const t = firstChange(
        (x) => nodeStatus(twin, segment, node.index, x),
        before[node.index],
        twin.seed,
        own.te,
        [],
        statusLevels(node, own),
        lo,
        Math.min(spanEnd, best),
      )
      if (t !== null) {
        best = t
        found = true
        break
      }
      if (!changes) break
      const boundary = segments[next] as Segment
      if (nodeStatus(twin, boundary, node.index, boundary.startT) !== before[node.index]) {
        best = boundary.startT
        found = true
        break
      }
      k = next
      lo = boundary.startT
    }
  }
  return found ? best : null
}
