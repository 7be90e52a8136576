/**
 * A red participant with a valid token and a scripting client tries to learn what its side
 * would not know: another team's decisions, actions and channels through the refusals, the
 * effect of blue's mitigations through the twin, the twin's seed, and the server's internals
 * through ids that every object inherits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../../core/protocol'
import type { TestServer } from '../startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from '../startTestServer'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

async function exercise(teams = ['red', 'soc']) {
  const set = await setUpExercise(server, teams)
  const facilitator = await connect(server, { token: ADMIN_TOKEN })
  await facilitator.send({ type: 'exercise.open', exerciseId: set.exerciseId })
  await facilitator.waitForSnapshot()
  const red = await connect(server, { token: set.participants.red!.token })
  await red.waitForSnapshot()
  return { ...set, facilitator, red }
}

const logLength = async (exerciseId: string) =>
  (await server.http<HoldoverEvent[]>('GET', `/api/exercises/${exerciseId}/events`)).body.length

describe('hostile: what a team may not learn', () => {
  it("gets one refusal for another team's decision whether it has opened or not", async () => {
    const { facilitator, red } = await exercise()
    const answer = (decisionId: string) =>
      red.send({ type: 'decision.answer', decisionId, optionId: 'declare' })
    const before = await answer('declare-major-incident')
    await facilitator.send({ type: 'decision.open', decisionId: 'declare-major-incident' })
    await facilitator.waitForEvent((e) => e.type === 'decision.opened')
    const open = await answer('declare-major-incident')
    const missing = await answer('no-such-decision')
    expect(open).toEqual(before)
    expect(JSON.stringify(missing).replace('no-such-decision', 'declare-major-incident')).toBe(
      JSON.stringify(before),
    )
    expect(before).toMatchObject({ ok: false, error: { code: 'not_found' } })
    // The same for actions and chat channels.
    const action = await red.send({ type: 'action.take', actionId: 'check-reference' })
    const noAction = await red.send({ type: 'action.take', actionId: 'no-such-action' })
    expect(JSON.stringify(noAction).replace('no-such-action', 'check-reference')).toBe(
      JSON.stringify(action),
    )
    const chat = await red.send({ type: 'chat.send', channel: 'soc', text: 'hi' })
    const noChannel = await red.send({ type: 'chat.send', channel: 'nobody', text: 'hi' })
    expect(noChannel).toEqual(chat)
  })

  it("numbers its events in its own sequence, so the numbers say nothing of the others' activity", async () => {
    const { facilitator, red, participants } = await exercise(['red', 'soc'])
    const soc = await connect(server, { token: participants.soc!.token })
    await soc.waitForSnapshot()
    const start = red.snapshots.at(-1)!.seq
    const logStart = facilitator.snapshots.at(-1)!.seq
    for (let i = 0; i < 15; i++) {
      expect((await soc.send({ type: 'chat.send', channel: 'soc', text: `blue ${i}` })).ok).toBe(
        true,
      )
    }
    await facilitator.send({ type: 'inject.send', to: 'red', title: 'Ping', body: '' })
    const ping = await red.waitForEvent((e) => e.type === 'inject.delivered')
    expect(ping.seq).toBe(start + 1)
    const own = await red.send({ type: 'chat.send', channel: 'red', text: 'red here' })
    expect(own.ok && own.events.map((e) => e.seq)).toEqual([start + 2])
    // The facilitator's log counts everything; red's feed only what red sees.
    const logPing = await facilitator.waitForEvent((e) => e.type === 'inject.delivered')
    expect(logPing.seq).toBe(logStart + 16)
    // A reconnect resumes in red's numbering: exactly what it missed.
    const back = await connect(server, { token: participants.red!.token, lastSeq: start })
    await back.waitForEvent((e) => e.type === 'chat.message')
    expect(back.events.map((e) => [e.seq, e.type])).toEqual([
      [start + 1, 'inject.delivered'],
      [start + 2, 'chat.message'],
    ])
    expect(back.snapshots).toEqual([])
    const fresh = await connect(server, { token: participants.red!.token })
    expect((await fresh.waitForSnapshot()).seq).toBe(start + 2)
  })

  it('never receives the twin seed; the facilitator does', async () => {
    const { facilitator, red, participants } = await exercise(['red', 'soc'])
    const blue = await connect(server, { token: participants.soc!.token })
    const seed = facilitator.snapshots.at(-1)!.state.seed
    expect(seed).toBeGreaterThan(0)
    for (const team of [red, blue]) {
      const snapshot = await team.waitForSnapshot()
      expect(snapshot.state.seed).toBe(0)
      expect(JSON.stringify(snapshot)).not.toContain(`"seed":${seed}`)
    }
  })

  it('does not notice the SOC pinning ntp1 to the reference, but sees its own shift take hold', async () => {
    const { facilitator, red, participants } = await exercise(['red', 'soc'])
    const soc = await connect(server, { token: participants.soc!.token })
    await soc.waitForSnapshot()
    await facilitator.send({ type: 'clock.start' })
    expect(
      (await red.send({ type: 'attack.launch', attackId: 'shift-upstream', target: 'up-7' })).ok,
    ).toBe(true)
    await facilitator.send({ type: 'clock.jump', t: 30 * 60 })
    await red.waitForEvent(
      (e) => e.type === 'twin.statusChanged' && e.nodeId === 'ntp1-corp' && e.status === 'failed',
    )
    expect(
      (await soc.send({ type: 'action.take', actionId: 'pin-to-reference', target: 'ntp1-corp' }))
        .ok,
    ).toBe(true)
    await facilitator.send({ type: 'clock.jump', t: 60 * 60 })
    await facilitator.waitForEvent(
      (e) => e.type === 'twin.statusChanged' && e.nodeId === 'ntp1-corp' && e.status === 'ok',
    )
    // The jump is the last thing red sees: by then it has had every chance to hear of ntp1.
    await red.waitForEvent((e) => e.type === 'clock.jumped' && e.t === 60 * 60)
    const ntp1 = red.events.filter(
      (e) => e.type === 'twin.statusChanged' && e.nodeId === 'ntp1-corp',
    )
    expect(ntp1.map((e) => e.type === 'twin.statusChanged' && e.status)).toEqual([
      'degraded',
      'failed',
    ])
    expect(red.events.some((e) => e.type === 'action.taken')).toBe(false)
    const again = await connect(server, { token: participants.red!.token })
    const snapshot = await again.waitForSnapshot()
    expect(snapshot.state.nodeStatus['ntp1-corp']?.status).toBe('failed')
  })

  // One name per test: each test's server gives a fresh budget, so no refusal is a rate limit's.
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'gets a clear refusal for %s in every id field, and the log does not change',
    async (name) => {
      const { exerciseId, red, facilitator } = await exercise()
      const before = await logLength(exerciseId)
      const commands = [
        { type: 'decision.answer', decisionId: '$', optionId: 'declare' },
        { type: 'decision.answer', decisionId: 'declare-major-incident', optionId: '$' },
        { type: 'action.take', actionId: '$' },
        { type: 'action.take', actionId: 'check-reference', target: '$' },
        { type: 'attack.launch', attackId: '$', target: 'up-7' },
        { type: 'attack.launch', attackId: 'shift-upstream', target: '$' },
        { type: 'attack.launch', attackId: 'shift-upstream', target: 'up-7', params: { $: 1 } },
        { type: 'chat.send', channel: '$', text: 'hi' },
        { type: 'inject.fire', injectId: '$' },
        { type: 'decision.open', decisionId: '$' },
        { type: 'exercise.open', exerciseId: '$' },
      ]
      for (const template of commands) {
        const command = JSON.parse(JSON.stringify(template).replaceAll('$', name))
        for (const sender of [red, facilitator]) {
          const reply = await sender.send(command)
          expect(reply.ok, `${JSON.stringify(command)}`).toBe(false)
          if (reply.ok) continue
          expect(reply.error.code).not.toMatch(/^(internal|rate_limited)$/)
          expect(reply.error.message).not.toMatch(/\n\s+at |TypeError|\[object/)
        }
      }
      expect(await logLength(exerciseId)).toBe(before)
      expect((await server.http<{ ok: boolean }>('GET', '/api/health')).body.ok).toBe(true)
    },
  )
})
