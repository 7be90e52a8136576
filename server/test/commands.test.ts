import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestServer } from './startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from './startTestServer'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

const logLength = async (exerciseId: string) =>
  (await server.http<unknown[]>('GET', `/api/exercises/${exerciseId}/events`)).body.length

describe('commands refused', () => {
  it('refuses every facilitator command from a participant, says why, and changes nothing', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const red = await connect(server, { token: participants.red!.token })
    await red.waitForSnapshot()
    const before = await logLength(exerciseId)
    const attempts = [
      { type: 'clock.start' },
      { type: 'clock.pause' },
      { type: 'clock.setSpeed', speed: 60 },
      { type: 'clock.jump', t: 3600 },
      { type: 'inject.fire', injectId: 'siem-offset' },
      { type: 'inject.send', to: 'soc', title: 'Fake', body: 'from red' },
      { type: 'exercise.end' },
    ]
    for (const attempt of attempts) {
      const reply = await red.send(attempt)
      expect(reply, attempt.type).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      if (!reply.ok)
        expect(reply.error.message).toMatch(/Only the facilitator can .+; you are a participant\./)
    }
    const other = await red.send({ type: 'exercise.open', exerciseId: 'someone-elses' })
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await logLength(exerciseId)).toBe(before)
    red.close()
  })

  it('refuses malformed, unknown and oversized messages without harm', async () => {
    const { exerciseId } = await setUpExercise(server, ['soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    expect(await facilitator.send({ type: 'clock.start' })).toMatchObject({
      ok: false,
      error: { code: 'not_joined', message: expect.stringContaining('exercise.open') },
    })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    await facilitator.waitForSnapshot()
    const before = await logLength(exerciseId)

    const cases: [unknown, string, RegExp][] = [
      ['just a string', 'invalid', /object/],
      [null, 'invalid', /object/],
      [[1, 2], 'invalid', /object/],
      [{ kind: 'clock.start' }, 'invalid', /type/],
      [
        { type: 'clock.explode' },
        'unknown_command',
        /Unknown command type 'clock.explode'.*clock.start/,
      ],
      [{ type: 'clock.setSpeed', speed: 100_000 }, 'invalid', /speed/],
      [{ type: 'clock.setSpeed', speed: '60' }, 'invalid', /speed/],
      [{ type: 'clock.start', extra: true }, 'invalid', /extra/],
      [{ type: 'inject.fire', injectId: 'nope' }, 'not_found', /no inject 'nope'/],
      [{ type: 'inject.send', to: 'soc', title: 'x'.repeat(201), body: '' }, 'invalid', /title/],
      [
        { type: 'inject.send', to: 'martians', title: 'Hi', body: '' },
        'not_found',
        /No team 'martians'.*soc/,
      ],
      [
        { type: 'inject.send', to: 'soc', title: 'Big', body: 'x'.repeat(20_001) },
        'invalid',
        /body/,
      ],
      [{ type: 'clock.pause' }, 'conflict', /already paused/],
      [
        { type: 'attack.launch', attackId: 'spoof', target: 'gnss-1' },
        'forbidden',
        /Only the red team launches attacks/,
      ],
    ]
    for (const [message, code, pattern] of cases) {
      const reply = await facilitator.send(message as Record<string, unknown>)
      expect(reply, JSON.stringify(message).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code },
      })
      if (!reply.ok) expect(reply.error.message).toMatch(pattern)
    }
    expect(await logLength(exerciseId)).toBe(before)

    // A message past the transport's size limit costs the sender its connection, nothing else.
    const disconnected = new Promise((resolve) => facilitator.socket.once('disconnect', resolve))
    facilitator.socket.emit(
      'command',
      { type: 'inject.send', to: 'soc', title: 'x', body: 'y'.repeat(600_000) },
      () => {},
    )
    await disconnected
    expect(await logLength(exerciseId)).toBe(before)
    const again = await connect(server, { token: ADMIN_TOKEN })
    expect((await again.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    expect((await again.send({ type: 'clock.start' })).ok).toBe(true)
    again.close()
  })

  it('refuses a command sent without an acknowledgement callback silently and keeps serving', async () => {
    const { exerciseId } = await setUpExercise(server, ['soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    ;(facilitator.socket as unknown as { emit(...args: unknown[]): void }).emit('command', {
      type: 'clock.start',
    })
    expect((await facilitator.send({ type: 'clock.start' })).ok).toBe(true)
    facilitator.close()
  })

  it('refuses bad tokens and other protocol versions at the handshake, saying why', async () => {
    await expect(connect(server, {})).rejects.toThrow(/Missing token/)
    await expect(connect(server, { token: 'nonsense' })).rejects.toThrow(/Invalid token/)
    await expect(connect(server, { token: ADMIN_TOKEN, protocol: 999 })).rejects.toThrow(
      /Protocol version mismatch/,
    )
  })

  it('limits how fast one client may send commands', async () => {
    const { exerciseId } = await setUpExercise(server, ['soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const replies = await Promise.all(
      Array.from({ length: 80 }, () => facilitator.send({ type: 'clock.setSpeed', speed: 1 })),
    )
    const limited = replies.filter((reply) => !reply.ok && reply.error.code === 'rate_limited')
    expect(limited.length).toBeGreaterThan(0)
    // The burst allows 40, one of which went to exercise.open.
    expect(replies.filter((reply) => reply.ok).length).toBeGreaterThanOrEqual(39)
    expect(limited[0]).toMatchObject({ error: { message: expect.stringContaining('slow down') } })
    facilitator.close()
  })

  it('refuses what the exercise state forbids: a jump back, anything after the end', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    expect((await facilitator.send({ type: 'clock.jump', t: 3600 })).ok).toBe(true)
    expect(await facilitator.send({ type: 'clock.jump', t: 60 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('only moves forward') },
    })
    expect((await facilitator.send({ type: 'inject.fire', injectId: 'kickoff' })).ok).toBe(false) // fired by the jump
    expect((await facilitator.send({ type: 'exercise.end' })).ok).toBe(true)
    expect(await facilitator.send({ type: 'clock.start' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
    const record = await server.http<{ joinCodes: Record<string, string> }>(
      'GET',
      `/api/exercises/${exerciseId}`,
    )
    const late = await server.http(
      'POST',
      '/api/join',
      { code: record.body.joinCodes.soc, name: 'Late' },
      null,
    )
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } })
    // An existing participant still connects and reads what happened.
    const soc = await connect(server, { token: participants.soc!.token })
    expect((await soc.waitForSnapshot()).state.ended).toBe(true)
    soc.close()
    facilitator.close()
  })
})
