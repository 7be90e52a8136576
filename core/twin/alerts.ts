/**
 * Detection: each monitoring point raises alerts when what it measures stays wrong for its delay
 * (an offset beyond its alarm, C/N0 gone, clockClass off 6 or a new grandmaster, a rejected NTP
 * server, a daemon in trouble, a leap flag, a device alarm). An alert is active at t when its
 * condition has held throughout [t − delay, t]; nothing watches a blind spot, so nothing fires there.
 * An offset alarm held for a duration is a windowed measure (its mean, in which the measurement
 * noise averages out), raised once and cleared with hysteresis: only once the measure is back
 * below `CLEAR_RATIO` of the alarm.
 */
import type { Twin, TwinMonitor } from './buildTwin'
import type { ObservableKind } from './chainShape'
import { firstChange, settle } from './crossings'
import {
  daemonSeen,
  gnssSeen,
  leapSeen,
  measuredOffset,
  modeSeen,
  type Observation,
  observe,
  offsetModel,
  parentSeen,
  peersSeen,
} from './observables'
import { GNSS_SIGNAL } from './parameters'
import { quadAt, quadSlopeAt, timesAt } from './poly'
import { keptFor, type NodeSegment, type Segment } from './segment'
import { lastNodeChange, segmentIndexAt, steadySegment, type Timeline } from './timeline'

/** An offset alarm clears once its windowed offset is back below this share of the alarm. */
export const CLEAR_RATIO = 0.9

export const ALERT_RULES = {
  'offset-vs-gnss': ['offset'],
  'offset-vs-independent': ['offset'],
  cn0: ['signal-loss'],
  'clock-class': ['degraded-class', 'new-grandmaster'],
  'ntp-peers': ['peer-problem', 'daemon-problem', 'leap-announced'],
  device: ['device-alarm'],
} as const satisfies Record<ObservableKind, readonly string[]>
export type AlertRule = (typeof ALERT_RULES)[ObservableKind][number]

export interface AlertDef {
  readonly id: string
  readonly monitor: TwinMonitor
  readonly rule: AlertRule
  /** clockClass and grandmaster the monitoring expects (from the chain's steady state). */
  readonly nominalClass: number | null
  readonly nominalGrandmaster: string | null
}

/** An alert as the teams that monitor the node see it. */
export interface Alert {
  readonly id: string
  readonly nodeId: string
  readonly observable: ObservableKind
  readonly rule: AlertRule
  readonly teams: readonly string[]
  readonly message: string
}

const defsCache = new WeakMap<Twin, readonly AlertDef[]>()

/** Every alert the twin's monitoring can raise. */
export function alertDefs(twin: Twin): readonly AlertDef[] {
  const known = defsCache.get(twin)
  if (known) return known
  const steady = steadySegment(twin)
  const defs = twin.nodes.flatMap((node) =>
    node.monitors.flatMap((monitor) =>
      ALERT_RULES[monitor.observable].map(
        (rule): AlertDef => ({
          id: `${monitor.id}/${rule}`,
          monitor,
          rule,
          nominalClass: steady.nodes[node.index]?.parent?.clockClass ?? null,
          nominalGrandmaster: steady.nodes[node.index]?.parent?.identity ?? null,
        }),
      ),
    ),
  )
  defsCache.set(twin, defs)
  return defs
}

/**
 * True when the alert's condition holds at t (ignoring its delay); read from what monitoring
 * shows. `level` scales an offset alarm (CLEAR_RATIO: the level it clears below).
 */
export function conditionAt(
  twin: Twin,
  segment: Segment,
  def: AlertDef,
  t: number,
  level = 1,
): boolean {
  const own = segment.nodes[def.monitor.node] as NodeSegment
  switch (def.rule) {
    case 'offset': {
      const offsetNs = measuredOffset(twin, segment, def.monitor, t, false)
      return offsetNs !== null && Math.abs(offsetNs) > def.monitor.alarmNs * level
    }
    case 'signal-loss':
      return (
        (gnssSeen(twin, segment, def.monitor.node)?.satellites ?? 0) < GNSS_SIGNAL.minSatellites
      )
    case 'degraded-class':
      return (parentSeen(own)?.clockClass ?? null) !== def.nominalClass
    case 'new-grandmaster':
      return (parentSeen(own)?.identity ?? null) !== def.nominalGrandmaster
    case 'peer-problem':
      return peersSeen(own).some((p) => p.status !== 'sys.peer' && p.status !== 'candidate')
    case 'daemon-problem': {
      const daemon = daemonSeen(own)
      return daemon !== 'sync' && daemon !== 'slew'
    }
    case 'leap-announced':
      return leapSeen(own)
    case 'device-alarm': {
      const mode = modeSeen(own)
      return mode !== 'primary' && mode !== 'locked' && mode !== 'slewing'
    }
  }
}

