/** Three processes on PostgreSQL and Redis are one installation, and fog of war holds across them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../../core/protocol'
import { postgresReachable } from '../../store/testDatabase'
import { ADMIN_TOKEN, connect } from '../startTestServer'
import { redisReachable, startCluster, type TestCluster } from './startCluster'

const available = (await postgresReachable()) && (await redisReachable())

const mentions = (events: HoldoverEvent[], text: string) => JSON.stringify(events).includes(text)

describe.skipIf(!available)('three processes, one installation', { timeout: 180_000 }, () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startCluster(3)
  }, 180_000)
  afterAll(async () => {
    await cluster?.destroy()
  })

  it('fans every committed event out to the clients of all, each seeing only what it may', async () => {
    const [a, b, c] = cluster.processes as [
      (typeof cluster.processes)[0],
      (typeof cluster.processes)[0],
      (typeof cluster.processes)[0],
    ]
    const created = await cluster.createExercise(a)
    const exerciseId = created.id
    // Joined through B and C, tokens used on the others: the signing key is the installation's.
    const red = await cluster.join(c, created.joinCodes.red, 'Rex (red)')
    const soc = await cluster.join(b, created.joinCodes.soc, 'Ana (SOC)')
    // An evaluator seated through C too, by whichever process owns the exercise.
    await cluster.join(c, created.evaluatorCode, 'Eve (evaluator)')

    const facilitator = await connect(a, { token: ADMIN_TOKEN })
    const watcher = await connect(c, { token: ADMIN_TOKEN })
    expect((await facilitator.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    expect((await watcher.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    const redOnC = await connect(c, { token: red.token })
    const socOnB = await connect(b, { token: soc.token })
    const socOnA = await connect(a, { token: soc.token })
    const snapshots = await Promise.all([
      redOnC.waitForSnapshot(),
      socOnB.waitForSnapshot(),
      socOnA.waitForSnapshot(),
    ])
    // Both joins are in every process's view, wherever they were made.
    expect(Object.values(snapshots[1]!.state.participants).map((p) => p.name)).toEqual([
      'Ana (SOC)',
    ])

    expect((await facilitator.send({ type: 'inject.fire', injectId: 'siem-offset' })).ok).toBe(true)
    const adHoc = await facilitator.send({
      type: 'inject.send',
      to: 'soc',
      title: 'Secret for the SOC',
      body: 'Only the SOC may read this.',
    })
    expect(adHoc.ok).toBe(true)
    // A command sent to a process that does not own the exercise is forwarded to the one that does.
    expect((await watcher.send({ type: 'clock.start' })).ok).toBe(true)
    const marker = await socOnB.send({ type: 'chat.send', channel: 'soc', text: 'seen on B' })
    expect(marker.ok).toBe(true)

    for (const client of [socOnB, socOnA]) {
      await client.waitForEvent((e) => e.type === 'chat.message' && e.text === 'seen on B', 10_000)
      expect(
        client.events.filter((e) => e.type === 'inject.delivered').map((e) => e.title),
      ).toEqual([
        'NTP offset above threshold on ntp1.corp',
        'Secret for the SOC',
        'The drill begins',
      ])
    }
    await redOnC.waitForEvent((e) => e.type === 'clock.started', 10_000)
    await watcher.waitForEvent((e) => e.type === 'chat.message' && e.text === 'seen on B', 10_000)
    // Red is on C with the facilitator's watcher, which received the SOC's secret: red did not.
    expect(mentions(watcher.events, 'Secret for the SOC')).toBe(true)
    expect(redOnC.events.filter((e) => e.type === 'inject.delivered').map((e) => e.title)).toEqual([
      'The drill begins',
    ])
    expect(mentions(redOnC.events, 'Secret for the SOC')).toBe(false)
    expect(mentions(redOnC.events, 'ntp1.corp')).toBe(false)
    expect(mentions(redOnC.events, 'seen on B')).toBe(false)

    // Every client got its own numbering once, in order, on whichever process it sits.
    for (const client of [facilitator, watcher, redOnC, socOnB, socOnA]) {
      const seqs = client.events.map((e) => e.seq)
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
      expect(new Set(seqs).size).toBe(seqs.length)
    }
    const log = await cluster.http<HoldoverEvent[]>(b, 'GET', `/api/exercises/${exerciseId}/events`)
    expect(log.body.map((e) => e.seq)).toEqual(log.body.map((_, i) => i + 1))
    expect(log.body.filter((e) => e.type === 'evaluator.joined')).toHaveLength(1)
    // What the facilitator's watcher on C received is the log itself, event for event.
    for (const event of watcher.events) expect(log.body[event.seq - 1]).toEqual(event)
    for (const client of [facilitator, watcher, redOnC, socOnB, socOnA]) client.close()
  })
})
