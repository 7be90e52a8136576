/**
 * Seeded noise: a deterministic function of (seed, source of noise, time bucket), interpolated
 * linearly inside each bucket, so that its value at t never depends on how t was reached and
 * every crossing of a threshold is the root of a quadratic inside one bucket.
 */
import { NOISE_BUCKET_S } from './parameters'

/** Link noise of constant rms, or holdover wander whose rms grows as τ·σy(τ)/√3. */
export type NoiseTerm =
  | {
      readonly kind: 'flat'
      readonly key: number
      readonly weight: number
      readonly sigmaNs: number
    }
  | {
      readonly kind: 'hold'
      readonly key: number
      readonly weight: number
      readonly startT: number
      readonly whiteFm: number
      readonly floor: number
    }

/** FNV-1a of a string, as an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function mix(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** A 32-bit hash of three integers. */
export function hash3(a: number, b: number, c: number): number {
  return mix((mix((mix(a ^ 0x9e3779b9) ^ b) >>> 0) + Math.imul(c, 0x27d4eb2f)) | 0)
}

/** A value in [0, 1) from a hash of three integers. */
export function unitFrom(a: number, b: number, c: number): number {
  return hash3(a, b, c) / 4_294_967_296
}

// Three 10-bit uniforms on (−1, 1) summed: unit variance, bounded by ±3.
function gauss(seed: number, key: number, bucket: number): number {
  const h = hash3(seed, key, bucket)
  return ((h & 1023) + ((h >>> 10) & 1023) + ((h >>> 20) & 1023) + 1.5) / 512 - 3
}

/** The bound of |gauss|: noise never exceeds 3 × its rms. */
export const NOISE_PEAK = 3

/** rms of holdover wander after τ seconds, ns: τ·σy(τ)/√3 with σy(τ) = max(whiteFm·τ^-½, floor). */
export function holdWanderRmsNs(whiteFm: number, floor: number, tauS: number): number {
  if (tauS <= 0) return 0
  return (tauS * Math.max(whiteFm / Math.sqrt(tauS), floor) * 1e9) / Math.sqrt(3)
}

function termAt(seed: number, term: NoiseTerm, t: number): number {
  if (term.kind === 'flat') {
    const x = t / NOISE_BUCKET_S.link
    const k = Math.floor(x)
    const g0 = gauss(seed, term.key, k)
    const g1 = gauss(seed, term.key, k + 1)
    return term.sigmaNs * (g0 + (g1 - g0) * (x - k))
  }
  const width = NOISE_BUCKET_S.hold
  const x = t / width
  const k = Math.floor(x)
  const v0 = holdWanderRmsNs(term.whiteFm, term.floor, k * width - term.startT)
  const v1 = holdWanderRmsNs(term.whiteFm, term.floor, (k + 1) * width - term.startT)
  const e0 = v0 === 0 ? 0 : v0 * gauss(seed, term.key, k)
  const e1 = v1 === 0 ? 0 : v1 * gauss(seed, term.key, k + 1)
  return e0 + (e1 - e0) * (x - k)
}

/** The noise of a combination of terms at t, ns. */
export function noiseAt(seed: number, terms: readonly NoiseTerm[], t: number): number {
  let sum = 0
  for (const term of terms) sum += term.weight * termAt(seed, term, t)
  return sum
}

/** A bound on |noise| at any time up to `hi` (wander only grows). */
export function noiseBound(terms: readonly NoiseTerm[], hi: number): number {
  let bound = 0
  for (const term of terms) {
    const rms =
      term.kind === 'flat'
        ? term.sigmaNs
        : holdWanderRmsNs(
            term.whiteFm,
            term.floor,
            Math.ceil(hi / NOISE_BUCKET_S.hold + 1) * NOISE_BUCKET_S.hold - term.startT,
          )
    bound += Math.abs(term.weight) * rms * NOISE_PEAK
  }
  return bound
}

// The term with another weight, its fields spelled out (a spread is many times slower here).
function reweighted(term: NoiseTerm, weight: number): NoiseTerm {
  return term.kind === 'flat'
    ? { kind: 'flat', key: term.key, weight, sigmaNs: term.sigmaNs }
    : {
        kind: 'hold',
        key: term.key,
        weight,
        startT: term.startT,
        whiteFm: term.whiteFm,
        floor: term.floor,
      }
}

/** Σ kᵢ·termsᵢ, with the weights of the same source of noise added together. */
export function combineNoise(parts: readonly [readonly NoiseTerm[], number][]): NoiseTerm[] {
  // A handful of terms: a linear search beats a map keyed by text. Link noise first, then
  // wander, each in the order first met.
  const flat: [NoiseTerm, number][] = []
  const hold: [NoiseTerm, number][] = []
  for (const [terms, k] of parts) {
    if (k === 0) continue
    for (const term of terms) {
      const list = term.kind === 'flat' ? flat : hold
      const known = list.find(([other]) => sameSource(other, term))
      if (known) known[1] += k * term.weight
      else list.push([term, k * term.weight])
    }
  }
  const all: NoiseTerm[] = []
  for (const entries of [flat, hold]) {
    for (const [term, weight] of entries) {
      if (weight !== 0) all.push(weight === term.weight ? term : reweighted(term, weight))
    }
  }
  return all
}

// Two terms of one kind from the same source of noise (wander: the same free run).
function sameSource(a: NoiseTerm, b: NoiseTerm): boolean {
  return a.key === b.key && (a.kind === 'flat' || (b.kind === 'hold' && a.startT === b.startT))
}
