/** What every node's step at an event needs: the effects on it, its sources, and how it coasts. */
import { activeOn, type EffectIndex, type EffectWindow, isActive, leapKey } from './activeEffects'
import type { PtpDataset } from './bmca'
import type { Twin, TwinNode } from './buildTwin'
import type { Effect, EffectKind } from './effectSchema'
import { holdoverQuad } from './holdover'
import { type NoiseTerm, noiseAt } from './noise'
import { NTP, PTP } from './parameters'
import { addScaled, constant, type Quad, quadAt, reanchor } from './poly'
import {
  type Coast,
  isCoasting,
  type Mode,
  type NodeSegment,
  type Segment,
  timeErrorAt,
} from './segment'
import { isNetworkKind, isPtpKind } from './topology'

export interface StepContext {
  readonly twin: Twin
  readonly fx: EffectIndex
  /** The event time: the new segment starts here. */
  readonly T: number
  /** Just after T: where continuous comparisons (NTP intervals) are decided. */
  readonly probeT: number
  /** The segment in force just before T (null at the very start). */
  readonly prev: Segment | null
  /** The new segment's nodes, filled in topological order. */
  readonly next: NodeSegment[]
  /** switch-source mitigations in force: node → the node it now follows. */
  readonly switches: ReadonlyMap<number, number>
  /** Compute the steady state, as if no effect existed. */
  readonly quiet: boolean
  /** Each node's own next scheduled time as of `prev` (a node reads only its own). */
  readonly prevDue: Float64Array
}

type WindowOf<K extends EffectKind> = EffectWindow & {
  readonly effect: Extract<Effect, { kind: K }>
}

/** The windows of one kind in force on a node at the event. */
export function on<K extends EffectKind>(ctx: StepContext, node: number, kind: K): WindowOf<K>[] {
  return ctx.quiet ? [] : activeOn(ctx.fx, node, kind, ctx.T)
}

/** The node's sources at the event, most preferred first, after switch-source and force-holdover. */
export function activeSources(ctx: StepContext, node: number): readonly number[] {
  if (on(ctx, node, 'force-holdover').length > 0) return []
  const to = ctx.switches.get(node)
  if (to !== undefined) return [to]
  return ctx.twin.nodes[node]?.sources ?? []
}

/** True when the link from `source` runs over a network and either end is isolated. */
export function networkBlocked(ctx: StepContext, node: number, source: number): boolean {
  if (!isNetworkKind(ctx.twin.nodes[source]?.kind)) return false
  return on(ctx, node, 'isolate').length > 0 || on(ctx, source, 'isolate').length > 0
}

/** The node's own link noise (constant rms). */
export function flatTerm(node: TwinNode): NoiseTerm {
  return { kind: 'flat', key: node.key, weight: 1, sigmaNs: node.linkNoiseNs }
}

/** The node's holdover wander since `startT`. */
export function holdTerm(node: TwinNode, startT: number): NoiseTerm {
  const { whiteFm, floor } = node.holdover
  return { kind: 'hold', key: node.key ^ 0x686f6c64, weight: 1, startT, whiteFm, floor }
}

/** Its full time error just before the event (its bias when there was no before). */
export function teBefore(ctx: StepContext, node: number): number {
  const prev = ctx.prev?.nodes[node]
  return prev ? timeErrorAt(ctx.twin.seed, prev, ctx.T) : (ctx.twin.nodes[node]?.biasNs ?? 0)
}

/**
 * What is done to the clock itself, ns: utc-parameters, a compromise's offset, a false leap on a
 * non-NTP node, and frequency steers. `persist`: a clock with nothing to pull it back (a primary
 * source, a clock in holdover) keeps the offset a steer accumulated after the steer stops.
 */
export function clockTerms(ctx: StepContext, node: number, persist: boolean): Quad {
  let q = constant(ctx.T, 0)
  if (ctx.quiet) return q
  const ptpClock = isPtpKind(ctx.twin.nodes[node]?.kind)
  for (const w of ctx.fx.byTarget[node] ?? []) {
    const e = w.effect
    if (e.kind === 'frequency-steer' && ctx.T >= w.startT) {
      const rate = e.fractional * 1e9
      if (ctx.T < w.endT) q = addScaled(q, { t0: w.startT, a: 0, b: rate, c: 0 })
      else if (persist && ctx.T < w.clearT)
        q = addScaled(q, constant(ctx.T, rate * (w.endT - w.startT)))
    } else if (
      (e.kind === 'server-compromise' || e.kind === 'utc-parameters') &&
      isActive(w, ctx.T)
    ) {
      q = addScaled(q, constant(ctx.T, e.offsetNs))
    }
    if (w.leapT !== null && w.leapT <= ctx.T && isActive(w, ctx.T) && !ptpClock)
      q = addScaled(q, constant(ctx.T, w.leapStepNs))
  }
  return q
}