/** The first time in (a, b] at which the alert's condition differs from what it was at a. */
export function firstConditionFlip(
  timeline: Timeline,
  def: AlertDef,
  a: number,
  b: number,
  level = 1,
): number | null {
  const { twin } = timeline
  let k = segmentIndexAt(timeline, a)
  const base = conditionAt(twin, timeline.segments[k] as Segment, def, a, level)
  for (;;) {
    const segment = timeline.segments[k] as Segment
    if (segment.startT > a) {
      if (segment.startT > b) return null
      if (conditionAt(twin, segment, def, segment.startT, level) !== base) return segment.startT
    }
    const model = def.rule === 'offset' ? offsetModel(twin, segment, def.monitor) : null
    if (model) {
      const alarm = def.monitor.alarmNs * level
      const from = Math.max(a, segment.startT)
      // A crossing exactly at `from` (another change at the same instant put us there) is not
      // in the open interval the root search covers: look just after it.
      const gap = Math.abs(Math.abs(quadAt(model.q, from)) - alarm)
      if (gap <= Math.abs(quadSlopeAt(model.q, from)) * 1e-6 + alarm * 1e-12) {
        const at = settle(
          (t) => conditionAt(twin, segment, def, t, level),
          base,
          from,
          Math.min(b, segment.endT),
        )
        if (at !== null && at > a) return at
      }
      const flip = firstChange(
        (t) => conditionAt(twin, segment, def, t, level),
        base,
        twin.seed,
        model.q,
        [],
        [alarm, -alarm],
        Math.max(a, segment.startT),
        Math.min(b, segment.endT),
      )
      if (flip !== null) return flip
      // The interval is closed at b: a root that rounds onto b itself counts.
      if (b < segment.endT && b > a && conditionAt(twin, segment, def, b, level) !== base) return b
    }
    if (segment.endT > b) return null
    k = segmentIndexAt(timeline, segment.endT)
  }
}

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

// Which alerts can be raised in each segment: an offset alarm wherever it can be measured, any
// other where its condition holds (read from the segment alone, it then holds throughout). Worked
// out from the segment before by judging again only the alerts that read a node whose segment
// changed, so that a read at t looks only at the few alerts that can be raised there.
const candidateSets = new WeakMap<Segment, Uint8Array>()
const readersCache = new WeakMap<Twin, readonly (readonly number[])[]>()

// For each node, the alerts (by index in alertDefs) that read its segment.
function alertReaders(twin: Twin): readonly (readonly number[])[] {
  const known = readersCache.get(twin)
  if (known) return known
  const readers: number[][] = twin.nodes.map(() => [])
  alertDefs(twin).forEach((def, i) => {
    const { monitor } = def
    const reads = new Set([monitor.node])
    if (def.rule === 'offset' && monitor.against !== null) reads.add(monitor.against)
    const receiver = twin.nodes[monitor.node]?.receiver
    if (def.rule === 'signal-loss' && receiver !== null && receiver !== undefined)
      reads.add(receiver)
    for (const node of reads) readers[node]?.push(i)
  })
  readersCache.set(twin, readers)
  return readers
}

function mayRaise(twin: Twin, segment: Segment, def: AlertDef): boolean {
  return def.rule === 'offset'
    ? offsetModel(twin, segment, def.monitor) !== null
    : conditionAt(twin, segment, def, segment.startT)
}

