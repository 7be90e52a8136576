import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'

describe('loadConfig', () => {
  it('takes an admin token of 24 characters and refuses 23, saying how to make one', () => {
    expect(loadConfig({ HOLDOVER_ADMIN_TOKEN: 'a'.repeat(24) }).adminToken).toBe('a'.repeat(24))
    expect(() => loadConfig({ HOLDOVER_ADMIN_TOKEN: 'a'.repeat(23) })).toThrow(
      /HOLDOVER_ADMIN_TOKEN is 23 characters; it must be at least 24\. Generate one with `openssl rand -base64 32`/,
    )
  })

  it('believes no proxy by default, a count of them when told, and refuses `true`', () => {
    expect(loadConfig({}).trustProxyHops).toBe(0)
    expect(loadConfig({ HOLDOVER_TRUST_PROXY: '1' }).trustProxyHops).toBe(1)
    expect(loadConfig({ HOLDOVER_TRUST_PROXY: 'false' }).trustProxyHops).toBe(0)
    expect(() => loadConfig({ HOLDOVER_TRUST_PROXY: 'true' })).toThrow(
      /HOLDOVER_TRUST_PROXY must be the number of reverse proxies/,
    )
  })

  it('keeps the hot wash open two hours by default, and refuses what is not a duration', () => {
    expect(loadConfig({}).hotWashMs).toBe(120 * 60_000)
    expect(loadConfig({ HOLDOVER_HOT_WASH_MINUTES: '0' }).hotWashMs).toBe(0)
    expect(() => loadConfig({ HOLDOVER_HOT_WASH_MINUTES: 'soon' })).toThrow(
      /HOLDOVER_HOT_WASH_MINUTES must be between 0 and 10080/,
    )
  })

  it('takes a public address for links when it is an absolute http(s) URL, and refuses others', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined()
    expect(loadConfig({ HOLDOVER_PUBLIC_URL: 'http://192.168.1.20:3000/' }).publicUrl).toBe(
      'http://192.168.1.20:3000',
    )
    expect(loadConfig({ HOLDOVER_PUBLIC_URL: 'https://example.org/holdover/' }).publicUrl).toBe(
      'https://example.org/holdover',
    )
    for (const bad of [
      '192.168.1.20:3000',
      'ftp://example.org',
      '/holdover',
      'https://x.org/?a=1',
    ]) {
      expect(() => loadConfig({ HOLDOVER_PUBLIC_URL: bad })).toThrow(
        /HOLDOVER_PUBLIC_URL must be the absolute http or https address/,
      )
    }
  })
})
