/**
 * The twin's timeline: the chain's state as segments between events, computed forward from the
 * steady state, one exact event at a time (effect changes, stepout and slew ends, holdover spec
 * ends, and the roots at which NTP intervals meet or part). Never a fixed step. A timeline only
 * grows, and each segment depends only on the one before it, so the state at t is the same
 * however, and in whatever order, t was asked for.
 */
import {
  type EffectIndex,
  type EffectWindow,
  effectText,
  firstDifference,
  indexEffects,
  isActive,
  leapKey,
  nextEffectTime,
} from './activeEffects'
import type { Twin, TwinNode } from './buildTwin'
import type { ActiveEffect } from './effectSchema'
import { stepDueT } from './ntpStep'
import { NTP } from './parameters'
import { addScaled, type Quad, quadAt, reanchor, timesAt } from './poly'
import { keptFor, type NodeSegment, type Segment } from './segment'
import type { StepContext } from './stepContext'
import { stepNode } from './stepNode'
import { topologicalOrder } from './topology'

/** Continuous comparisons made at an event are decided this long after it (s). */
const PROBE_S = 1e-3
const MAX_SEGMENTS = 500_000

export interface Timeline {
  readonly twin: Twin
  readonly fx: EffectIndex
  readonly segments: Segment[]
  /**
   * Each node's own next scheduled time as of segment `at`, kept up to date as the timeline
   * grows (segments store only what changed; null: rebuilt from them when next needed).
   */
  readonly dues: { at: number; due: Float64Array | null }
}

const cache = new WeakMap<Twin, Map<string, Timeline>>()
// The same list object asked for again (the engine keeps one per exercise state) skips the text.
const byList = new WeakMap<Twin, WeakMap<readonly ActiveEffect[], Timeline>>()
const CACHE_SIZE = 32

/**
 * The timeline of a twin under a list of effects (memoised: the same list gives the same timeline).
 * A list is read as immutable: pass a new array for a changed list, as the engine does.
 */
export function timelineFor(twin: Twin, effects: readonly ActiveEffect[]): Timeline {
  let lists = byList.get(twin)
  if (!lists) {
    lists = new WeakMap()
    byList.set(twin, lists)
  }
  const same = lists.get(effects)
  if (same) return same
  let byKey = cache.get(twin)
  if (!byKey) {
    byKey = new Map()
    cache.set(twin, byKey)
  }
  const key = effectsKey(effects)
  let timeline = byKey.get(key)
  if (!timeline) {
    const fx = indexEffects(twin, effects)
    timeline = reusePrefix(twin, fx, byKey.values()) ?? freshTimeline(twin, fx)
    if (byKey.size >= CACHE_SIZE) byKey.delete(byKey.keys().next().value as string)
    byKey.set(key, timeline)
  }
  lists.set(effects, timeline)
  return timeline
}

// The list as text, from each effect's memoised text.
function effectsKey(effects: readonly ActiveEffect[]): string {
  return effects
    .map(({ effect, startT, endT }) => `${effectText(effect)}@${startT}-${endT ?? ''}`)
    .join('|')
}

function freshTimeline(twin: Twin, fx: EffectIndex): Timeline {
  const startT = Math.min(0, ...fx.windows.map((w) => w.startT))
  const due = new Float64Array(twin.nodes.length).fill(Infinity)
  const steady = computeSegment(twin, fx, startT, null, true, due)
  const first = computeSegment(twin, fx, startT, steady, false, due)
  return { twin, fx, segments: [first], dues: { at: 0, due } }
}

// Each node's scheduled time as of the timeline's last segment, replaying what each segment
// changed when the timeline was not grown here before (a prefix reused from another).
function duesAtLast(timeline: Timeline): Float64Array {
  const last = timeline.segments.length - 1
  const { dues } = timeline
  if (dues.due && dues.at === last) return dues.due
  const due = new Float64Array(timeline.twin.nodes.length).fill(Infinity)
  for (let k = 0; k <= last; k++) {
    const set = (timeline.segments[k] as Segment).dueSet
    for (let i = 0; i < set.length; i += 2) due[set[i] as number] = set[i + 1] as number
  }
  dues.at = last
  dues.due = due
  return due
}

