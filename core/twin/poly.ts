/** Quadratics in scenario time: every deterministic time error in the twin is one, per segment. */

/** value(t) = a + b·(t − t0) + c·(t − t0)²; anchored at t0 so that long times keep precision. */
export interface Quad {
  readonly t0: number
  readonly a: number
  readonly b: number
  readonly c: number
}

/** The constant `a`, anchored at t0. */
export function constant(t0: number, a: number): Quad {
  return { t0, a, b: 0, c: 0 }
}

/** The value of a quadratic at t. */
export function quadAt(q: Quad, t: number): number {
  const u = t - q.t0
  return q.a + u * (q.b + u * q.c)
}

/** The slope of a quadratic at t. */
export function quadSlopeAt(q: Quad, t: number): number {
  return q.b + 2 * q.c * (t - q.t0)
}

/** The same quadratic anchored at another time. */
export function reanchor(q: Quad, t0: number): Quad {
  if (q.t0 === t0) return q
  const d = t0 - q.t0
  return { t0, a: q.a + d * (q.b + d * q.c), b: q.b + 2 * q.c * d, c: q.c }
}

/** p + k·q, anchored where p is. */
export function addScaled(p: Quad, q: Quad, k = 1): Quad {
  const r = reanchor(q, p.t0)
  return { t0: p.t0, a: p.a + k * r.a, b: p.b + k * r.b, c: p.c + k * r.c }
}

/** The quadratic plus a constant. */
export function shift(q: Quad, offset: number): Quad {
  return { t0: q.t0, a: q.a + offset, b: q.b, c: q.c }
}

/**
 * The roots of a + b·u + c·u² in u, ascending; a double root (a touch, not a crossing) is left out.
 * Uses the cancellation-free form of the quadratic formula.
 */
export function quadraticRoots(a: number, b: number, c: number): number[] {
  if (c === 0) return b === 0 ? [] : [-a / b]
  const disc = b * b - 4 * a * c
  if (!(disc > 0)) return []
  const q = -0.5 * (b + (b < 0 ? -1 : 1) * Math.sqrt(disc))
  const r1 = q / c
  const r2 = a / q
  return r1 < r2 ? [r1, r2] : [r2, r1]
}

/** The times in (lo, hi) at which q(t) = level, ascending. */
export function timesAt(q: Quad, level: number, lo: number, hi: number): number[] {
  return quadraticRoots(q.a - level, q.b, q.c)
    .map((u) => q.t0 + u)
    .filter((t) => t > lo && t < hi)
}
