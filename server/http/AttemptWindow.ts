/**
 * Counts attempts per key in a fixed window (express-rate-limit's MemoryStore), with checking
 * and counting apart: a request is refused when its key is already at the limit, and counted when
 * the rule says (before its outcome, to bound a burst; or after it, so that only what the rule is
 * about, a wrong code or a seat given, uses up the allowance).
 */
import type { Options } from 'express-rate-limit'
import { MemoryStore } from 'express-rate-limit'

export class AttemptWindow {
  private readonly store = new MemoryStore()

  constructor(
    readonly windowMs: number,
    readonly limit: number,
  ) {
    // MemoryStore reads only the window from its options.
    this.store.init({ windowMs } as Options)
  }

  /** Seconds until `key` may try again, or 0 while it is under the limit. */
  async retryAfterS(key: string, now: number): Promise<number> {
    const info = await this.store.get(key)
    if (!info || info.totalHits < this.limit) return 0
    return Math.max(1, Math.ceil(((info.resetTime?.getTime() ?? now) - now) / 1000))
  }

  /** Counts one attempt of `key`. */
  async count(key: string): Promise<void> {
    await this.store.increment(key)
  }

  /** Takes back one counted attempt of `key` (it turned out not to be what the rule is about). */
  async uncount(key: string): Promise<void> {
    await this.store.decrement(key)
  }

  /** Stops the store's cleanup timer. */
  close(): void {
    this.store.shutdown()
  }
}
