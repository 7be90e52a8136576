import { describe, expect, it } from 'vitest'
import { FREE_SIGN_IN_FAILURES, MAX_SIGN_IN_DELAY_MS, SignInThrottle } from './SignInThrottle'

const ADMIN = 'the-real-admin-token-of-this-server'

describe('SignInThrottle', () => {
  it('never keeps the real facilitator out longer than a minute, however many wrong tokens came first', () => {
    let now = 1_000_000
    const throttle = new SignInThrottle(() => now)
    for (let i = 0; i < 500; i++) {
      const result = throttle.check(`guess-${i}`, ADMIN, '192.0.2.10')
      if (!result.ok && result.waitMs > 0) now += result.waitMs // a patient script
    }
    expect(throttle.waitMs('192.0.2.10')).toBeLessThanOrEqual(MAX_SIGN_IN_DELAY_MS)
    now += MAX_SIGN_IN_DELAY_MS
    expect(throttle.check(ADMIN, ADMIN, '192.0.2.10')).toEqual({ ok: true })
  })

  it('lets a script make only a handful of guesses a minute once past the free ones', () => {
    let now = 0
    const throttle = new SignInThrottle(() => now)
    let compared = 0
    for (let second = 0; second < 600; second++, now += 1000) {
      const result = throttle.check(`guess-${second}`, ADMIN, '192.0.2.11')
      if (result.ok || result.waitMs === 0) compared += 1
    }
    // Ten free, then at most one a minute once the delay reaches its ceiling.
    expect(compared).toBeLessThan(FREE_SIGN_IN_FAILURES + 20)
  })

  it('keeps addresses apart, and an IPv6 household (/56) together', () => {
    const throttle = new SignInThrottle(() => 0)
    for (let i = 0; i <= FREE_SIGN_IN_FAILURES; i++)
      throttle.check(`g${i}`, ADMIN, '2001:db8:0:1::5')
    expect(throttle.waitMs('2001:db8:0:2::9')).toBeGreaterThan(0)
    expect(throttle.waitMs('192.0.2.12')).toBe(0)
  })
})
