/**
 * A restart storm: 300 sockets on the process that owns an exercise, which dies; all of them
 * reconnect at once to another process, each from its last seq, and every one is back with no
 * gap and no duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../../core/protocol'
import { postgresReachable } from '../../store/testDatabase'
import { ADMIN_TOKEN, connect, type TestClient } from '../startTestServer'
import { type ClusterProcess, redisReachable, startCluster, type TestCluster } from './startCluster'

const available = (await postgresReachable()) && (await redisReachable())
const TEAMS = ['red', 'soc', 'ot', 'observers'] as const
const PARTICIPANTS = 60
/** Each participant's tabs: 60 × 5 = 300 sockets. */
const TABS = 5

describe.skipIf(!available)('a restart storm', { timeout: 240_000 }, () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startCluster(2, { leaseMs: 1500 })
  }, 180_000)
  afterAll(async () => {
    await cluster?.destroy()
  })

  it('brings 300 clients of a dead process back on another, each from its last seq', async () => {
    const [first] = cluster.processes as [ClusterProcess]
    const created = await cluster.createExercise(first)
    const exerciseId = created.id
    const owner = (await cluster.ownerOf(exerciseId))!
    const other = cluster.processes.find((p) => p !== owner)!
    const tokens: string[] = []
    for (let i = 0; i < PARTICIPANTS; i++) {
      const teamId = TEAMS[i % TEAMS.length]!
      const joined = await cluster.http<{ token: string }>(
        i % 2 === 0 ? owner : other,
        'POST',
        '/api/join',
        { code: created.joinCodes[teamId], name: `p${i}` },
        null,
      )
      expect(joined.status).toBe(201)
      tokens.push(joined.body.token)
    }
    const clients: { token: string; client: TestClient; from: number }[] = []
    for (const token of tokens) {
      for (let tab = 0; tab < TABS; tab++) {
        const client = await connect(owner, { token })
        clients.push({ token, client, from: (await client.waitForSnapshot(10_000)).seq })
      }
    }
    const facilitator = await connect(other, { token: ADMIN_TOKEN })
    expect((await facilitator.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    const before = await facilitator.send({
      type: 'inject.send',
      to: [...TEAMS],
      title: 'before the crash',
      body: 'everyone',
    })
    expect(before.ok).toBe(true)
    await Promise.all(
      clients.map(({ client }) =>
        client.waitForEvent(
          (e) => e.type === 'inject.delivered' && e.title === 'before the crash',
          30_000,
        ),
      ),
    )

    await cluster.kill(owner)
    for (const { client } of clients) client.close()
    // Everyone at once, each with the last seq it holds.
    const back = await Promise.all(
      clients.map(async ({ token, client, from }) => {
        const lastSeq = client.events.at(-1)?.seq ?? from
        return { lastSeq, client: await connect(other, { token, lastSeq }), old: client, from }
      }),
    )
    // Commands go on once the survivor has the exercise (within the lease); retried until then.
    let after: Awaited<ReturnType<TestClient['send']>> | undefined
    for (let attempt = 0; attempt < 200 && !after?.ok; attempt++) {
      after = await facilitator.send({
        type: 'inject.send',
        to: [...TEAMS],
        title: 'after the crash',
        body: 'everyone again',
      })
      if (!after.ok) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(after?.ok).toBe(true)
    await Promise.all(
      back.map(({ client }) =>
        client.waitForEvent(
          (e) => e.type === 'inject.delivered' && e.title === 'after the crash',
          60_000,
        ),
      ),
    )
    for (const { client, old, from, lastSeq } of back) {
      expect(client.snapshots).toHaveLength(0)
      const seqs = [...old.events, ...client.events].map((e: HoldoverEvent) => e.seq)
      expect(seqs).toEqual(seqs.map((_, i) => from + i + 1))
      expect(client.events[0]?.seq).toBe(lastSeq + 1)
      client.close()
    }
    facilitator.close()
  })
})
