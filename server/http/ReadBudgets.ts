/**
 * Rate budgets of an exercise's read-only routes (its replay, the twin at a moment, documents at
 * a moment, the report), per reader: a replay link, an evaluator's seat, the white cell, and the
 * address of whoever presented a token that opened nothing. Each request costs units by the work
 * it asks for, drawn from a token bucket as the socket's twin reads are; over budget it is refused
 * before that work is done (a read of the whole log first looks up only how long the log is).
 */
import { TokenBucket } from '../socket/TokenBucket'

export interface ReadBudgetSettings {
  /** Units one reader may spend at once. */
  readonly burst: number
  /** Units it gets back a second. */
  readonly perSecond: number
}

/**
 * A replay link's and a seat's budget, and the white cell's, in units of about a millisecond of
 * the server's work. Playing at 600×, the replay moves its cursor four times a second, each move
 * a seek, a notebook per team shown and a twin read (at most one per 250 ms; 2–4 units with a few
 * curves of 300 points): about 40 units a second seen by the white cell with six teams. A drag of
 * the scrubber seeks on every move, some 60 a second, 420 units a second seen the same way; the
 * burst covers four seconds of it, or opening a 100,000-event exercise and its report. A script
 * hammering the costliest reads gets about two twin curve sets of 50 × 500 a second, or a report
 * of that exercise every 25 s. Tokens that open nothing (a revoked link, a lapsed seat) cost
 * their address: a person tries a few times; a script trying tokens gets one try a second.
 */
export const READ_BUDGET = {
  reader: { burst: 2000, perSecond: 60 },
  facilitator: { burst: 4000, perSecond: 120 },
  refusedTokens: { burst: 60, perSecond: 1 },
} as const satisfies Record<string, ReadBudgetSettings>

/**
 * What a read costs, in units: a seek is one; the twin costs its `twinReadCost`; reads of the
 * whole log cost by its length, as measured on a 100,000-event log (timeline about 0.3 s, report
 * or CSV about 1.5 s with the store's read).
 */
export const READ_COSTS = {
  /** The state at a seq (`/replay/state`). */
  seek: 1,
  /** A document at a moment. */
  document: 1,
  /** An audience's whole timeline (`/replay`): the log viewed, the notebooks' edits read. */
  timeline: { base: 5, perThousandEvents: 3 },
  /** The report (JSON, Markdown, HTML) or the event log as CSV: the whole log read and written. */
  report: { base: 10, perThousandEvents: 15 },
  /** A token that opened nothing, charged to its address. */
  refusedToken: 1,
} as const

/** The cost of a read of a whole log of `events` events. */
export function wholeLogCost(
  cost: { readonly base: number; readonly perThousandEvents: number },
  events: number,
): number {
  return cost.base + Math.ceil((Math.max(0, events) / 1000) * cost.perThousandEvents)
}

/** The budget key of the white cell (one for every facilitator tab and script). */
export const FACILITATOR_READER = 'facilitator'

/** The budget key of an address, charged for the tokens from it that opened nothing. */
export const addressReader = (address: string) => `address:${address}`

/** Buckets kept before full ones (as good as new) are dropped. */
const MAX_TRACKED = 10_000

export class ReadBudgets {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly clock: () => number,
    private readonly settings: Record<keyof typeof READ_BUDGET, ReadBudgetSettings> = READ_BUDGET,
  ) {}

  /** Milliseconds until `key` could pay `cost` (0: it can now); charges nothing. */
  waitMs(key: string, cost: number): number {
    const bucket = this.buckets.get(key)
    return bucket ? bucket.waitMs(this.clock(), this.affordable(bucket, cost)) : 0
  }

  /** Charges `cost` to `key`: 0 when paid, else the milliseconds until it could be (none taken). */
  spend(key: string, cost: number): number {
    const now = this.clock()
    const bucket = this.bucketOf(key, now)
    const price = this.affordable(bucket, cost)
    return bucket.take(now, price) ? 0 : bucket.waitMs(now, price)
  }

  /** A read dearer than the whole burst costs the burst: slow, never impossible. */
  private affordable(bucket: TokenBucket, cost: number): number {
    return Math.min(Math.max(0, cost), bucket.capacity)
  }

  private bucketOf(key: string, now: number): TokenBucket {
    const held = this.buckets.get(key)
    if (held) return held
    if (this.buckets.size >= MAX_TRACKED) this.prune(now)
    const { burst, perSecond } =
      key === FACILITATOR_READER
        ? this.settings.facilitator
        : key.startsWith(addressReader(''))
          ? this.settings.refusedTokens
          : this.settings.reader
    const bucket = new TokenBucket(burst, perSecond, now)
    this.buckets.set(key, bucket)
    return bucket
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.isFull(now)) this.buckets.delete(key)
    }
  }
}
