/**
 * Red's scripting client rewrites an attack through `params`: a field the catalogue does not let
 * it tune (turning a rewrite that NTS stops into a delay it does not), absurd values, wrong
 * types. Each is refused with what may be tuned; a tuned value in bounds goes through.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../../core/protocol'
import type { TestServer } from '../startTestServer'
import { connect, setUpExercise, startTestServer } from '../startTestServer'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

const TUNABLE = 'you may tune offsetS (Shift, 0.2 to 999 s)'

describe('hostile: attack parameters', () => {
  it('refuses what the catalogue does not let red tune, and takes what it does', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red'])
    const red = await connect(server, { token: participants.red!.token })
    await red.waitForSnapshot()
    const launch = (params: Record<string, unknown>) =>
      red.send({ type: 'attack.launch', attackId: 'shift-upstream', target: 'up-7', params })
    const log = async () =>
      (await server.http<HoldoverEvent[]>('GET', `/api/exercises/${exerciseId}/events`)).body

    const before = (await log()).length
    const refusals = [
      [{ method: 'delay' }, `'method' cannot be tuned; ${TUNABLE}.`],
      [{ side: 'client' }, `'side' cannot be tuned; ${TUNABLE}.`],
      [{ offsetNs: 1e300 }, `'offsetNs' cannot be tuned; ${TUNABLE}.`],
      [{ offsetS: 1e300 }, 'Shift (offsetS) must be from 0.2 to 999 s, not 1e+300.'],
      [{ offsetS: true }, 'Shift (offsetS) takes a number of s, not true.'],
      [{ durationS: 1 }, `'durationS' cannot be tuned; ${TUNABLE}.`],
    ] as const
    for (const [params, message] of refusals) {
      expect(await launch(params)).toEqual({
        ok: false,
        error: { code: 'invalid', message: `Attack 'shift-upstream': ${message}` },
      })
    }
    const proto = await red.send(
      JSON.parse(
        '{"type":"attack.launch","attackId":"shift-upstream","target":"up-7","params":{"__proto__":{"method":"delay"}}}',
      ),
    )
    expect(proto).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect((await log()).length).toBe(before)

    const tuned = await launch({ offsetS: 300 })
    expect(tuned.ok).toBe(true)
    const applied = (await log()).filter((e) => e.type === 'twin.effectApplied')
    expect(applied.map((e) => e.type === 'twin.effectApplied' && e.effect)).toEqual([
      expect.objectContaining({
        kind: 'ntp-shift',
        offsetS: 300,
        method: 'rewrite',
        side: 'server',
      }),
    ])
    // Red's own record says what it tuned; the facilitator's log too.
    expect(tuned.ok && tuned.events.find((e) => e.type === 'attack.launched')).toMatchObject({
      params: { offsetS: 300 },
    })
  })
})
