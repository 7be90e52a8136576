/**
 * Exact threshold crossings of a time error (a quadratic plus piecewise-linear seeded noise):
 * outside the band where the noise could matter the quadratic alone decides; inside it, each
 * noise bucket makes the sum one quadratic, solved in closed form.
 */
import { type NoiseTerm, noiseAt, noiseBound } from './noise'
import { NOISE_BUCKET_S } from './parameters'
import { type Quad, quadAt, quadraticRoots, timesAt } from './poly'

/** How far past a computed root the predicate may need nudging before it shows the change (s). */
const SETTLE_S = 1e-6

/** The first time in (lo, hi) at which q(t) + noise(t) crosses one of the levels, or null. */
export function firstCrossing(
  seed: number,
  q: Quad,
  noise: readonly NoiseTerm[],
  levels: readonly number[],
  lo: number,
  hi: number,
): number | null {
  if (!(hi > lo) || levels.length === 0) return null
  if (!Number.isFinite(hi)) throw new Error('firstCrossing: search up to a finite time')
  const bound = noise.length === 0 ? 0 : noiseBound(noise, hi)
  let best: number | null = null
  for (const level of levels) {
    const until: number = best ?? hi
    const root: number | null =
      bound === 0
        ? (timesAt(q, level, lo, until)[0] ?? null)
        : noisyCrossing(seed, q, noise, level, bound, lo, until)
    if (root !== null && (best === null || root < best)) best = root
  }
  return best
}

/**
 * The first time in (lo, hi) at which `predicate` differs from `base`, where the predicate only
 * changes when q + noise crosses a level. Roots are checked against the predicate itself and
 * nudged forward by a few ulps if rounding put them a hair early.
 */
export function firstChange(
  predicate: (t: number) => unknown,
  base: unknown,
  seed: number,
  q: Quad,
  noise: readonly NoiseTerm[],
  levels: readonly number[],
  lo: number,
  hi: number,
): number | null {
  let from = lo
  for (let guard = 0; guard < 100_000; guard++) {
    const root = firstCrossing(seed, q, noise, levels, from, hi)
    if (root === null) return null
    const settled = settle(predicate, base, root, hi)
    if (settled !== null) return settled
    from = root + SETTLE_S
  }
  return null
}

/** The first time within a few ulps after `root` (and before hi) at which the predicate differs from base. */
export function settle(
  predicate: (t: number) => unknown,
  base: unknown,
  root: number,
  hi: number,
): number | null {
  const ulp = Math.max(Math.abs(root), 1) * Number.EPSILON
  for (let k = -1; k < 64; k++) {
    const t = k < 0 ? root : root + ulp * 2 ** k
    if (t >= hi || t - root > SETTLE_S) return null
    if (predicate(t) !== base) return t
  }
  return null
}

function noisyCrossing(
  seed: number,
  q: Quad,
  noise: readonly NoiseTerm[],
  level: number,
  bound: number,
  lo: number,
  hi: number,
): number | null {
  const width = NOISE_BUCKET_S.link
  for (const [w0, w1] of band(q, level, bound, lo, hi)) {
    for (let k = Math.floor(w0 / width); k * width < w1; k++) {
      const g0 = k * width
      const e0 = noiseAt(seed, noise, g0)
      const slope = (noiseAt(seed, noise, g0 + width) - e0) / width
      const a = q.a + e0 + slope * (q.t0 - g0) - level
      const from = Math.max(w0, g0, lo)
      const to = Math.min(w1, g0 + width)
      for (const u of quadraticRoots(a, q.b + slope, q.c)) {
        const t = q.t0 + u
        if (t > lo && t >= from && t <= to && t < hi) return t
      }
    }
  }
  return null
}

// The parts of (lo, hi) where |q − level| ≤ bound: only there can the noise make a crossing.
function band(q: Quad, level: number, bound: number, lo: number, hi: number): [number, number][] {
  const cuts = [
    lo,
    ...timesAt(q, level - bound, lo, hi),
    ...timesAt(q, level + bound, lo, hi),
    hi,
  ].sort((a, b) => a - b)
  const windows: [number, number][] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const x = cuts[i] as number
    const y = cuts[i + 1] as number
    if (!(y > x)) continue
    if (Math.abs(quadAt(q, (x + y) / 2) - level) > bound) continue
    const last = windows[windows.length - 1]
    if (last && last[1] === x) last[1] = y
    else windows.push([x, y])
  }
  return windows
}
