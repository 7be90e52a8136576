import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TwinViewReply } from '../../core/protocol'
import { type ChainScenarioDir, exampleChainScenarioDir } from './exampleChainScenario'
import { ADMIN_TOKEN, connect, startTestServer, type TestServer } from './startTestServer'

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

async function exerciseWithTeams() {
  const created = await server.http<{ id: string; joinCodes: Record<string, string> }>(
    'POST',
    '/api/exercises',
    {
      scenarioId: 'twin-test',
    },
  )
  expect(created.status).toBe(201)
  const join = async (teamId: string) => {
    const joined = await server.http<{ token: string }>(
      'POST',
      '/api/join',
      { code: created.body.joinCodes[teamId], name: teamId },
      null,
    )
    const client = await connect(server, { token: joined.body.token })
    await client.waitForSnapshot()
    return client
  }
  const facilitator = await connect(server, { token: ADMIN_TOKEN })
  await facilitator.send({ type: 'exercise.open', exerciseId: created.body.id })
  await facilitator.waitForSnapshot()
  return {
    exerciseId: created.body.id,
    facilitator,
    red: await join('red'),
    telco: await join('telco'),
    soc: await join('soc'),
  }
}

const view = (
  client: {
    socket: {
      timeout(ms: number): { emitWithAck(e: 'twin.view', r: unknown): Promise<TwinViewReply> }
    }
  },
  request: unknown = {},
) => client.socket.timeout(5000).emitWithAck('twin.view', request)

describe('the twin over the wire', () => {
  it('red jams, the radios fail at the solved moment, and each side learns only its part', async () => {
    const { facilitator, red, telco, soc } = await exerciseWithTeams()
    await facilitator.send({ type: 'clock.start' })
    for (const target of ['rcv-core-1', 'rcv-core-2']) {
      expect((await red.send({ type: 'attack.launch', attackId: 'jam-core', target })).ok).toBe(
        true,
      )
    }
    await facilitator.send({ type: 'clock.jump', t: 8 * 3600 })
    const failed = await facilitator.waitForEvent(
      (e) => e.type === 'twin.statusChanged' && e.nodeId === 'radio-1' && e.status === 'failed',
    )
    expect(failed.t / 3600).toBeGreaterThan(4.5)
    expect(failed.t / 3600).toBeLessThan(6)
    // Red sees its foothold (the grandmaster behind a jammed receiver); telco its alerts, never
    // ground truth; the SOC nothing.
    await red.waitForEvent(
      (e) => e.type === 'twin.statusChanged' && e.nodeId === 'gm-1' && e.status === 'failed',
    )
    expect(red.events.some((e) => e.type === 'twin.statusChanged' && e.nodeId === 'radio-1')).toBe(
      false,
    )
    await telco.waitForEvent((e) => e.type === 'twin.alert' && e.message.includes('clockClass'))
    expect(
      telco.events.some((e) => e.type === 'twin.statusChanged' || e.type === 'twin.effectApplied'),
    ).toBe(false)
    expect(soc.events.some((e) => e.type.startsWith('twin.'))).toBe(false)
    expect(red.events.some((e) => e.type === 'twin.alert' || e.type === 'twin.effectApplied')).toBe(
      false,
    )

    const truth = await view(facilitator, {
      series: { nodeIds: ['gm-1'], fromT: 0, toT: 8 * 3600, points: 50 },
    })
    expect(truth).toMatchObject({ ok: true, audience: 'facilitator' })
    if (!truth.ok || truth.audience !== 'facilitator') return
    expect(truth.nodes.find((n) => n.id === 'radio-1')?.status).toBe('failed')
    const series = truth.series[0]!
    expect(series.points).toHaveLength(50)
    expect(Math.abs(series.points.at(-1)![1]!)).toBeGreaterThan(Math.abs(series.points[10]![1]!))

    const telcoView = await view(telco)
    expect(telcoView).toMatchObject({ ok: true, audience: 'team' })
    if (!telcoView.ok) return
    expect('nodes' in telcoView).toBe(false)
    expect(telcoView.chain.map((n) => n.id).sort()).toEqual([
      'bc-1',
      'gm-1',
      'radio-1',
      'rcv-core-1',
    ])
    expect(telcoView.observations.every((o) => o.teams.includes('telco'))).toBe(true)
    expect(JSON.stringify(telcoView)).not.toContain('trading-venue')

    const socView = await view(soc)
    expect(socView.ok && socView.observations.every((o) => o.teams.includes('soc'))).toBe(true)
    for (const client of [facilitator, red, telco, soc]) client.close()
  })

  it('refuses bad twin reads and attacks from the wrong side, saying why', async () => {
    const { facilitator, red, telco } = await exerciseWithTeams()
    expect(
      await view(telco, { series: { nodeIds: ['gm-1'], fromT: 0, toT: 10, points: 100_000 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    })
    expect(
      await telco.send({ type: 'attack.launch', attackId: 'jam-core', target: 'rcv-core-1' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('red') },
    })
    expect(
      await red.send({ type: 'attack.launch', attackId: 'jam-core', target: 'utc-lab' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('rcv-core-1') },
    })
    // A team cannot read the future; the facilitator may project it.
    await facilitator.send({ type: 'clock.jump', t: 3600 })
    const future = await view(telco, { t: 40 * 3600 })
    expect(future.ok && future.t).toBe(3600)
    const projected = await view(facilitator, { t: 40 * 3600 })
    expect(projected.ok && projected.t).toBe(40 * 3600)
    for (const client of [facilitator, red, telco]) client.close()
  })
})
