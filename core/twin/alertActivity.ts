/**
 * When an alert is raised and cleared: once its condition has held throughout [t − delay, t]; an
 * offset alarm is raised once and cleared with hysteresis, only once its windowed measure is back
 * below `CLEAR_RATIO` of the alarm.
 */
import { type AlertDef, CLEAR_RATIO, conditionAt, firstConditionFlip } from './alerts'
import type { Twin } from './buildTwin'
import { measuredOffset, offsetModel } from './observables'
import { timesAt } from './poly'
import type { Segment } from './segment'
import { lastNodeChange, segmentIndexAt, type Timeline } from './timeline'

// The start of the condition's current run at t, searching back to `from`: null when it has
// held since before `from` (or does not hold at t).
function onsetWithin(timeline: Timeline, def: AlertDef, from: number, t: number): number | null {
  let onset: number | null = null
  let x = from
  for (
    let flip = firstConditionFlip(timeline, def, x, t);
    flip !== null;
    flip = firstConditionFlip(timeline, def, x, t)
  ) {
    const k = segmentIndexAt(timeline, flip)
    onset = conditionAt(timeline.twin, timeline.segments[k] as Segment, def, flip) ? flip : null
    x = flip
  }
  return onset
}

// Offset alarms look back over a run that can span many segments: what has been worked out
// about each run is kept per timeline (segments never change, so neither does the answer).
interface RaiseSearch {
  raisedT: number | null
  /** Searched up to here without a raise; the condition is as `onset` says there. */
  scannedTo: number
  onset: number | null
}

// Segment → alert id → start of the clear-level run that contains the segment's start. Keyed by
// the segment object, so a timeline that reuses another's prefix (an effect added during the
// exercise) reuses what was found there too.
const runStarts = new WeakMap<Segment, Map<string, number>>()
// Per timeline: alert id → run start → how far the search for its raise has got.
const raiseSearches = new WeakMap<Timeline, Map<string, Map<number, RaiseSearch>>>()
// Raises already found, per twin, with the segment they fell in: valid in any timeline that
// holds that same segment object (and so the same history up to it).
const foundRaises = new WeakMap<
  Twin,
  Map<string, Map<number, { readonly raisedT: number; readonly segment: Segment }>>
>()

function memoOf<K extends object, V>(
  memo: WeakMap<K, Map<string, V>>,
  key: K,
  id: string,
): V | undefined {
  return memo.get(key)?.get(id)
}

function remember<K extends object, V>(
  memo: WeakMap<K, Map<string, V>>,
  key: K,
  id: string,
  value: V,
): void {
  let byId = memo.get(key)
  if (!byId) {
    byId = new Map()
    memo.set(key, byId)
  }
  byId.set(id, value)
}

function mapFor<K extends object, V>(
  memo: WeakMap<K, Map<string, Map<number, V>>>,
  key: K,
  id: string,
): Map<number, V> {
  let map = memoOf(memo, key, id)
  if (!map) {
    map = new Map()
    remember(memo, key, id, map)
  }
  return map
}

// The start of the run of "windowed offset beyond level × alarm" that contains t (t itself when
// the condition does not hold at t), walking back through the segments.
function offsetRunStart(timeline: Timeline, def: AlertDef, level: number, t: number): number {
  const { twin, segments } = timeline
  const alarm = def.monitor.alarmNs * level
  let k = segmentIndexAt(timeline, t)
  let hi = t
  const passed: Segment[] = []
  for (;;) {
    const segment = segments[k] as Segment
    const model = offsetModel(twin, segment, def.monitor)
    if (!model || !conditionAt(twin, segment, def, hi, level)) return runFound(passed, def, hi)
    // Back to where the node or its reference last changed: over that span the measurement is
    // this same quadratic, so one root search covers it.
    const { node, against } = def.monitor
    const j = Math.max(
      lastNodeChange(timeline, node, k),
      against === null ? 0 : lastNodeChange(timeline, against, k),
    )
    const first = segments[j] as Segment
    const lo = first.startT
    const roots = [...timesAt(model.q, alarm, lo, hi), ...timesAt(model.q, -alarm, lo, hi)]
    // The segments of the span that start inside the run share its start.
    const start = roots.length > 0 ? Math.max(...roots) : lo
    for (let m = j + 1; m <= k; m++)
      if ((segments[m] as Segment).startT > start) passed.push(segments[m] as Segment)
    if (roots.length > 0) return runFound(passed, def, start)
    if (j === 0 || !conditionAt(twin, first, def, lo, level)) return runFound(passed, def, lo)
    const before = segments[j - 1] as Segment
    const value = measuredOffset(twin, before, def.monitor, lo, false)
    if (value === null || !(Math.abs(value) > alarm)) return runFound(passed, def, lo)
    const known = memoOf(runStarts, first, def.id)
    if (known !== undefined) return runFound(passed, def, known)
    passed.push(first)
    k = j - 1
    hi = lo
  }
}

