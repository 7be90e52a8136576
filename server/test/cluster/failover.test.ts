/**
 * kill -9 of the process that owns an exercise while commands stream in: another process takes
 * the exercise over within the lease, nothing acknowledged is lost or doubled, no scripted inject
 * fires twice, and a client of the dead process resumes on another without gap or duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../../core/protocol'
import { postgresReachable } from '../../store/testDatabase'
import { ADMIN_TOKEN, connect, type TestClient } from '../startTestServer'
import { type ClusterProcess, redisReachable, startCluster, type TestCluster } from './startCluster'

const available = (await postgresReachable()) && (await redisReachable())

/** Seqs a client holds: its snapshot's, then every event after it, which must follow one by one. */
function expectContiguous(client: TestClient, from: number): number {
  const seqs = client.events.map((e) => e.seq)
  expect(seqs).toEqual(seqs.map((_, i) => from + i + 1))
  return seqs.at(-1) ?? from
}

describe.skipIf(!available)('kill -9 of the lease holder', { timeout: 240_000 }, () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startCluster(3, { leaseMs: 1500 })
  }, 180_000)
  afterAll(async () => {
    await cluster?.destroy()
  })

  it('goes on elsewhere with every acknowledged command once and no inject twice', async () => {
    const [a] = cluster.processes as [ClusterProcess]
    const created = await cluster.createExercise(a)
    const exerciseId = created.id
    const owner = await cluster.ownerOf(exerciseId)
    expect(owner).toBeDefined()
    const survivors = cluster.processes.filter((p) => p !== owner)
    const [b, c] = survivors as [ClusterProcess, ClusterProcess]

    const soc = await cluster.join(b, created.joinCodes.soc, 'Ana (SOC)')
    // The participant sits on the owner, which will die under it.
    const socOnOwner = await connect(owner!, { token: soc.token })
    const socStart = (await socOnOwner.waitForSnapshot(20_000)).seq
    const facilitator = await connect(b, { token: ADMIN_TOKEN })
    expect((await facilitator.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    const facilitatorStart = (await facilitator.waitForSnapshot(20_000)).seq
    const sender = await connect(c, { token: ADMIN_TOKEN })
    expect((await sender.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    // 300×: the scripted injects fall due 2 s (T+00:10) and 7 s (T+00:35) of wall time from now,
    // across the kill; the decision that follows slows the clock for people, so the test stops there.
    expect((await sender.send({ type: 'clock.setSpeed', speed: 300 })).ok).toBe(true)
    expect((await sender.send({ type: 'clock.start' })).ok).toBe(true)

    // Commands stream in from C; the owner is killed once ten of them are acknowledged.
    const acknowledged: string[] = []
    let killed: Promise<void> | undefined
    for (let i = 0; i < 400 && acknowledged.length < 40; i++) {
      const text = `command ${i}`
      const reply = await sender.send({ type: 'chat.send', channel: 'soc', text })
      if (reply.ok) acknowledged.push(text)
      else await new Promise((resolve) => setTimeout(resolve, 50))
      if (acknowledged.length === 10 && !killed) killed = cluster.kill(owner!)
    }
    await killed
    expect(acknowledged).toHaveLength(40)

    // The clock went on: the inject of T+00:35 comes from whichever process took over.
    await facilitator.waitForEvent(
      (e) => e.type === 'inject.delivered' && e.injectId === 'helpdesk-logins',
      60_000,
    )
    const newOwner = await cluster.ownerOf(exerciseId)
    expect(survivors).toContain(newOwner)

    const log = (
      await cluster.http<HoldoverEvent[]>(c, 'GET', `/api/exercises/${exerciseId}/events`)
    ).body
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1))
    const chats = log.filter((e) => e.type === 'chat.message').map((e) => e.text)
    for (const text of acknowledged) expect(chats.filter((t) => t === text)).toHaveLength(1)
    const deliveries = log.flatMap((e) =>
      e.type === 'inject.delivered' && e.injectId ? [`${e.injectId}/${e.teamId}`] : [],
    )
    expect(new Set(deliveries).size).toBe(deliveries.length)
    // Every inject due by then fired, some before the kill and some after it, each once per team.
    expect([...new Set(deliveries.map((key) => key.split('/')[0]))]).toEqual(
      expect.arrayContaining(['kickoff', 'siem-offset', 'helpdesk-logins']),
    )

    // The facilitator on B saw the whole story once, in order, across the takeover.
    const facilitatorEnd = expectContiguous(facilitator, facilitatorStart)
    expect(facilitatorEnd).toBeGreaterThanOrEqual(
      log.findLast((e) => e.type === 'inject.delivered')!.seq,
    )

    // The participant of the dead process comes back on B from its last seq: no gap, no duplicate.
    const lastSeq = expectContiguous(socOnOwner, socStart)
    socOnOwner.close()
    const socOnB = await connect(b, { token: soc.token, lastSeq })
    await socOnB.waitForEvent(
      (e) => e.type === 'inject.delivered' && e.injectId === 'helpdesk-logins',
      30_000,
    )
    expect(socOnB.snapshots).toHaveLength(0)
    expectContiguous(socOnB, lastSeq)
    const socChats = [...socOnOwner.events, ...socOnB.events]
      .filter((e) => e.type === 'chat.message')
      .map((e) => e.text)
    expect(socChats).toEqual(chats)
    for (const client of [facilitator, sender, socOnB]) client.close()
  })
})