// Effects usually grow by appending (an attack launched, a mitigation taken): the segments before
// the first moment the new list differs from a known one are the same, and are reused, each
// with its end recomputed against the new list's event times.
function reusePrefix(twin: Twin, fx: EffectIndex, known: Iterable<Timeline>): Timeline | null {
  let donor: Timeline | null = null
  let until = -Infinity
  for (const timeline of known) {
    const t = firstDifference(timeline.fx, fx)
    if (t > until) {
      until = t
      donor = timeline
    }
  }
  const first = donor?.segments[0]
  if (!donor || !first || !(until > first.startT)) return null
  const segments: Segment[] = []
  for (const segment of donor.segments) {
    if (!(segment.startT < until)) break
    const endT = Math.min(nextEffectTime(fx, segment.startT), segment.dueT)
    segments.push(endT === segment.endT ? segment : { ...segment, endT })
    if (endT >= until) break
  }
  return { twin, fx, segments, dues: { at: -1, due: null } }
}

/** The steady state of the chain, with no effects at all. */
export function steadySegment(twin: Twin): Segment {
  return timelineFor(twin, []).segments[0] as Segment
}

/** The index of the segment in force at t, computing the timeline up to t if needed. */
export function segmentIndexAt(timeline: Timeline, t: number): number {
  const { segments } = timeline
  let last = segments[segments.length - 1] as Segment
  while (last.endT <= t) {
    if (segments.length >= MAX_SEGMENTS)
      throw new Error(`twin: more than ${MAX_SEGMENTS} events before t = ${t} s; the effects loop`)
    const due = duesAtLast(timeline)
    last = computeSegment(timeline.twin, timeline.fx, last.endT, last, false, due)
    segments.push(last)
    timeline.dues.at = segments.length - 1
  }
  let lo = 0
  let hi = segments.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((segments[mid] as Segment).startT <= t) lo = mid
    else hi = mid - 1
  }
  return lo
}

// Where each node's segment changes, by segment index, so that a node can be followed over a
// long quiet span without visiting every segment in it (extended as the timeline grows).
const changeIndex = new WeakMap<Timeline, { scanned: number; byNode: number[][] }>()

// The segment indices at which the node's segment changed, among those computed so far.
function nodeChanges(timeline: Timeline, node: number): readonly number[] {
  const { segments } = timeline
  let index = changeIndex.get(timeline)
  if (!index) {
    index = { scanned: 1, byNode: timeline.twin.nodes.map(() => []) }
    changeIndex.set(timeline, index)
  }
  for (; index.scanned < segments.length; index.scanned++)
    for (const i of (segments[index.scanned] as Segment).changed)
      (index.byNode[i] as number[]).push(index.scanned)
  return index.byNode[node] as number[]
}

/**
 * The last segment index at or before k at which the node's segment became the one it has in
 * segment k (0 when it has had it from the first segment).
 */
export function lastNodeChange(timeline: Timeline, node: number, k: number): number {
  const list = nodeChanges(timeline, node)
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((list[mid] as number) <= k) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? 0 : (list[lo - 1] as number)
}

/**
 * The first segment index after k at which the node's segment is another object than in
 * segment k, among the segments computed so far; -1 when there is none.
 */
export function nextNodeChange(timeline: Timeline, node: number, k: number): number {
  const list = nodeChanges(timeline, node)
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((list[mid] as number) <= k) lo = mid + 1
    else hi = mid
  }
  return list[lo] ?? -1
}