/** The leap announcements a node makes itself as the target of a leap effect. */
export function ownLeaps(ctx: StepContext, node: number): string[] {
  if (ctx.quiet) return []
  return (ctx.fx.byTarget[node] ?? [])
    .filter((w) => w.leapT !== null && isActive(w, ctx.T) && ctx.T < w.leapT)
    .map(leapKey)
}

/** TAI − UTC before any leap the scenario makes (since 1 January 2017). */
const TAI_MINUS_UTC_S = 37

/** The dataset a grandmaster or boundary clock announces of itself in a mode. */
export function ownDataset(ctx: StepContext, node: TwinNode, mode: Mode): PtpDataset | null {
  if (!node.ptp || mode === 'down' || mode === 'panicked') return null
  const locked = !isCoasting(mode)
  const free = mode === 'free-run'
  // A false leap on a PTP clock changes what it announces about UTC, never its TAI time.
  let currentUtcOffset = TAI_MINUS_UTC_S
  for (const w of ctx.quiet ? [] : (ctx.fx.byTarget[node.index] ?? []))
    if (w.leapT !== null && w.leapT <= ctx.T && isActive(w, ctx.T))
      currentUtcOffset += w.leapStepNs < 0 ? 1 : -1
  return {
    priority1: node.ptp.priority1,
    clockClass: locked ? node.ptp.lockedClass : holdoverClass(node, free),
    clockAccuracy: locked ? PTP.lockedAccuracy : free ? PTP.freeRunAccuracy : PTP.holdoverAccuracy,
    offsetScaledLogVariance: locked
      ? PTP.lockedVariance
      : free
        ? PTP.freeRunVariance
        : PTP.holdoverVariance,
    priority2: node.ptp.priority2,
    identity: node.ptp.identity,
    stepsRemoved: 0,
    leap61: ownLeaps(ctx, node.index).length > 0,
    currentUtcOffset,
    rogue: false,
  }
}

// IEEE 1588: 7 in holdover, 248 free-running. G.8275.1 Table 2: a T-GM announces 7 within its
// holdover specification and past it 140, 150 or 160 by the category of the frequency source it
// holds over on; a T-BC 135 and 165.
function holdoverClass(node: TwinNode, outOfSpec: boolean): number {
  if (!node.ptpPorts.telecom) return outOfSpec ? PTP.freeRunClass : PTP.holdoverClass
  if (node.kind === 'ptp-boundary')
    return outOfSpec ? PTP.telecomBcOutOfSpecClass : PTP.telecomBcHoldoverClass
  if (!outOfSpec) return PTP.holdoverClass
  return PTP.telecomGmOutOfSpecClasses[node.ptp?.frequencyCategory ?? 1]
}

export interface CoastOptions {
  readonly serving: boolean
  readonly hasTime: boolean
  /** Start a new free run from this time error even if the node was already coasting. */
  readonly restartAtNs?: number
  readonly extra?: Pick<Partial<NodeSegment>, 'gnss' | 'ntp' | 'lostPreferred'>
}

/** The given value, or the default when none was given. */
export function or<T>(given: T | undefined, fallback: T): T {
  return given === undefined ? fallback : given
}

/** A node running on its own oscillator: holdover from the moment it lost its last source. */
export function coasting(
  ctx: StepContext,
  index: number,
  mode: 'holdover' | 'free-run' | 'down' | 'panicked',
  options: CoastOptions,
): NodeSegment {
  const node = ctx.twin.nodes[index] as TwinNode
  const prev = ctx.prev?.nodes[index]
  const always = clockTerms(ctx, index, true)
  const fresh = options.restartAtNs !== undefined || !prev?.coast || !isCoasting(prev.mode)
  const coast: Coast =
    !fresh && prev?.coast
      ? prev.coast
      : {
          startT: ctx.T,
          baseNs:
            (options.restartAtNs ?? teBefore(ctx, index)) -
            quadAt(always, ctx.T) -
            noiseAt(ctx.twin.seed, [holdTerm(node, ctx.T)], ctx.T),
          distanceNs: prev ? quadAt(prev.distance, ctx.T) : node.baseDistanceNs,
        }
  const te = addScaled(
    reanchor(holdoverQuad(node.holdover, coast.startT, coast.baseNs), ctx.T),
    always,
  )
  const effective =
    mode === 'holdover' && ctx.T >= coast.startT + node.holdoverSpecS ? 'free-run' : mode
  const announce = options.serving ? ownDataset(ctx, node, effective) : null
  return {
    mode: effective,
    serving: options.serving,
    hasTime: options.hasTime,
    te,
    noise: [holdTerm(node, coast.startT)],
    selected: null,
    rogue: null,
    traceable: false,
    lostPreferred: or(options.extra?.lostPreferred, node.sources.length > 0),
    coast,
    distance: {
      t0: ctx.T,
      a: coast.distanceNs + NTP.phiNsPerS * (ctx.T - coast.startT),
      b: NTP.phiNsPerS,
      c: 0,
    },
    announce,
    parent: announce,
    leaps: ownLeaps(ctx, index),
    ntp: or(options.extra?.ntp, null),
    gnss: or(options.extra?.gnss, null),
  }
}
