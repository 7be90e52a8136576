/** The difference between the server's wall clock and this browser's, from `time.sync` round trips. */

export interface TimeSyncSample {
  /** Local wall time (epoch ms) when the request left. */
  readonly sentAt: number
  /** Local wall time (epoch ms) when the answer came back. */
  readonly receivedAt: number
  /** The server's wall time in the answer. */
  readonly serverTime: number
}

/**
 * Server time minus local time, in ms, from the sample with the shortest round trip (the one
 * whose answer's moment is least uncertain), assuming the answer was sent halfway through it.
 */
export function estimateClockOffset(samples: readonly TimeSyncSample[]): number | null {
  let best: TimeSyncSample | null = null
  for (const sample of samples) {
    const rtt = sample.receivedAt - sample.sentAt
    if (rtt < 0) continue
    if (!best || rtt < best.receivedAt - best.sentAt) best = sample
  }
  if (!best) return null
  const rtt = best.receivedAt - best.sentAt
  return best.serverTime + rtt / 2 - best.receivedAt
}
