/**
 * Folds a pushed twin frame into the twin read a dashboard holds: changed nodes and
 * observations replace theirs, moved time errors update their nodes, alerts are replaced when the frame carries them, and each
 * plotted curve gains the frame's sample, thinned so that a long exercise stays light.
 */
import type { TwinSeries, TwinViewReply } from '../../core/protocol/twinView'
import type { TwinFrame } from '../../core/protocol/twinViewFrame'

type TwinRead = Extract<TwinViewReply, { ok: true }>

/** Points a curve may hold before every other one of them is dropped (twice a history read's 300). */
export const MAX_HELD_POINTS = 600

/** `read` with `frame` applied; `read` itself when the frame is older or for another audience. */
export function applyTwinFrame(read: TwinRead, frame: TwinFrame): TwinRead {
  if (frame.t < read.t || frame.audience !== read.audience) return read
  const observations = frame.full
    ? frame.observations
    : replaceBy(read.observations, frame.observations, (seen) => seen.monitorId)
  const alerts = frame.alerts ?? read.alerts
  if (read.audience === 'facilitator') {
    const moved = frame.timeErrors ?? {}
    const nodes = (
      frame.full ? (frame.nodes ?? []) : replaceBy(read.nodes, frame.nodes ?? [], (node) => node.id)
    ).map((node) => {
      // Own keys only: a node named like an inherited property (`constructor`) is not in the map.
      const timeErrorNs = Object.hasOwn(moved, node.id) ? moved[node.id] : undefined
      return timeErrorNs === undefined ? node : { ...node, timeErrorNs }
    })
    const timeErrors = new Map(nodes.map((node) => [node.id, node.timeErrorNs]))
    const series = read.series.map((line) =>
      appendSample(line, frame.t, timeErrors.get(line.nodeId) ?? null),
    )
    return { ...read, t: frame.t, nodes, observations, alerts, series }
  }
  const offsets = new Map<string, number | null>()
  for (const seen of observations) {
    if (seen.observable === 'offset-vs-gnss' || seen.observable === 'offset-vs-independent') {
      offsets.set(seen.monitorId, seen.offsetNs)
    }
  }
  const series = read.series.map((line) =>
    line.monitorId === undefined
      ? line
      : appendSample(line, frame.t, offsets.get(line.monitorId) ?? null),
  )
  return { ...read, t: frame.t, observations, alerts, series }
}

/** `items` with each of `changes` replacing the item of the same key, new keys appended. */
function replaceBy<T>(items: readonly T[], changes: readonly T[], key: (item: T) => string): T[] {
  if (changes.length === 0) return [...items]
  const changed = new Map(changes.map((item) => [key(item), item]))
  const merged = items.map((item) => {
    const replacement = changed.get(key(item))
    if (replacement) changed.delete(key(item))
    return replacement ?? item
  })
  return [...merged, ...changed.values()]
}

/** The curve with `[t, value]` at its end (replacing a sample at the same t), thinned past the cap. */
function appendSample(line: TwinSeries, t: number, value: number | null): TwinSeries {
  const last = line.points.at(-1)
  if (last && last[0] > t) return line
  const kept = last && last[0] === t ? line.points.slice(0, -1) : line.points
  let points: (readonly [number, number | null])[] = [...kept, [t, value]]
  if (points.length > MAX_HELD_POINTS) {
    // Every other point, always keeping the latest: the curve's shape stays, its weight halves.
    points = points.filter((_, i) => i % 2 === 0 || i === points.length - 1)
  }
  return { ...line, points }
}
