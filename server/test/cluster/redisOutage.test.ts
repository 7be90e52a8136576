/**
 * Redis goes away and comes back: the processes reconnect by themselves, and a client on a
 * process that missed events while Redis was down gets them, once and in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandReply } from '../../../core/protocol'
import { postgresReachable } from '../../store/testDatabase'
import { ADMIN_TOKEN, connect } from '../startTestServer'
import {
  type ClusterProcess,
  redisReachable,
  startCluster,
  TEST_REDIS_URL,
  type TestCluster,
} from './startCluster'
import { startTcpProxy, type TcpProxy } from './tcpProxy'

const available = (await postgresReachable()) && (await redisReachable())

describe.skipIf(!available)('Redis restarting', { timeout: 180_000 }, () => {
  let proxy: TcpProxy
  let cluster: TestCluster
  beforeAll(async () => {
    const target = new URL(TEST_REDIS_URL)
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) })
    cluster = await startCluster(2, {
      leaseMs: 1500,
      redisUrl: `redis://127.0.0.1:${proxy.port}`,
    })
  }, 180_000)
  afterAll(async () => {
    await cluster?.destroy()
    await proxy?.close()
  })

  it('reconnects, and clients catch up on what was committed meanwhile', async () => {
    const [a, b] = cluster.processes as [ClusterProcess, ClusterProcess]
    const created = await cluster.createExercise(a)
    const exerciseId = created.id
    const owner = (await cluster.ownerOf(exerciseId))!
    const other = owner === a ? b : a
    const soc = await cluster.join(other, created.joinCodes.soc, 'Ana (SOC)')
    const member = await connect(other, { token: soc.token })
    const from = (await member.waitForSnapshot()).seq
    const facilitator = await connect(owner, { token: ADMIN_TOKEN })
    expect((await facilitator.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    const chat = (text: string) => facilitator.send({ type: 'chat.send', channel: 'soc', text })
    expect((await chat('before Redis went away')).ok).toBe(true)
    await member.waitForEvent(
      (e) => e.type === 'chat.message' && e.text === 'before Redis went away',
    )

    await proxy.cut()
    // The owner records its own commands without Redis; what it could not tell the others is
    // caught up from the database once Redis is back. Each is acknowledged or refused, never lost.
    const during: CommandReply = await chat('while Redis was away')
    await proxy.restore()
    let after: CommandReply | undefined
    for (let attempt = 0; attempt < 100 && !after?.ok; attempt++) {
      after = await chat('after Redis came back')
      if (!after.ok) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(after?.ok).toBe(true)
    await member.waitForEvent(
      (e) => e.type === 'chat.message' && e.text === 'after Redis came back',
      30_000,
    )
    const expected = [
      'before Redis went away',
      ...(during.ok ? ['while Redis was away'] : []),
      'after Redis came back',
    ]
    const log = await cluster.http<{ type: string; text?: string; seq: number }[]>(
      other,
      'GET',
      `/api/exercises/${exerciseId}/events`,
    )
    const recorded = log.body.filter((e) => e.type === 'chat.message').map((e) => e.text)
    expect(recorded.filter((text) => text === 'after Redis came back')).toHaveLength(1)
    for (const text of expected) expect(recorded).toContain(text)
    // The member on the other process holds what the log holds, once, in its order.
    const seqs = member.events.map((e) => e.seq)
    expect(seqs).toEqual(seqs.map((_, i) => from + i + 1))
    expect(member.events.filter((e) => e.type === 'chat.message').map((e) => e.text)).toEqual(
      recorded,
    )
    member.close()
    facilitator.close()
  })
})
