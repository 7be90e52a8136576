/**
 * What the twin went through, from its recorded status changes: per sector and consumer node the
 * time out of tolerance and the peak time error, each node's status spells, and the time error
 * of the nodes that changed over the whole exercise (sampled from the twin, for the chart).
 */
import { activeEffectsOf, twinOf } from '../engine/twinRuntime'
import type { ExerciseState, NodeStatusRecord } from '../protocol/state'
import { evaluateTwin } from '../twin/evaluateTwin'
import { outOfToleranceOf, timeOutOfTolerance } from '../twin/outOfTolerance'
import type { SectorFigure, StatusSeries, TimeErrorSeries } from './model'

/** Samples per node across the exercise for the time error chart (status changes come on top). */
const SAMPLES = 120
/** Status changes added to the samples at most (each is one more evaluation of the whole twin). */
const MAX_CHANGE_POINTS = 400

/** Every sector (consumer) node of the chain, with its time out of tolerance up to `endT`. */
export function sectorFigures(state: ExerciseState, endT: number): SectorFigure[] {
  const outOfTolerance = timeOutOfTolerance(state.statusLog, endT)
  return sectorNodes(state).map(({ nodeId, label, sector }) => ({
    nodeId,
    label,
    sector,
    outOfToleranceS: outOfToleranceOf(outOfTolerance, nodeId).seconds,
    peakTimeErrorNs: peakOf(state.statusLog.filter((change) => change.nodeId === nodeId)),
  }))
}

/** The status spells, from T+0 to `endT`, of every node whose status ever changed. */
export function statusSeries(state: ExerciseState, endT: number): StatusSeries[] {
  return changedNodes(state).map(({ nodeId, label }) => {
    const changes = state.statusLog.filter((change) => change.nodeId === nodeId)
    const spells: StatusSeries['spells'][number][] = []
    let fromT = 0
    let status: 'ok' | 'degraded' | 'failed' = changes[0]?.previous ?? 'ok'
    for (const change of changes) {
      const t = Math.min(change.t, endT)
      if (t > fromT) spells.push({ fromT, toT: t, status })
      fromT = Math.max(fromT, t)
      status = change.status
    }
    if (endT > fromT) spells.push({ fromT, toT: endT, status })
    return { nodeId, label, spells }
  })
}

/** The time error over [0, endT] of every node whose status ever changed, with its limits. */
export function timeErrorSeries(state: ExerciseState, endT: number): TimeErrorSeries[] {
  const twin = twinOf(state)
  if (!twin) return []
  const effects = activeEffectsOf(state)
  const times = new Set<number>()
  for (let i = 0; i <= SAMPLES; i++) times.add((endT * i) / SAMPLES)
  // The moments of change too, so each step shows sharp; a log with very many keeps the samples.
  const changes = state.statusLog.filter((change) => change.t <= endT)
  if (changes.length <= MAX_CHANGE_POINTS) for (const change of changes) times.add(change.t)
  const sorted = [...times].sort((a, b) => a - b)
  const evaluations = sorted.map((t) => evaluateTwin(twin, effects, t))
  return changedNodes(state).flatMap(({ nodeId, label }) => {
    const index = twin.byId.get(nodeId)
    if (index === undefined) return []
    return [
      {
        nodeId,
        label,
        points: evaluations.map((evaluation) => ({
          t: evaluation.tSeconds,
          timeErrorNs: evaluation.nodes[index]!.timeErrorNs,
        })),
        limits: twin.nodes[index]!.limits,
      },
    ]
  })
}

/** The largest |time error| among the changes, with its sign; 0 with none. */
function peakOf(changes: readonly NodeStatusRecord[]): number {
  let peak = 0
  for (const change of changes)
    if (Math.abs(change.timeErrorNs) > Math.abs(peak)) peak = change.timeErrorNs
  return peak
}

interface NodeName {
  readonly nodeId: string
  readonly label: string
  readonly sector: SectorFigure['sector']
}

/** The sector (consumer) nodes, in chain order. */
function sectorNodes(state: ExerciseState): NodeName[] {
  return namedNodes(state).filter((node) => node.sector !== null)
}

/** Nodes whose status changed, in chain order. */
function changedNodes(state: ExerciseState): NodeName[] {
  const changed = new Set(state.statusLog.map((change) => change.nodeId))
  return namedNodes(state).filter((node) => changed.has(node.nodeId))
}

/** Every node of the chain with its name and sector, then nodes only the log names. */
function namedNodes(state: ExerciseState): NodeName[] {
  const chainNodes: NodeName[] = (state.scenario?.chain?.nodes ?? []).map((node) => ({
    nodeId: node.id,
    label: node.label,
    sector: node.sector ?? null,
  }))
  const known = new Set(chainNodes.map((node) => node.nodeId))
  const logged = new Map<string, NodeName>()
  for (const change of state.statusLog) {
    if (known.has(change.nodeId)) continue
    logged.set(change.nodeId, {
      nodeId: change.nodeId,
      label: change.label ?? change.nodeId,
      sector: change.sector,
    })
  }
  return [...chainNodes, ...logged.values()]
}
