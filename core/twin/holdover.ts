/** Holdover: a clock that has lost its sources runs on its oscillator, TE = x0 + y0·t + ½·D·t² (+ ε). */
import { OSCILLATOR_MODELS, type Oscillator } from './parameters'
import { type Quad, quadraticRoots } from './poly'

const SECONDS_PER_DAY = 86_400

/** The holdover figures of one clock; `sign` (seeded per node) is the direction it drifts. */
export interface HoldoverModel {
  readonly y0: number
  readonly agingPerS: number
  readonly sign: 1 | -1
  readonly whiteFm: number
  readonly floor: number
}

/** The holdover model of an oscillator class, or of explicit y0 and D per day. */
export function holdoverModel(
  oscillator: Oscillator,
  override: { readonly y0: number; readonly agingPerDay: number } | undefined,
  sign: 1 | -1,
): HoldoverModel {
  const figures = OSCILLATOR_MODELS[oscillator]
  const y0 = override?.y0 ?? figures.y0
  const agingPerDay = override?.agingPerDay ?? figures.agingPerDay
  return {
    y0,
    agingPerS: agingPerDay / SECONDS_PER_DAY,
    sign,
    whiteFm: figures.whiteFm,
    floor: figures.floor,
  }
}

/** The drift accumulated τ seconds into holdover, ns (without x0 and noise). */
export function holdoverDriftNs(model: HoldoverModel, tauS: number): number {
  return model.sign * (model.y0 * tauS + 0.5 * model.agingPerS * tauS * tauS) * 1e9
}

/** TE in holdover as a quadratic anchored at the start of holdover, from its value there. */
export function holdoverQuad(model: HoldoverModel, startT: number, x0Ns: number): Quad {
  return {
    t0: startT,
    a: x0Ns,
    b: model.sign * model.y0 * 1e9,
    c: model.sign * 0.5 * model.agingPerS * 1e9,
  }
}

/**
 * How long after the start of holdover |TE| first reaches `limitNs`, solving
 * x0 + y0·t + ½·D·t² = ±limit (drift taken positive); Infinity when it never does.
 * @example holdoverCrossingS(holdoverModel('ocxo', undefined, 1), 1_500) // ≈ 18 900 s (5.2 h)
 */
export function holdoverCrossingS(model: HoldoverModel, limitNs: number, x0Ns = 0): number {
  if (Math.abs(x0Ns) >= limitNs) return 0
  const b = Math.abs(model.y0) * 1e9
  const c = 0.5 * Math.abs(model.agingPerS) * 1e9
  const roots = [
    ...quadraticRoots(x0Ns - limitNs, b, c),
    ...quadraticRoots(x0Ns + limitNs, b, c),
  ].filter((t) => t > 0)
  return roots.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...roots)
}
