/** A token bucket: `capacity` tokens at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity
    this.last = now
  }

  /** Takes `cost` tokens (one by default) if there are that many; otherwise takes none. */
  take(now: number, cost = 1): boolean {
    this.refill(now)
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }

  /** Milliseconds until `cost` tokens are there (0 when they are now); takes none. */
  waitMs(now: number, cost = 1): number {
    this.refill(now)
    const missing = Math.min(cost, this.capacity) - this.tokens
    return missing <= 0 ? 0 : Math.ceil((missing / this.perSecond) * 1000)
  }

  /** True when the bucket has refilled to its capacity: it is as good as a new one. */
  isFull(now: number): boolean {
    this.refill(now)
    return this.tokens >= this.capacity
  }

  private refill(now: number): void {
    // A wall clock set back refills nothing (and takes nothing back).
    const elapsedMs = Math.max(0, now - this.last)
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs / 1000) * this.perSecond)
    this.last = Math.max(this.last, now)
  }
}