// A node is recomputed at an event when something it depends on changes there: an effect on it
// starts or ends, one of its own scheduled times falls due, or a source was recomputed into a
// different segment. Every other node keeps its segment (its quadratics carry their own anchor),
// so an event costs what it changes, not the size of the chain: only the nodes downstream of
// what changed are visited, in topological order.
function computeSegment(
  twin: Twin,
  fx: EffectIndex,
  T: number,
  prev: Segment | null,
  quiet: boolean,
  /** Each node's scheduled time as of `prev`: updated in place to this segment's. */
  due: Float64Array,
): Segment {
  const switches = quiet ? NO_SWITCHES : effectiveSwitches(twin, fx, T)
  const switchKey = [...switches].join(';')
  const graph = graphFor(twin, switches, switchKey)
  const n = twin.nodes.length
  // A change of switch-source mitigations recomputes every node.
  const all = quiet || prev === null || prev.switchKey !== switchKey
  const ctx: StepContext = {
    twin,
    fx,
    T,
    probeT: T + PROBE_S,
    prev,
    next: all ? new Array<NodeSegment>(n) : prev.nodes.slice(),
    switches,
    quiet,
    prevDue: due,
  }
  const out: Recomputed = { due, dueSet: [], changed: [] }
  if (all) {
    for (const index of graph.order) recompute(ctx, index, out)
  } else {
    // Stale nodes by topological position: a node's dependants always come after it. One
    // buffer for every event (an event never starts another), cleared once walked.
    if (staleScratch.length < n) staleScratch = new Uint8Array(n)
    const stale = staleScratch
    for (let index = 0; index < n; index++)
      if ((due[index] as number) <= T) stale[graph.position[index] as number] = 1
    for (const index of touchedAt(fx, prev, T)) stale[graph.position[index] as number] = 1
    try {
      for (let at = 0; at < n; at++) {
        if (stale[at] !== 1) continue
        const index = graph.order[at] as number
        if (!recompute(ctx, index, out)) continue
        for (const dependant of graph.dependants[index] as number[])
          stale[graph.position[dependant] as number] = 1
      }
    } finally {
      stale.fill(0, 0, n)
    }
  }
  let dueT = Infinity
  for (let index = 0; index < n; index++)
    if ((due[index] as number) < dueT) dueT = due[index] as number
  const endT = quiet ? T : Math.min(nextEffectTime(fx, T), dueT)
  return {
    startT: T,
    nodes: ctx.next,
    endT,
    dueT,
    dueSet: out.dueSet,
    switchKey,
    changed: out.changed,
  }
}

interface Recomputed {
  readonly due: Float64Array
  readonly dueSet: number[]
  readonly changed: number[]
}

// Steps one node at the event; true when its segment really changed. (Module-level: tsx names a
// nested function anew on every call.)
function recompute(ctx: StepContext, index: number, out: Recomputed): boolean {
  const segment = stepNode(ctx, index)
  const before = ctx.prev?.nodes[index]
  ctx.next[index] = segment
  // Read by its own step only, so written once that step is done.
  const t = ctx.quiet ? Infinity : nodeDueT(ctx, ctx.twin.nodes[index] as TwinNode, segment)
  if (out.due[index] !== t) out.dueSet.push(index, t)
  out.due[index] = t
  if (segment === before) return false
  out.changed.push(index)
  return true
}

const NO_SWITCHES: ReadonlyMap<number, number> = new Map()
let staleScratch = new Uint8Array(0)

interface Graph {
  /** Node indices, every source before what it feeds. */
  readonly order: readonly number[]
  /** Each node's place in `order`. */
  readonly position: Int32Array
  /** The nodes that read each node: those that list it as a source, and those switched to it. */
  readonly dependants: readonly (readonly number[])[]
}

const graphs = new WeakMap<Twin, Map<string, Graph>>()

// The computation order and dependants under a set of switch-source mitigations (memoised).
function graphFor(twin: Twin, switches: ReadonlyMap<number, number>, key: string): Graph {
  return keptFor(graphs, twin, key, () => buildGraph(twin, switches))
}

function buildGraph(twin: Twin, switches: ReadonlyMap<number, number>): Graph {
  const order = switches.size === 0 ? twin.order : (orderWith(twin, switches) ?? twin.order)
  const position = new Int32Array(twin.nodes.length)
  order.forEach((index, at) => {
    position[index] = at
  })
  const dependants: number[][] = twin.nodes.map(() => [])
  for (const node of twin.nodes) {
    const to = switches.get(node.index)
    const reads = to === undefined ? node.sources : [...new Set([...node.sources, to])]
    for (const source of reads) dependants[source]?.push(node.index)
  }
  return { order, position, dependants }
}

// The nodes that something happens to at T: an effect on them starts, ends, caps or clears, a
// leap falls due on them or on a node that announced it, or a restore.
function touchedAt(fx: EffectIndex, prev: Segment, T: number): number[] {
  const touched: number[] = []
  for (const w of windowsAt(fx, T)) {
    if (w.startT === T || w.endT === T || w.capT === T || w.clearT === T) touched.push(w.target)
    if (w.leapT !== T) continue
    touched.push(w.target)
    const key = leapKey(w)
    prev.nodes.forEach((node, index) => {
      if (node.leaps.includes(key)) touched.push(index)
    })
  }
  for (const index of restoresAt(fx, T)) touched.push(index)
  return touched
}

const windowsByTime = new WeakMap<EffectIndex, Map<number, EffectWindow[]>>()
const restoresByTime = new WeakMap<EffectIndex, Map<number, number[]>>()

