/** The effects in force, as windows per node, and every scenario time at which one of them changes. */
import type { Twin } from './buildTwin'
import type { ActiveEffect, Effect, EffectKind } from './effectSchema'

/** One effect on one node, from `startT` (inclusive) to `endT` (exclusive). */
export interface EffectWindow {
  readonly index: number
  readonly effect: Effect
  readonly target: number
  readonly startT: number
  readonly endT: number
  /** Frequency steers: when a restore removes the offset they accumulated (else Infinity). */
  readonly clearT: number
  /** Leap effects: when the announced second is due; it happens only if the effect lasts that long. */
  readonly leapT: number | null
  /** The clock's jump at the leap: −1 s for an inserted second, +1 s for a deleted one. */
  readonly leapStepNs: number
  /**
   * The leap's date: at the end of 30 June or 31 December (the only dates chrony accepts), at
   * another month end, or unknown (the chain has no `startUtc`).
   */
  readonly leapCalendar: 'june-december' | 'other-month' | 'unknown'
  /** The announcement began in the first hour of a month (ntpd refuses it). */
  readonly leapFirstHour: boolean
  /** Spoofing with a maximum offset: when the push reaches it. */
  readonly capT: number | null
  /** switch-source: the node switched to. */
  readonly to: number | null
}

export interface EffectIndex {
  readonly windows: readonly EffectWindow[]
  readonly byTarget: readonly (readonly EffectWindow[])[]
  readonly restoresByTarget: readonly (readonly number[])[]
  /** Every start, end, leap, cap and restore time, ascending, without repeats. */
  readonly times: readonly number[]
}

// A restore returns the node to its normal configuration: it ends what was done *to the node*
// (outage, compromise, leap file, steer) and the defenders' own reconfigurations. Jamming,
// spoofing, on-path and rogue-master attacks live outside the node and are not ended by it.
const RESTORABLE: ReadonlySet<EffectKind> = new Set([
  'outage',
  'server-compromise',
  'false-leap-second',
  'frequency-steer',
  'force-holdover',
  'isolate',
  'switch-source',
  'gps-time-output',
])

/** Default leap delay of a `server-compromise` with `leapFlag` (as `false-leap-second`). */
const COMPROMISE_LEAP_AFTER_S = 3_600

/** Turns the engine's list of effects into windows per target node. */
export function indexEffects(twin: Twin, effects: readonly ActiveEffect[]): EffectIndex {
  const restores = twin.nodes.map((): number[] => [])
  effects.forEach(({ effect, startT }) => {
    const target = twin.byId.get(effect.target)
    if (effect.kind === 'restore' && target !== undefined) restores[target]?.push(startT)
  })
  for (const list of restores) list.sort((a, b) => a - b)
  const windows: EffectWindow[] = []
  const startMs = twin.chain.startUtc === undefined ? null : Date.parse(twin.chain.startUtc)
  effects.forEach(({ effect, startT, endT }, index) => {
    const target = twin.byId.get(effect.target)
    if (target === undefined || effect.kind === 'restore') return
    let end = Math.min(endT ?? Infinity, startT + (effect.durationS ?? Infinity))
    const restoreAfter = restores[target]?.find((t) => t > startT) ?? Infinity
    if (RESTORABLE.has(effect.kind)) end = Math.min(end, restoreAfter)
    if (!(end > startT)) return
    const leap = leapTime(effect, startT, startMs)
    windows.push({
      index,
      effect,
      target,
      startT,
      endT: end,
      clearT: effect.kind === 'frequency-steer' ? restoreAfter : Infinity,
      leapT: leap?.t ?? null,
      leapStepNs: effect.kind === 'false-leap-second' && effect.direction === 'delete' ? 1e9 : -1e9,
      leapCalendar: leap?.calendar ?? 'unknown',
      leapFirstHour: leap?.firstHour ?? false,
      capT: capTime(effect, startT, end),
      to: effect.kind === 'switch-source' ? (twin.byId.get(effect.to) ?? null) : null,
    })
  })
  const byTarget = twin.nodes.map((): EffectWindow[] => [])
  for (const window of windows) byTarget[window.target]?.push(window)
  const times = new Set<number>()
  for (const w of windows) {
    const leapT = w.leapT !== null && w.leapT < w.endT ? w.leapT : null
    for (const t of [w.startT, w.endT, w.clearT, leapT, w.capT]) {
      if (t !== null && Number.isFinite(t)) times.add(t)
    }
  }
  for (const list of restores) for (const t of list) times.add(t)
  return {
    windows,
    byTarget,
    restoresByTarget: restores,
    times: [...times].sort((a, b) => a - b),
  }
}

/**
 * The earliest time at which two sets of effects can make the chain differ: before it, every
 * window in force, every scheduled time and every restore is the same in both.
 */
