/** Presence on Redis: each process sees the others' participants, and a silent one's run out. */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { deleteKeys, redisReachable, TEST_REDIS_URL } from '../test/cluster/startCluster'
import type { Seats } from './Cluster'
import { type PresenceEmitter, RedisPresence } from './RedisPresence'

const available = await redisReachable()

describe.skipIf(!available)('RedisPresence', () => {
  const prefix = `holdover-test-${randomBytes(6).toString('hex')}:`
  const started: { presence: RedisPresence; redis: Redis }[] = []
  /** Announcements reach every other process at once, as server-side emits do. */
  const hearing = new Set<{ from: string; listener: (exerciseId: string) => void }>()
  const start = (processId: string, ttlMs: number) => {
    const io: PresenceEmitter = {
      serverSideEmit: (_event, exerciseId) => {
        for (const other of hearing) if (other.from !== processId) other.listener(exerciseId)
        return true
      },
      on: (_event, listener) => hearing.add({ from: processId, listener }),
    }
    const redis = new Redis(TEST_REDIS_URL)
    const presence = new RedisPresence({
      redis,
      io,
      prefix,
      processId,
      ttlMs,
      logger: pino({ level: 'silent' }),
      wallClock: () => Date.now(),
    })
    presence.start()
    started.push({ presence, redis })
    return { presence, redis }
  }
  /** What `follow` reports, and a wait for the report that satisfies `probe`. */
  const watch = (presence: RedisPresence, exerciseId: string) => {
    const seen: Seats[] = [new Map()]
    const waiters = new Set<() => void>()
    presence.follow(exerciseId, (elsewhere) => {
      seen.push(elsewhere)
      for (const waiter of [...waiters]) waiter()
    })
    const until = (wanted: Record<string, string>, timeoutMs: number) =>
      new Promise<void>((resolve, reject) => {
        const json = JSON.stringify(Object.entries(wanted).sort())
        const matches = () => JSON.stringify([...seen.at(-1)!].sort()) === json
        if (matches()) return resolve()
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`saw ${JSON.stringify([...seen.at(-1)!])}, not ${json}`))
        }, timeoutMs)
        const check = () => {
          if (!matches()) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve()
        }
        waiters.add(check)
      })
    return { seen, until }
  }
  afterEach(async () => {
    for (const { presence, redis } of started.splice(0)) {
      await presence.close()
      redis.disconnect()
    }
    hearing.clear()
    await deleteKeys(prefix)
  })

  it("tells each process the others' participants, and of a change as soon as it is made", async () => {
    const a = start('a', 60_000)
    const b = start('b', 60_000)
    const onB = watch(b.presence, 'ex')
    a.presence.share('ex', new Map([['p1', 'soc']]))
    b.presence.share('ex', new Map([['p2', 'red']]))
    // B hears of A's participant, never of its own; the heartbeat (20 s away) is not what told it.
    await onB.until({ p1: 'soc' }, 5000)
    a.presence.share(
      'ex',
      new Map([
        ['p1', 'soc'],
        ['p3', 'soc'],
      ]),
    )
    await onB.until({ p1: 'soc', p3: 'soc' }, 5000)
    a.presence.share('ex', new Map())
    await onB.until({}, 5000)
    // A process following later reads what stands already.
    const onA = watch(a.presence, 'ex')
    await onA.until({ p2: 'red' }, 5000)
    expect(onB.seen.every((seats) => !seats.has('p2'))).toBe(true)
    // A process closing takes its participants out at once, long before its ttl.
    a.presence.share('ex', new Map([['p1', 'soc']]))
    await onB.until({ p1: 'soc' }, 5000)
    await a.presence.close()
    await onB.until({}, 5000)
  })

  it('drops the participants of a process that went silent once its ttl has run out', async () => {
    const ttlMs = 600
    const a = start('a', ttlMs)
    const b = start('b', ttlMs)
    const onB = watch(b.presence, 'ex')
    a.presence.share('ex', new Map([['p1', 'soc']]))
    await onB.until({ p1: 'soc' }, 5000)
    // A loses Redis for good, as a killed process would: no goodbye, no heartbeat.
    a.redis.disconnect()
    const silentAt = Date.now()
    await onB.until({}, 10 * ttlMs)
    // Not before its field's time: it was rewritten at most a heartbeat before A went silent.
    expect(Date.now() - silentAt).toBeGreaterThanOrEqual(ttlMs - ttlMs / 3 - 50)
  })
})
