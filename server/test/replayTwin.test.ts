import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TwinViewReply } from '../../core/protocol'
import type { ReplayTimeline as Replay } from '../../core/protocol/replay'
import { type ChainScenarioDir, exampleChainScenarioDir } from './exampleChainScenario'
import { ADMIN_TOKEN, connect, startTestServer, type TestServer } from './startTestServer'

type TwinRead = Extract<TwinViewReply, { ok: true }>

let server: TestServer

let scenarios: ChainScenarioDir
beforeAll(() => {
  scenarios = exampleChainScenarioDir({
    id: 'twin-test',
    title: 'Twin test',
    duration: 'T+12:00',
  })
})
afterAll(() => scenarios.remove())
beforeEach(async () => {
  server = await startTestServer({ scenariosDir: scenarios.dir })
})
afterEach(async () => {
  await server.destroy()
})

/**
 * Red jams both core receivers just after the start; the clock jumps to T+08:00 (radio 1 fails
 * between T+04:30 and T+06:00) and pauses there. Telco's socket stays open to read the twin live.
 */
async function jammedExercise() {
  const created = await server.http<{ id: string; joinCodes: Record<string, string> }>(
    'POST',
    '/api/exercises',
    { scenarioId: 'twin-test' },
  )
  const exerciseId = created.body.id
  const join = async (teamId: string) => {
    const joined = await server.http<{ token: string }>(
      'POST',
      '/api/join',
      { code: created.body.joinCodes[teamId], name: teamId },
      null,
    )
    const client = await connect(server, { token: joined.body.token })
    await client.waitForSnapshot()
    return { client, token: joined.body.token }
  }
  const white = await connect(server, { token: ADMIN_TOKEN })
  await white.send({ type: 'exercise.open', exerciseId })
  await white.waitForSnapshot()
  const red = await join('red')
  const telco = await join('telco')
  expect((await white.send({ type: 'clock.start' })).ok).toBe(true)
  for (const target of ['rcv-core-1', 'rcv-core-2']) {
    const launched = await red.client.send({ type: 'attack.launch', attackId: 'jam-core', target })
    expect(launched.ok).toBe(true)
  }
  expect((await white.send({ type: 'clock.jump', t: 8 * 3600 })).ok).toBe(true)
  await white.waitForEvent(
    (e) => e.type === 'twin.statusChanged' && e.nodeId === 'radio-1' && e.status === 'failed',
  )
  expect((await white.send({ type: 'clock.pause' })).ok).toBe(true)
  white.close()
  red.client.close()
  const { timeline, headSeq } = (
    await server.http<Replay>('GET', `/api/exercises/${exerciseId}/replay?as=facilitator`)
  ).body
  const attack = timeline.find((entry) => entry.kind === 'attack')!
  return { exerciseId, telco, attack, headSeq }
}

const twinAt = (exerciseId: string, query: string, token?: string | null) =>
  server.http<TwinRead>(
    'GET',
    `/api/exercises/${exerciseId}/replay/twin?${query}`,
    undefined,
    token,
  )

const statusOf = (read: TwinRead, nodeId: string) =>
  read.audience === 'facilitator' ? read.nodes.find((node) => node.id === nodeId)?.status : null

