import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../core/protocol'
import type { TestServer } from './startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from './startTestServer'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

describe('the HTTP API', () => {
  it('answers health to anyone, with security headers', async () => {
    const res = await fetch(`${server.url}/api/health`)
    expect(await res.json()).toEqual({ ok: true, version: expect.any(String), publicUrl: null })
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-powered-by')).toBeNull()
  })

  it('says the public address for links when HOLDOVER_PUBLIC_URL is set', async () => {
    const served = await startTestServer({ env: { HOLDOVER_PUBLIC_URL: 'http://10.1.2.3:3000/' } })
    try {
      const health = await served.http<{ publicUrl: string | null }>('GET', '/api/health')
      expect(health.body.publicUrl).toBe('http://10.1.2.3:3000')
    } finally {
      await served.destroy()
    }
  })

  it('keeps facilitator routes behind the admin token, saying how to sign in', async () => {
    expect(await server.http('GET', '/api/scenarios', undefined, null)).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', message: expect.stringContaining('Bearer') } },
    })
    expect(await server.http('GET', '/api/scenarios', undefined, 'wrong')).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    })
    const scenarios = await server.http<{ id: string; teams: { side: string }[] }[]>(
      'GET',
      '/api/scenarios',
    )
    expect(scenarios.status).toBe(200)
    const drill = scenarios.body.find((s) => s.id === 'drill-ntp-shift')
    expect(drill?.teams.map((t) => t.side)).toEqual(['red', 'blue', 'blue', 'observer'])
  })

  it("serves a scenario's MSEL as a spreadsheet to the facilitator", async () => {
    const res = await fetch(`${server.url}/api/scenarios/drill-ntp-shift/msel.csv`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    expect(res.headers.get('content-type')).toContain('text/csv')
    const text = await res.text()
    const drill = server.scenarios.get('drill-ntp-shift')!
    expect(text.split('\r\n')).toHaveLength(drill.injects.length + 2) // header, injects, final newline
    expect(text).toContain('NTP offset above threshold on ntp1.corp')
    expect(
      (await server.http('GET', '/api/scenarios/drill-ntp-shift/msel.csv', undefined, null)).status,
    ).toBe(401)
  })

  it('creates an exercise with one join code per team', async () => {
    const created = await server.http<{ id: string; joinCodes: Record<string, string> }>(
      'POST',
      '/api/exercises',
      {
        scenarioId: 'drill-ntp-shift',
        title: 'Tuesday drill',
      },
    )
    expect(created.status).toBe(201)
    expect(Object.keys(created.body.joinCodes)).toEqual(['red', 'soc', 'ot', 'observers'])
    const codes = Object.values(created.body.joinCodes)
    expect(new Set(codes).size).toBe(4)
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
    const listed = await server.http<{ id: string; title: string }[]>('GET', '/api/exercises')
    expect(listed.body).toContainEqual(
      expect.objectContaining({ id: created.body.id, title: 'Tuesday drill' }),
    )
  })

  it('refuses bad exercise requests clearly and creates nothing', async () => {
    expect(await server.http('POST', '/api/exercises', { scenarioId: 'nope' })).toMatchObject({
      status: 404,
      body: { error: { message: expect.stringContaining('drill-ntp-shift') } },
    })
    expect(
      (await server.http('POST', '/api/exercises', { scenarioId: 'drill-ntp-shift', extra: 1 }))
        .status,
    ).toBe(400)
    expect(await server.http('POST', '/api/exercises', '{not json')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid', message: expect.stringContaining('JSON') } },
    })
    const huge = JSON.stringify({ scenarioId: 'drill-ntp-shift', title: 'x'.repeat(100_000) })
    expect(await server.http('POST', '/api/exercises', huge)).toMatchObject({ status: 413 })
    expect((await server.http<unknown[]>('GET', '/api/exercises')).body).toEqual([])
  })

  it('joins by code, whatever the case and dashes, and refuses a wrong code or name', async () => {
    const { joinCodes } = await setUpExercise(server, [])
    const typed = joinCodes.soc!.toLowerCase().replace('-', ' ')
    const joined = await server.http<{ token: string; teamId: string; side: string }>(
      'POST',
      '/api/join',
      { code: typed, name: '  Ana  ' },
      null,
    )
    expect(joined).toMatchObject({ status: 201, body: { teamId: 'soc', side: 'blue' } })
    const client = await connect(server, { token: joined.body.token })
    const snapshot = await client.waitForSnapshot()
    expect(Object.values(snapshot.state.participants).map((p) => p.name)).toEqual(['Ana'])
    client.close()
    expect(
      await server.http('POST', '/api/join', { code: 'ZZZZ-ZZZZ', name: 'Bo' }, null),
    ).toMatchObject({
      status: 404,
      body: { error: { message: expect.stringContaining('join code') } },
    })
    expect(
      (await server.http('POST', '/api/join', { code: joinCodes.soc, name: '   ' }, null)).status,
    ).toBe(400)
    expect(
      (await server.http('POST', '/api/join', { code: joinCodes.soc, name: 'x'.repeat(81) }, null))
        .status,
    ).toBe(400)
  })

  it('lets a whole room join at once but slows down code guessing', async () => {
    const { joinCodes } = await setUpExercise(server, [])
    for (let i = 0; i < 40; i++) {
      const joined = await server.http(
        'POST',
        '/api/join',
        { code: joinCodes.soc, name: `Player ${i}` },
        null,
      )
      expect(joined.status).toBe(201)
    }
    const guesses = []
    for (let i = 0; i < 31; i++) {
      guesses.push(
        await server.http('POST', '/api/join', { code: 'AAAA-AAAA', name: 'Guess' }, null),
      )
    }
    expect(guesses.slice(0, 30).every((g) => g.status === 404)).toBe(true)
    expect(guesses.at(-1)).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } })
  })

  it('pages the event log and exports a file another install imports and replays', async () => {
    const { exerciseId } = await setUpExercise(server, ['red', 'soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    await facilitator.send({ type: 'clock.jump', t: 3600 })
    facilitator.close()
    const all = await server.http<HoldoverEvent[]>('GET', `/api/exercises/${exerciseId}/events`)
    expect(all.body[0]?.type).toBe('exercise.created')
    const page = await server.http<HoldoverEvent[]>(
      'GET',
      `/api/exercises/${exerciseId}/events?fromSeq=4`,
    )
    expect(page.body).toEqual(all.body.slice(3))
    expect(
      (await server.http('GET', `/api/exercises/${exerciseId}/events?fromSeq=-1`)).status,
    ).toBe(400)
    expect((await server.http('GET', '/api/exercises/missing/events')).status).toBe(404)

    const exported = await server.http<{ events: HoldoverEvent[] }>(
      'GET',
      `/api/exercises/${exerciseId}/export`,
    )
    const other = await startTestServer()
    try {
      const imported = await other.http<{ id: string }>(
        'POST',
        '/api/exercises/import',
        exported.body,
      )
      expect(imported.status).toBe(201)
      const replayed = await other.http<HoldoverEvent[]>(
        'GET',
        `/api/exercises/${imported.body.id}/events`,
      )
      expect(replayed.body.slice(1)).toEqual(all.body.slice(1))
      expect(replayed.body[0]).toMatchObject({
        type: 'exercise.created',
        exerciseId: imported.body.id,
      })
      const damaged = { ...exported.body, events: exported.body.events.slice(1) }
      expect(await other.http('POST', '/api/exercises/import', damaged)).toMatchObject({
        status: 400,
        body: { error: { message: expect.stringContaining('damaged') } },
      })
    } finally {
      await other.destroy()
    }
  })
})