export function firstDifference(a: EffectIndex, b: EffectIndex): number {
  let t = Infinity
  const byIndex = new Map<number, [EffectWindow | undefined, EffectWindow | undefined]>()
  for (const w of a.windows) byIndex.set(w.index, [w, undefined])
  for (const w of b.windows) byIndex.set(w.index, [byIndex.get(w.index)?.[0], w])
  for (const [wa, wb] of byIndex.values()) {
    if (!wa || !wb) {
      t = Math.min(t, (wa ?? wb)?.startT ?? Infinity)
    } else if (
      wa.startT !== wb.startT ||
      wa.target !== wb.target ||
      !sameEffect(wa.effect, wb.effect)
    ) {
      t = Math.min(t, wa.startT, wb.startT)
    } else {
      for (const key of ['endT', 'clearT', 'capT'] as const) {
        if (wa[key] !== wb[key]) t = Math.min(t, wa[key] ?? Infinity, wb[key] ?? Infinity)
      }
      if (wa.leapT !== null && wa.endT !== wb.endT) t = Math.min(t, wa.leapT)
    }
  }
  a.restoresByTarget.forEach((times, node) => {
    const other = b.restoresByTarget[node] ?? []
    for (const x of times) if (!other.includes(x)) t = Math.min(t, x)
    for (const x of other) if (!times.includes(x)) t = Math.min(t, x)
  })
  return t
}

const effectTexts = new WeakMap<Effect, string>()

/** The effect as text, to compare effects by value (memoised per effect object). */
export function effectText(effect: Effect): string {
  let text = effectTexts.get(effect)
  if (text === undefined) {
    text = JSON.stringify(effect)
    effectTexts.set(effect, text)
  }
  return text
}

function sameEffect(a: Effect, b: Effect): boolean {
  return a === b || effectText(a) === effectText(b)
}

/** Names one leap second: when it falls and which way, so announcements of it can be counted. */
export function leapKey(window: EffectWindow): string {
  return `${window.leapT}/${window.leapStepNs}`
}

/** True while the window is in force at t. */
export function isActive(window: EffectWindow, t: number): boolean {
  return window.startT <= t && t < window.endT
}

const NONE: never[] = Object.freeze([]) as never[]

/** The windows of one kind in force on a node at t (a list not to be changed). */
export function activeOn<K extends EffectKind>(
  fx: EffectIndex,
  node: number,
  kind: K,
  t: number,
): (EffectWindow & { readonly effect: Extract<Effect, { kind: K }> })[] {
  const windows = fx.byTarget[node]
  // Most nodes have no effect on them: no list to allocate.
  if (!windows || windows.length === 0) return NONE
  const found: (EffectWindow & { readonly effect: Extract<Effect, { kind: K }> })[] = []
  for (const window of windows) {
    if (window.effect.kind === kind && isActive(window, t))
      found.push(window as EffectWindow & { readonly effect: Extract<Effect, { kind: K }> })
  }
  return found
}

/** True when a restore of the node happens exactly at t. */
export function restoredAt(fx: EffectIndex, node: number, t: number): boolean {
  return fx.restoresByTarget[node]?.includes(t) ?? false
}

/** The first effect time after t (Infinity when none). */
export function nextEffectTime(fx: EffectIndex, t: number): number {
  let lo = 0
  let hi = fx.times.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((fx.times[mid] as number) <= t) lo = mid + 1
    else hi = mid
  }
  return fx.times[lo] ?? Infinity
}

/** The earliest start of any effect (Infinity when there is none). */
export function firstEffectTime(fx: EffectIndex): number {
  return fx.times[0] ?? Infinity
}

interface LeapTime {
  readonly t: number
  readonly calendar: EffectWindow['leapCalendar']
  readonly firstHour: boolean
}

// With a calendar, a leap falls at the end of the UTC month in which it is announced (ntpd
// arms a leap for the end of the current month only [20]); without one, when the effect says.
function leapTime(effect: Effect, startT: number, startMs: number | null): LeapTime | null {
  const afterS =
    effect.kind === 'false-leap-second'
      ? effect.leapAfterS
      : effect.kind === 'server-compromise' && effect.leapFlag
        ? COMPROMISE_LEAP_AFTER_S
        : null
  if (afterS === null) return null
  if (startMs === null || Number.isNaN(startMs))
    return { t: startT + afterS, calendar: 'unknown', firstHour: false }
  const announced = new Date(startMs + startT * 1000)
  const year = announced.getUTCFullYear()
  const month = announced.getUTCMonth()
  const monthStartMs = Date.UTC(year, month, 1)
  const endMs = Date.UTC(year, month + 1, 1)
  return {
    t: (endMs - startMs) / 1000,
    // The month that ends is June (5) or December (11).
    calendar: month === 5 || month === 11 ? 'june-december' : 'other-month',
    firstHour: startMs + startT * 1000 - monthStartMs < 3_600_000,
  }
}

function capTime(effect: Effect, startT: number, endT: number): number | null {
  if (effect.kind !== 'gnss-spoofing' || effect.maxOffsetNs === undefined) return null
  if (effect.rateNsPerS === 0) return null
  const capT = startT + effect.maxOffsetNs / Math.abs(effect.rateNsPerS)
  return capT < endT ? capT : null
}