describe('the twin in the replay', () => {
  it('shows the white cell radio 1 ok before the jamming, degraded a minute after, failed hours after', async () => {
    const { exerciseId, telco, attack, headSeq } = await jammedExercise()
    const before = await twinAt(exerciseId, `seq=${attack.seq - 1}`)
    expect(before.status).toBe(200)
    expect(before.body.audience).toBe('facilitator')
    expect(statusOf(before.body, 'radio-1')).toBe('ok')

    // After the launch the cursor, not the event, says when: degraded a minute in, failed at six hours.
    const minuteIn = await twinAt(exerciseId, `seq=${attack.seq}&t=60`)
    expect(minuteIn.body.t).toBe(60)
    expect(statusOf(minuteIn.body, 'radio-1')).toBe('degraded')
    expect(
      statusOf((await twinAt(exerciseId, `seq=${attack.seq}&t=${6 * 3600}`)).body, 'radio-1'),
    ).toBe('failed')

    const end = await twinAt(exerciseId, `seq=${headSeq}&nodes=gm-1,radio-1&points=20`)
    expect(end.body.t).toBeGreaterThanOrEqual(8 * 3600)
    expect(statusOf(end.body, 'radio-1')).toBe('failed')
    expect(end.body.series.map((line) => [line.nodeId, line.points.length])).toEqual([
      ['gm-1', 20],
      ['radio-1', 20],
    ])
    telco.client.close()
  })

  it("shows a team what its monitoring showed, as the live console's twin.view does, and red only its vantage", async () => {
    const { exerciseId, telco, headSeq } = await jammedExercise()
    const live = await telco.client.socket.timeout(5000).emitWithAck('twin.view', {})
    const replayed = await twinAt(exerciseId, `seq=${headSeq}&as=telco`)
    expect(replayed.status).toBe(200)
    expect(replayed.body).toEqual(live)
    expect(replayed.body.audience).toBe('team')
    expect(replayed.body).not.toHaveProperty('nodes')
    expect(replayed.body.chain.map((node) => node.id).sort()).toEqual([
      'bc-1',
      'gm-1',
      'radio-1',
      'rcv-core-1',
    ])
    expect(replayed.body.alerts.length).toBeGreaterThan(0)
    for (const seen of replayed.body.observations) expect(seen.teams).toContain('telco')

    const soc = (await twinAt(exerciseId, `seq=${headSeq}&as=soc`)).body
    expect(JSON.stringify(soc)).not.toContain('radio-1')

    const red = (await twinAt(exerciseId, `seq=${headSeq}&as=red`)).body
    expect(red.audience).toBe('team')
    expect(red).not.toHaveProperty('nodes')
    expect(red.observations).toEqual([])
    expect(red.alerts).toEqual([])
    const truth = (await twinAt(exerciseId, `seq=${headSeq}`)).body
    expect(red.chain.length).toBeLessThan(truth.chain.length)
    expect((await twinAt(exerciseId, `seq=${headSeq}&as=red&nodes=radio-1`)).body.series).toEqual(
      [],
    )
    telco.client.close()
  })

  it('answers a team member 403, and a bad seq, time or node list 400 saying what was wrong', async () => {
    const { exerciseId, telco, attack, headSeq } = await jammedExercise()
    expect((await twinAt(exerciseId, 'seq=1', telco.token)).status).toBe(403)
    expect((await twinAt(exerciseId, 'seq=1', null)).status).toBe(401)
    for (const query of [
      '',
      'seq=0',
      'seq=abc',
      `seq=${headSeq + 1}`,
      'seq=1&t=-5',
      `seq=${headSeq}&t=0`,
      'seq=1&nodes=,',
      'seq=1&points=1',
      'seq=1&color=red',
    ]) {
      const answer = await twinAt(exerciseId, query)
      expect(answer.status, query).toBe(400)
      expect((answer.body as unknown as { error: { message: string } }).error.message).toBeTruthy()
    }
    expect((await twinAt(exerciseId, `seq=${headSeq}&t=0`)).body).toMatchObject({
      error: { message: expect.stringContaining('before event') },
    })
    expect((await twinAt(exerciseId, `seq=${attack.seq}&as=nobody`)).status).toBe(404)
    expect((await twinAt('missing', 'seq=1')).status).toBe(404)

    const link = await server.http<{ token: string }>(
      'POST',
      `/api/exercises/${exerciseId}/replay-links`,
    )
    const read = await twinAt(exerciseId, `seq=${headSeq}&as=telco`, link.body.token)
    expect(read.status).toBe(200)
    expect(read.body.audience).toBe('team')
    telco.client.close()
  })
})
