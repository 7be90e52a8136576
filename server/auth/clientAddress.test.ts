import type { AddressInfo } from 'node:net'
import express from 'express'
import { describe, expect, it } from 'vitest'
import { clientAddress } from './clientAddress'

/** What Express's `req.ip` and clientAddress make of one request, with `hops` proxies trusted. */
async function bothReadings(hops: number, forwardedFor?: string) {
  const app = express()
  app.set('trust proxy', hops)
  app.get('/', (req, res) => {
    res.json({ express: req.ip, ours: clientAddress(req, hops) })
  })
  const listening = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => listening.once('listening', resolve))
  try {
    const { port } = listening.address() as AddressInfo
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    })
    return (await res.json()) as { express: string; ours: string }
  } finally {
    listening.close()
  }
}

describe('clientAddress', () => {
  it.each([
    [0, undefined],
    [0, '203.0.113.9'],
    [1, undefined],
    [1, '203.0.113.9'],
    [1, '198.51.100.1, 203.0.113.9'],
    [2, '198.51.100.1, 203.0.113.9'],
    [3, '198.51.100.1, 203.0.113.9'],
  ])(
    'reads the address as Express does with %i proxies and X-Forwarded-For %s',
    async (hops, header) => {
      const { express: expected, ours } = await bothReadings(hops, header)
      expect(ours).toBe(expected)
    },
  )

  it('believes no forwarded address unless proxies are configured', async () => {
    expect((await bothReadings(0, '203.0.113.9')).ours).toMatch(/127\.0\.0\.1$/)
    expect((await bothReadings(1, '198.51.100.1, 203.0.113.9')).ours).toBe('203.0.113.9')
  })
})
