/**
 * Throttles wrong admin tokens per address, on HTTP and in the socket handshake alike. A few
 * mistakes are free; past them each wrong token closes the address for a delay that doubles up
 * to a minute, so a script gets nowhere while the real facilitator, who mistyped, waits seconds.
 */
import { addressKey } from './clientAddress'
import { isAdminToken } from './tokens'

/** Wrong tokens an address may send before the delays start. */
export const FREE_SIGN_IN_FAILURES = 10
const FIRST_DELAY_MS = 1000
/** The longest an address waits: the real facilitator behind the same NAT is never kept out long. */
export const MAX_SIGN_IN_DELAY_MS = 60_000
/** An address that sent no wrong token for this long starts afresh. */
const FORGET_AFTER_MS = 15 * 60_000
const MAX_TRACKED = 10_000

interface Failures {
  count: number
  last: number
  blockedUntil: number
}

export class SignInThrottle {
  private readonly failures = new Map<string, Failures>()

  constructor(private readonly wallClock: () => number) {}

  /**
   * Checks a presented admin token from `address`: `wait` while the address is throttled (the
   * token is not even compared), else whether it is right, counting it when it is not.
   */
  check(
    presented: string,
    adminToken: string,
    address: string,
  ): { ok: true } | { ok: false; waitMs: number } {
    const waitMs = this.waitMs(address)
    if (waitMs > 0) return { ok: false, waitMs }
    if (isAdminToken(presented, adminToken)) {
      this.succeeded(address)
      return { ok: true }
    }
    this.failed(address)
    return { ok: false, waitMs: 0 }
  }

  /** Milliseconds `address` must still wait before it may try a token, 0 when it may now. */
  waitMs(address: string): number {
    const entry = this.current(addressKey(address))
    return entry ? Math.max(0, entry.blockedUntil - this.wallClock()) : 0
  }

  /** Records a wrong token from `address`. */
  failed(address: string): void {
    const key = addressKey(address)
    const now = this.wallClock()
    const entry = this.current(key) ?? { count: 0, last: now, blockedUntil: 0 }
    entry.count += 1
    entry.last = now
    const over = entry.count - FREE_SIGN_IN_FAILURES
    if (over > 0) {
      entry.blockedUntil = now + Math.min(MAX_SIGN_IN_DELAY_MS, FIRST_DELAY_MS * 2 ** (over - 1))
    }
    this.failures.set(key, entry)
    if (this.failures.size > MAX_TRACKED) this.prune(now)
  }

  /** The right token from `address`: its mistakes are forgotten. */
  succeeded(address: string): void {
    this.failures.delete(addressKey(address))
  }

  /** The message for an address that must wait `waitMs`. */
  static message(waitMs: number): string {
    return `Too many wrong admin tokens from this address; try again in ${Math.ceil(waitMs / 1000)} s.`
  }

  private current(key: string): Failures | undefined {
    const entry = this.failures.get(key)
    if (entry && this.wallClock() - entry.last > FORGET_AFTER_MS) {
      this.failures.delete(key)
      return undefined
    }
    return entry
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) {
      if (now - entry.last > FORGET_AFTER_MS && entry.blockedUntil <= now) this.failures.delete(key)
    }
  }
}
