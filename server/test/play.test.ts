/** Live play over the wire: cross-team channels kept to their teams, and rulings on the record. */
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

const mentions = (events: HoldoverEvent[], text: string) => JSON.stringify(events).includes(text)

describe('cross-team channels', () => {
  it('carry the bridge between two blue teams and the white cell, and never reach red', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc', 'ot'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const red = await connect(server, { token: participants.red!.token })
    const soc = await connect(server, { token: participants.soc!.token })
    const ot = await connect(server, { token: participants.ot!.token })
    const [redSnapshot, socSnapshot] = await Promise.all([
      red.waitForSnapshot(),
      soc.waitForSnapshot(),
      ot.waitForSnapshot(),
      facilitator.waitForSnapshot(),
    ])
    // The scenario's bridge is in the blue teams' scenario, not in red's.
    expect(socSnapshot.state.scenario?.channels.map((c) => c.id)).toEqual(['incident-bridge'])
    expect(redSnapshot.state.scenario?.channels).toEqual([])

    const said = await soc.send({
      type: 'channel.send',
      channelId: 'incident-bridge',
      text: 'Bridge: ntp1 is 420 s ahead',
    })
    expect(said.ok).toBe(true)
    await ot.waitForEvent(
      (e) => e.type === 'channel.message' && e.text === 'Bridge: ntp1 is 420 s ahead',
    )
    await facilitator.waitForEvent((e) => e.type === 'channel.message')
    // Red may not write in it, and is told nothing it could not guess.
    const spying = await red.send({
      type: 'channel.send',
      channelId: 'incident-bridge',
      text: 'hi',
    })
    expect(spying).toMatchObject({ ok: false, error: { code: 'not_found' } })

    // The facilitator opens a channel for red and the SOC only when it says red belongs.
    const refused = await facilitator.send({
      type: 'channel.open',
      channelId: 'parley',
      name: 'Parley',
      teams: ['red', 'soc'],
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect(
      (
        await facilitator.send({
          type: 'channel.open',
          channelId: 'ot-desk',
          name: 'OT desk',
          teams: ['soc', 'ot'],
        })
      ).ok,
    ).toBe(true)
    await soc.waitForEvent((e) => e.type === 'channel.opened' && e.channelId === 'ot-desk')

    // Something everyone sees, after the rest: once red has it, red has had every chance.
    await facilitator.send({ type: 'clock.start' })
    await red.waitForEvent((e) => e.type === 'clock.started')
    expect(mentions(red.events, '420 s ahead')).toBe(false)
    expect(red.events.some((e) => e.type.startsWith('channel.'))).toBe(false)
    const redAgain = await connect(server, { token: participants.red!.token })
    expect(JSON.stringify(await redAgain.waitForSnapshot())).not.toContain('420 s ahead')
    for (const client of [facilitator, red, soc, ot, redAgain]) client.close()
  })
})

describe('adjudication', () => {
  it('records the request and the ruling with their authors, and refuses a participant who rules', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const red = await connect(server, { token: participants.red!.token })
    const soc = await connect(server, { token: participants.soc!.token })
    await Promise.all([red.waitForSnapshot(), soc.waitForSnapshot(), facilitator.waitForSnapshot()])

    const asked = await red.send({
      type: 'attack.launch',
      attackId: 'delay-upstream',
      target: 'up-7',
      rationale: 'Slewed in quietly',
    })
    expect(asked.ok).toBe(true)
    const request = await facilitator.waitForEvent((e) => e.type === 'adjudication.requested')
    if (request.type !== 'adjudication.requested') throw new Error('not a request')
    expect(request).toMatchObject({ participantId: participants.red!.participantId })

    for (const client of [red, soc]) {
      const ruled = await client.send({
        type: 'adjudication.rule',
        requestId: request.requestId,
        verdict: 'approve',
        note: '',
      })
      expect(ruled).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    await facilitator.send({
      type: 'adjudication.rule',
      requestId: request.requestId,
      verdict: 'deny',
      note: 'Not tonight.',
    })
    await red.waitForEvent((e) => e.type === 'adjudication.ruled' && e.note === 'Not tonight.')
    const log = await server.http<HoldoverEvent[]>('GET', `/api/exercises/${exerciseId}/events`)
    const ruling = log.body.find((e) => e.type === 'adjudication.ruled')
    expect(ruling).toMatchObject({ by: 'facilitator', verdict: 'denied' })
    expect(log.body.some((e) => e.type === 'attack.launched')).toBe(false)
    expect(soc.events.some((e) => e.type.startsWith('adjudication.'))).toBe(false)
    for (const client of [facilitator, red, soc]) client.close()
  })
})
