/** NTP's selection (RFC 5905 §11.2.1): which servers' intervals agree, with falsetickers rejected. */

/** A server as the client sees it: offset θ and root distance λ, the interval [θ − λ, θ + λ]. */
export interface ServerInterval {
  readonly offsetNs: number
  readonly distanceNs: number
}

/**
 * The truechimers: the intervals that meet the smallest intersection shared by n − f of them,
 * for the fewest falsetickers f with 2f < n. Empty when no majority agrees.
 * @example selectTruechimers([{ offsetNs: 0, distanceNs: 1e6 }, { offsetNs: 3.6e11, distanceNs: 1e6 }, { offsetNs: 2e5, distanceNs: 1e6 }]) // [0, 2]
 */
export function selectTruechimers(intervals: readonly ServerInterval[]): number[] {
  const n = intervals.length
  if (n === 0) return []
  // Lower endpoints sort before upper ones at the same value, so intervals that touch overlap.
  const endpoints: Endpoint[] = []
  for (const { offsetNs, distanceNs } of intervals) {
    endpoints.push(
      { value: offsetNs - distanceNs, step: 1 },
      { value: offsetNs + distanceNs, step: -1 },
    )
  }
  endpoints.sort(byValue)
  for (let f = 0; 2 * f < n; f++) {
    const needed = n - f
    const low = sweepUp(endpoints, needed)
    const high = sweepDown(endpoints, needed)
    if (low === null || high === null || low > high) continue
    const truechimers: number[] = []
    intervals.forEach(({ offsetNs, distanceNs }, i) => {
      if (offsetNs - distanceNs <= high && offsetNs + distanceNs >= low) truechimers.push(i)
    })
    return truechimers
  }
  return []
}

interface Endpoint {
  readonly value: number
  readonly step: number
}

function byValue(a: Endpoint, b: Endpoint): number {
  return a.value - b.value || b.step - a.step
}

// The lowest point at which `needed` intervals are open at once.
function sweepUp(endpoints: readonly Endpoint[], needed: number): number | null {
  let open = 0
  for (const { value, step } of endpoints) {
    open += step
    if (open >= needed) return value
  }
  return null
}

// The highest such point: the same sweep from the top, upper endpoints opening.
function sweepDown(endpoints: readonly Endpoint[], needed: number): number | null {
  let open = 0
  for (let i = endpoints.length - 1; i >= 0; i--) {
    const { value, step } = endpoints[i] as Endpoint
    open -= step
    if (open >= needed) return value
  }
  return null
}