/** The alerts that can be raised in segment k, as flags by index in `alertDefs`. */
export function alertCandidates(timeline: Timeline, k: number): Uint8Array {
  const { twin, segments } = timeline
  const defs = alertDefs(twin)
  let from = k
  while (from > 0 && !candidateSets.has(segments[from] as Segment)) from--
  let flags = candidateSets.get(segments[from] as Segment)
  if (!flags) {
    const first = segments[from] as Segment
    flags = new Uint8Array(defs.length)
    defs.forEach((def, i) => {
      if (mayRaise(twin, first, def)) (flags as Uint8Array)[i] = 1
    })
    candidateSets.set(first, flags)
  }
  const readers = alertReaders(twin)
  for (let j = from + 1; j <= k; j++) {
    const segment = segments[j] as Segment
    // Shared with the segment before until a flag really changes.
    const before: Uint8Array = flags
    let own: Uint8Array | null = null
    for (const node of segment.changed)
      for (const i of readers[node] as number[]) {
        const flag = mayRaise(twin, segment, defs[i] as AlertDef) ? 1 : 0
        if ((own ?? before)[i] === flag) continue
        own ??= before.slice()
        own[i] = flag
      }
    flags = own ?? before
    candidateSets.set(segment, flags)
  }
  return flags
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

// Alerts whose message is read from the node's own segment alone (all but offsets and signal
// loss), kept per node segment.
const steadyAlerts = new WeakMap<NodeSegment, Map<string, Alert>>()

/** The alert as its teams see it at t (its message from what the monitoring shows then). */
export function describeAlert(twin: Twin, segment: Segment, def: AlertDef, t: number): Alert {
  if (def.rule === 'offset' || def.rule === 'signal-loss') return describeAt(twin, segment, def, t)
  const own = segment.nodes[def.monitor.node] as NodeSegment
  return keptFor(steadyAlerts, own, def.id, () => describeAt(twin, segment, def, t))
}

function describeAt(twin: Twin, segment: Segment, def: AlertDef, t: number): Alert {
  const observed = observe(twin, segment, def.monitor, t)
  // An offset alarm reports the windowed offset it judged, not one noisy reading.
  const windowed =
    def.rule === 'offset' ? measuredOffset(twin, segment, def.monitor, t, false) : null
  const seen: Observation =
    windowed !== null &&
    (observed.observable === 'offset-vs-gnss' || observed.observable === 'offset-vs-independent')
      ? {
          monitorId: observed.monitorId,
          nodeId: observed.nodeId,
          teams: observed.teams,
          observable: observed.observable,
          against: observed.against,
          offsetNs: windowed,
        }
      : observed
  const node = twin.nodes[def.monitor.node]
  return {
    id: def.id,
    nodeId: seen.nodeId,
    observable: def.monitor.observable,
    rule: def.rule,
    teams: seen.teams,
    message: `${node?.label ?? seen.nodeId}: ${alertText(def, seen)}`,
  }
}

function alertText(def: AlertDef, seen: Observation): string {
  switch (seen.observable) {
    case 'offset-vs-gnss':
    case 'offset-vs-independent':
      return `offset ${formatNs(seen.offsetNs ?? 0)} against ${seen.against ?? 'its reference'} over ${formatS(def.monitor.delayS)} (alarm at ${formatNs(def.monitor.alarmNs)}, clears below ${formatNs(def.monitor.alarmNs * CLEAR_RATIO)})`
    case 'cn0':
      return `GNSS lost: ${seen.satellites} satellites tracked${seen.agcDb !== null && seen.agcDb < -10 ? ', AGC down (interference)' : ''}`
    case 'clock-class':
      return def.rule === 'new-grandmaster'
        ? `new grandmaster ${seen.grandmasterId ?? 'none'} (priority1 ${seen.priority1 ?? '?'})`
        : `clockClass ${seen.clockClass ?? 'none'} (expected ${def.nominalClass ?? '?'})`
    case 'ntp-peers': {
      if (def.rule === 'leap-announced') return 'leap second announced by its servers'
      if (def.rule === 'daemon-problem')
        return `${seen.implementation ?? 'ntpd'} ${seen.daemon ?? 'not answering'}`
      const bad = seen.peers.filter((p) => p.state !== 'sys.peer' && p.state !== 'candidate')
      return `${bad.length} of ${seen.peers.length} servers rejected (${bad.map((p) => `${p.id} ${p.state}`).join(', ')})`
    }
    case 'device':
      return `device reports ${seen.mode ?? 'nothing'}`
  }
}

function formatS(seconds: number): string {
  if (seconds >= 3_600) return `${+(seconds / 3_600).toFixed(1)} h`
  if (seconds >= 60) return `${+(seconds / 60).toFixed(1)} min`
  return `${seconds} s`
}

/** A time error for people: ns, µs, ms or s. */
export function formatNs(ns: number): string {
  const size = Math.abs(ns)
  if (size >= 1e9) return `${(ns / 1e9).toFixed(3)} s`
  if (size >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`
  if (size >= 1e3) return `${(ns / 1e3).toFixed(3)} µs`
  return `${ns.toFixed(1)} ns`
}
