import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { IMPROVEMENT_PLAN } from '../../core/documents/documentName'
import { addImprovementItem } from '../../core/report/improvementPlan'
import type { Report } from '../../core/report/model'
import { type ChainScenarioDir, exampleChainScenarioDir } from './exampleChainScenario'
import { ADMIN_TOKEN, connect, startTestServer, type TestServer } from './startTestServer'
import { TestDocClient } from './yjsClient'

let server: TestServer

let scenarios: ChainScenarioDir
beforeAll(() => {
  scenarios = exampleChainScenarioDir({
    id: 'report-test',
    title: 'Report test',
    duration: 'T+08:00',
    teamName: (id) => `${id} team`,
  })
})
afterAll(() => scenarios.remove())
beforeEach(async () => {
  server = await startTestServer({ scenariosDir: scenarios.dir })
})
afterEach(async () => {
  await server.destroy()
})

/** Red jams the core receivers, the clock runs 8 h ahead, and the exercise ends. */
async function playedExercise() {
  const created = await server.http<{ id: string; joinCodes: Record<string, string> }>(
    'POST',
    '/api/exercises',
    { scenarioId: 'report-test' },
  )
  const join = async (teamId: string) => {
    const joined = await server.http<{ token: string }>(
      'POST',
      '/api/join',
      { code: created.body.joinCodes[teamId], name: `${teamId} player` },
      null,
    )
    const client = await connect(server, { token: joined.body.token })
    await client.waitForSnapshot()
    return { client, token: joined.body.token }
  }
  const facilitator = await connect(server, { token: ADMIN_TOKEN })
  await facilitator.send({ type: 'exercise.open', exerciseId: created.body.id })
  await facilitator.waitForSnapshot()
  const red = await join('red')
  const telco = await join('telco')
  await facilitator.send({ type: 'clock.start' })
  for (const target of ['rcv-core-1', 'rcv-core-2']) {
    expect(
      (await red.client.send({ type: 'attack.launch', attackId: 'jam-core', target })).ok,
    ).toBe(true)
  }
  await facilitator.send({ type: 'clock.jump', t: 8 * 3600 })
  await facilitator.send({ type: 'exercise.end' })
  await facilitator.waitForEvent((e) => e.type === 'exercise.ended')
  return { exerciseId: created.body.id, facilitator, red, telco }
}

async function download(route: string, token: string | null = ADMIN_TOKEN) {
  const res = await fetch(`${server.url}${route}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  return { res, text: await res.text() }
}

describe('the after-action report route', () => {
  it('measures the time to detect from the first alert telco got on a jammed node, in every format', async () => {
    const { exerciseId, facilitator, red, telco } = await playedExercise()
    const report = await server.http<Report>('GET', `/api/exercises/${exerciseId}/report`)
    expect(report.status).toBe(200)
    const [first] = report.body.attacks
    const launched = facilitator.events.find((e) => e.type === 'attack.launched')!
    const alert = facilitator.events.find(
      (e) =>
        e.type === 'twin.alert' &&
        e.raised &&
        e.teamId === 'telco' &&
        first!.affectedNodes.includes(e.nodeId),
    )!
    expect(first).toMatchObject({
      attackId: 'jam-core',
      target: 'rcv-core-1',
      launchedT: launched.t,
      detectedT: alert.t,
      timeToDetectS: alert.t - launched.t,
      detectedBy: 'telco',
      detectedHow: 'alert',
      recoveredT: null,
    })
    // Two launches of one attack at one moment: each is blamed for its own receiver's branch.
    const [one, two] = report.body.attacks
    expect(one?.affectedNodes).toContain('gm-1')
    expect(one?.affectedNodes).not.toContain('gm-2')
    expect(two?.affectedNodes).toContain('gm-2')
    expect(two?.affectedNodes).not.toContain('gm-1')
    const radio = report.body.sectors.find((sector) => sector.nodeId === 'radio-1')
    expect(radio?.outOfToleranceS).toBeGreaterThan(0)
    expect(Math.abs(radio?.peakTimeErrorNs ?? 0)).toBeGreaterThan(1500)

    const md = await download(`/api/exercises/${exerciseId}/report?format=md`)
    expect(md.res.headers.get('content-type')).toContain('text/markdown')
    expect(md.res.headers.get('content-disposition')).toContain('attachment')
    expect(md.text).toContain('# After-action report: Report test')
    const html = await download(`/api/exercises/${exerciseId}/report?format=html`)
    expect(html.res.headers.get('content-type')).toContain('text/html')
    expect(html.res.headers.get('content-disposition')).toContain('.html')
    expect(html.res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(html.text).toContain('<svg ')
    const csv = await download(`/api/exercises/${exerciseId}/report?format=csv`)
    expect(csv.res.headers.get('content-type')).toContain('text/csv')
    expect(csv.text).toContain('attack.launched')
    for (const client of [facilitator, red.client, telco.client]) client.close()
  })

  it('carries the improvement plan the white cell wrote, and keeps the plan from every team', async () => {
    const { exerciseId, facilitator, red, telco } = await playedExercise()
    const plan = new TestDocClient(facilitator.socket, IMPROVEMENT_PLAN)
    expect(await plan.open()).toEqual({ ok: true })
    addImprovementItem(plan.doc, 'Holdover alarms reach nobody at night')
    await plan.waitFor(() => plan.updateReplies.length > 0, 'the plan update acknowledged')
    expect(plan.updateReplies).toEqual([{ ok: true }])
    const report = await server.http<Report>('GET', `/api/exercises/${exerciseId}/report`)
    expect(report.body.improvementPlan.map((item) => item.issue)).toEqual([
      'Holdover alarms reach nobody at night',
    ])
    const md = await download(`/api/exercises/${exerciseId}/report?format=md`)
    expect(md.text).toContain('| Holdover alarms reach nobody at night |')

    const peek = new TestDocClient(telco.client.socket, IMPROVEMENT_PLAN)
    expect(await peek.open()).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    for (const client of [facilitator, red.client, telco.client]) client.close()
  })

  it('answers only the facilitator, 400 on an unknown format and 404 on an unknown exercise', async () => {
    const { exerciseId, facilitator, red, telco } = await playedExercise()
    expect((await download(`/api/exercises/${exerciseId}/report`, red.token)).res.status).toBe(403)
    expect((await download(`/api/exercises/${exerciseId}/report`, null)).res.status).toBe(401)
    const pdf = await server.http('GET', `/api/exercises/${exerciseId}/report?format=pdf`)
    expect(pdf).toMatchObject({ status: 400, body: { error: { code: 'invalid' } } })
    const none = await server.http('GET', '/api/exercises/nope/report?format=md')
    expect(none).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } })
    for (const client of [facilitator, red.client, telco.client]) client.close()
  })
})