// Remembers the run start for every segment walked back through, and returns it.
function runFound(passed: readonly Segment[], def: AlertDef, start: number): number {
  for (const segment of passed) remember(runStarts, segment, def.id, start)
  return start
}

// True when the alert's condition holds at t, in whichever segment holds t.
function holdsAt(timeline: Timeline, def: AlertDef, t: number): boolean {
  return conditionAt(
    timeline.twin,
    timeline.segments[segmentIndexAt(timeline, t)] as Segment,
    def,
    t,
  )
}

// Hysteresis: raised once the windowed offset has been beyond the alarm for the delay, and held
// until it falls back below CLEAR_RATIO of the alarm.
function offsetActiveAt(timeline: Timeline, def: AlertDef, t: number): boolean {
  const segment = timeline.segments[segmentIndexAt(timeline, t)] as Segment
  if (!conditionAt(timeline.twin, segment, def, t, CLEAR_RATIO)) return false
  const delay = def.monitor.delayS
  const start = offsetRunStart(timeline, def, CLEAR_RATIO, t)
  const known = mapFor(foundRaises, timeline.twin, def.id).get(start)
  if (known && timeline.segments[segmentIndexAt(timeline, known.raisedT)] === known.segment)
    return known.raisedT <= t
  const raises = mapFor(raiseSearches, timeline, def.id)
  let search = raises.get(start)
  if (!search) {
    search = {
      raisedT: null,
      scannedTo: start,
      onset: holdsAt(timeline, def, start) ? start : null,
    }
    raises.set(start, search)
  }
  if (search.raisedT !== null) return search.raisedT <= t
  if (t <= search.scannedTo) return false
  for (;;) {
    const flip = firstConditionFlip(timeline, def, search.scannedTo, t)
    const { onset } = search
    if (onset !== null && (flip === null ? onset + delay <= t : onset + delay < flip)) {
      search.raisedT = onset + delay
      const at = timeline.segments[segmentIndexAt(timeline, search.raisedT)] as Segment
      mapFor(foundRaises, timeline.twin, def.id).set(start, {
        raisedT: search.raisedT,
        segment: at,
      })
      return true
    }
    if (flip === null) {
      search.scannedTo = t
      return false
    }
    search.onset = holdsAt(timeline, def, flip) ? flip : null
    search.scannedTo = flip
  }
}

/** True when the alert is raised at t: its condition has held for its whole delay. */
export function alertActiveAt(timeline: Timeline, def: AlertDef, t: number): boolean {
  if (def.rule === 'offset') return offsetActiveAt(timeline, def, t)
  const segment = timeline.segments[segmentIndexAt(timeline, t)] as Segment
  if (!conditionAt(timeline.twin, segment, def, t)) return false
  const delay = def.monitor.delayS
  if (delay === 0) return true
  const from = t - delay
  const onset = onsetWithin(timeline, def, from, t)
  if (onset !== null) return onset + delay <= t
  const before = timeline.segments[segmentIndexAt(timeline, from)] as Segment
  return conditionAt(timeline.twin, before, def, from)
}

/** The first time in (a, b] at which the alert is raised or cleared, or null. */
export function nextAlertChange(
  timeline: Timeline,
  def: AlertDef,
  a: number,
  b: number,
): number | null {
  const delay = def.monitor.delayS
  if (alertActiveAt(timeline, def, a))
    return firstConditionFlip(timeline, def, a, b, def.rule === 'offset' ? CLEAR_RATIO : 1)
  let onset = holdsAt(timeline, def, a) ? onsetWithin(timeline, def, a - delay, a) : null
  let x = a
  for (;;) {
    const until = onset === null ? b : Math.min(onset + delay, b)
    const flip = firstConditionFlip(timeline, def, x, until)
    if (flip === null) return onset !== null && onset + delay <= b ? onset + delay : null
    onset = holdsAt(timeline, def, flip) ? flip : null
    if (onset !== null && delay === 0) return flip
    x = flip
  }
}
