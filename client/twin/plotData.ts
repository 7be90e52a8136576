/**
 * Time-error curves as the plot draws them: magnitudes on a log axis (a log axis has no zero and
 * no sign, so |TE| is drawn and an exact zero is a gap), all curves on one time axis, and a value
 * range in whole decades that holds the curves and the tolerances.
 */
import type { TwinSeries, TwinViewReply } from '../../core/protocol/twinView'
import type { ChainNode } from '../../core/twin/chainShape'
import { observableLabel } from './twinLabels'

/** One curve to draw: a node's true time error or one of its measured offsets. */
export interface PlotLine {
  /** Unique per curve: the node id, with the monitoring point for a measured offset. */
  readonly key: string
  readonly nodeId: string
  readonly label: string
  readonly points: TwinSeries['points']
  /** The node's tolerance, drawn as a line (and, for the first curve, a band above it). */
  readonly toleranceNs: number | null
}

export interface PlotData {
  /** Scenario seconds, ascending. */
  readonly xs: number[]
  /** Per line, |value| in ns at each x, or null where there is none (or it is exactly zero). */
  readonly ys: (number | null)[][]
}

/** The lines' samples on one shared, ascending time axis. */
export function toPlotData(lines: readonly PlotLine[]): PlotData {
  const times = new Set<number>()
  for (const line of lines) for (const [t] of line.points) times.add(t)
  const xs = [...times].sort((a, b) => a - b)
  const ys = lines.map((line) => {
    const byTime = new Map(line.points.map(([t, value]) => [t, value]))
    return xs.map((t) => magnitude(byTime.get(t) ?? null))
  })
  return { xs, ys }
}

function magnitude(value: number | null): number | null {
  if (value === null || !Number.isFinite(value) || value === 0) return null
  return Math.abs(value)
}

/**
 * A log-axis range in whole decades around every value and tolerance, at least two decades tall;
 * with nothing to show, 1 ns to 1 ms.
 */
export function decadeRange(
  ys: readonly (readonly (number | null)[])[],
  tolerances: readonly (number | null)[],
): [number, number] {
  let low = Number.POSITIVE_INFINITY
  let high = 0
  const take = (value: number | null) => {
    if (value === null || !(value > 0) || !Number.isFinite(value)) return
    low = Math.min(low, value)
    high = Math.max(high, value)
  }
  for (const values of ys) for (const value of values) take(value)
  for (const tolerance of tolerances) take(tolerance)
  if (high === 0) return [1, 1e6]
  let bottom = 10 ** Math.floor(Math.log10(low))
  let top = 10 ** Math.ceil(Math.log10(high))
  if (top === high) top *= 10
  if (top / bottom < 100) bottom = top / 100
  return [bottom, top]
}

/** The last sample with a value, as `[t, ns]` (signed, as measured), or null. */
export function latestSample(points: TwinSeries['points']): readonly [number, number] | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]
    if (point && point[1] !== null && Number.isFinite(point[1])) return [point[0], point[1]]
  }
  return null
}

/**
 * The curves of a twin read: the true time error of each node (facilitator), or each offset a
 * team's monitoring measured. A team's limit is only what its scenario states (the node's
 * tolerance or the monitoring point's alarm), never the twin's own figure.
 */
export function plotLinesOf(
  read: Extract<TwinViewReply, { ok: true }>,
  labelOf: (nodeId: string) => string,
  chainNodes: readonly Pick<ChainNode, 'id' | 'toleranceNs' | 'monitoring'>[],
): PlotLine[] {
  if (read.audience === 'facilitator') {
    const tolerance = new Map(read.nodes.map((node) => [node.id, node.toleranceNs]))
    return read.series.map((series) => ({
      key: series.nodeId,
      nodeId: series.nodeId,
      label: labelOf(series.nodeId),
      points: series.points,
      toleranceNs: tolerance.get(series.nodeId) ?? null,
    }))
  }
  return read.series.map((series) => {
    const node = chainNodes.find((candidate) => candidate.id === series.nodeId)
    const monitor = node?.monitoring.find((entry) => entry.observable === series.quantity)
    const against = monitor?.against ? ` (${labelOf(monitor.against)})` : ''
    return {
      key: `${series.nodeId}/${series.monitorId ?? series.quantity}`,
      nodeId: series.nodeId,
      label: `${labelOf(series.nodeId)}, ${observableLabel(series.quantity).toLowerCase()}${against}`,
      points: series.points,
      toleranceNs: node?.toleranceNs ?? monitor?.alarmNs ?? null,
    }
  })
}