// The windows with a start, end, cap, clear or leap exactly at T.
function windowsAt(fx: EffectIndex, T: number): readonly EffectWindow[] {
  let byTime = windowsByTime.get(fx)
  if (!byTime) {
    byTime = new Map()
    for (const w of fx.windows) {
      for (const t of new Set([w.startT, w.endT, w.capT, w.clearT, w.leapT])) {
        if (t === null || !Number.isFinite(t)) continue
        const list = byTime.get(t)
        if (list) list.push(w)
        else byTime.set(t, [w])
      }
    }
    windowsByTime.set(fx, byTime)
  }
  return byTime.get(T) ?? []
}

// The nodes restored exactly at T.
function restoresAt(fx: EffectIndex, T: number): readonly number[] {
  let byTime = restoresByTime.get(fx)
  if (!byTime) {
    byTime = new Map()
    fx.restoresByTarget.forEach((times, index) => {
      for (const t of times) {
        const list = byTime?.get(t)
        if (list) list.push(index)
        else byTime?.set(t, [index])
      }
    })
    restoresByTime.set(fx, byTime)
  }
  return byTime.get(T) ?? []
}

// switch-source mitigations in force, in the order they were taken; one that would close a loop
// of sources is ignored.
function effectiveSwitches(twin: Twin, fx: EffectIndex, T: number): Map<number, number> {
  const switches = new Map<number, number>()
  for (const w of fx.windows) {
    if (w.effect.kind !== 'switch-source' || w.to === null || !isActive(w, T)) continue
    const before = switches.get(w.target)
    switches.set(w.target, w.to)
    if (!orderWith(twin, switches)) {
      if (before === undefined) switches.delete(w.target)
      else switches.set(w.target, before)
    }
  }
  return switches
}

function orderWith(twin: Twin, switches: ReadonlyMap<number, number>): number[] | null {
  return topologicalOrder(
    twin.nodes.map((node) => {
      const to = switches.get(node.index)
      return to === undefined ? node.sources : [to]
    }),
  )
}

// The next time this node's own state schedules a change: a slew or stepout ending, holdover
// leaving its spec, an NTP weight basis to renew, or NTP intervals meeting or parting.
function nodeDueT(ctx: StepContext, node: TwinNode, segment: NodeSegment): number {
  let next = Infinity
  if (segment.coast && segment.mode === 'holdover')
    next = earlierAfter(next, segment.coast.startT + node.holdoverSpecS, ctx.T)
  const ntp = segment.ntp
  const client = node.ntp
  if (!ntp || !client) return next
  if (ntp.pollDueT !== null) next = earlierAfter(next, ntp.pollDueT, ctx.T)
  if (ntp.daemon === 'slew')
    next = earlierAfter(
      next,
      ctx.T + Math.abs(quadAt(ntp.pending, ctx.T)) / client.discipline.slewNsPerS,
      ctx.T,
    )
  if (ntp.daemon === 'spike' && ntp.spikeStartT !== null)
    next = earlierAfter(next, stepDueT(client, ntp.spikeStartT), ctx.T)
  const far = Number.MAX_VALUE
  for (const { source, distanceNs } of ntp.basis) {
    const distance = ntp.peers.find((peer) => peer.source === source)?.distance
    if (!distance) continue
    for (const level of [2 * distanceNs, distanceNs / 2])
      for (const t of timesAt(distance, level, ctx.probeT, far)) next = earlierAfter(next, t, ctx.T)
  }
  const live = ntp.peers.filter(
    (peer) =>
      peer.status === 'sys.peer' || peer.status === 'candidate' || peer.status === 'falseticker',
  )
  const theta = live.map((peer) =>
    addScaled(reanchor(ctx.next[peer.source]?.te ?? peer.shift, ctx.T), peer.shift),
  )
  live.forEach((peer, a) => {
    for (const t of timesAt(peer.distance, NTP.maxDistanceNs, ctx.probeT, far))
      next = earlierAfter(next, t, ctx.T)
    for (let b = a + 1; b < live.length; b++) {
      const gap = addScaled(theta[a] as Quad, theta[b] as Quad, -1)
      const reach = addScaled(peer.distance, (live[b] as typeof peer).distance)
      for (const sign of [1, -1]) {
        for (const t of timesAt(addScaled(gap, reach, sign), 0, ctx.probeT, far))
          next = earlierAfter(next, t, ctx.T)
      }
    }
  })
  return next
}

// The earlier of `next` and t, counting t only when it is after T.
function earlierAfter(next: number, t: number, T: number): number {
  return t > T && t < next ? t : next
}
