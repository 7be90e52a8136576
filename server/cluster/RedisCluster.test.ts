/** Leases on Redis: one holder at a time, fences that only grow, renew and release by the owner only. */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { deleteKeys, redisReachable, TEST_REDIS_URL } from '../test/cluster/startCluster'
import { RedisCluster } from './RedisCluster'

const available = await redisReachable()
const quietIo = { serverSideEmit: () => true, on: () => undefined }

describe.skipIf(!available)('RedisCluster leases', () => {
  const prefix = `holdover-test-${randomBytes(6).toString('hex')}:`
  const clusters: RedisCluster[] = []
  const start = async (processId: string, leaseMs = 60_000) => {
    const cluster = new RedisCluster({
      redis: new Redis(TEST_REDIS_URL),
      io: quietIo,
      prefix,
      leaseMs,
      logger: pino({ level: 'silent' }),
      wallClock: () => Date.now(),
      processId,
    })
    await cluster.start({
      forwarded: async () => ({ kind: 'not-owner' }),
      committed: () => undefined,
      documentUpdated: () => undefined,
      reconnected: () => undefined,
    })
    clusters.push(cluster)
    return cluster
  }
  afterEach(async () => {
    for (const cluster of clusters.splice(0)) await cluster.close()
    await deleteKeys(prefix)
  })

  it('lets one process hold an exercise at a time, each new holder with a higher fence', async () => {
    const a = await start('a')
    const b = await start('b')
    const first = await a.acquire('ex')
    expect(first?.fence).toBeGreaterThan(0)
    expect(await b.acquire('ex')).toBeNull()
    await first!.release()
    const second = await b.acquire('ex')
    expect(second!.fence!).toBeGreaterThan(first!.fence!)
    // A released lease's old holder cannot take it back while the new one holds it.
    expect(await a.acquire('ex')).toBeNull()
  })

  it('releases only its own lease: an old holder letting go does not free the new holder’s', async () => {
    const a = await start('a')
    const b = await start('b')
    const stale = await a.acquire('ex')
    // The lease runs out (as if a were paused) and b takes it.
    const redis = new Redis(TEST_REDIS_URL)
    await redis.del(`${prefix}lease:ex`)
    const fresh = await b.acquire('ex')
    expect(fresh!.fence!).toBeGreaterThan(stale!.fence!)
    await stale!.release()
    expect(await redis.get(`${prefix}lease:ex`)).toBe('b')
    redis.disconnect()
  })

  it('tells its holder when the lease is lost, and keeps fences growing after Redis forgot them', async () => {
    const a = await start('a', 600)
    const lease = await a.acquire('ex')
    const lost = new Promise<void>((resolve) => lease!.onLost(resolve))
    const redis = new Redis(TEST_REDIS_URL)
    // Another process holds it now: a's next renewal finds someone else's name and gives up.
    await redis.set(`${prefix}lease:ex`, 'intruder', 'PX', 60_000)
    await lost
    // A Redis restart without persistence loses the fence counter; the next fence still grows.
    await redis.del(`${prefix}lease:ex`, `${prefix}fence:ex`)
    const b = await start('b')
    const next = await b.acquire('ex')
    expect(next!.fence!).toBeGreaterThan(lease!.fence!)
    redis.disconnect()
  })
})
