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

describe('fog of war', () => {
  it('delivers an inject for blue to blue only, live and in snapshots', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc', 'ot'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const red = await connect(server, { token: participants.red!.token })
    const blue = await connect(server, { token: participants.soc!.token })
    const otherBlue = await connect(server, { token: participants.ot!.token })
    await Promise.all([red.waitForSnapshot(), blue.waitForSnapshot(), otherBlue.waitForSnapshot()])

    expect((await facilitator.send({ type: 'inject.fire', injectId: 'siem-offset' })).ok).toBe(true)
    const adHoc = await facilitator.send({
      type: 'inject.send',
      to: 'soc',
      title: 'Secret for the SOC',
      body: 'Only **soc** may read this.',
    })
    expect(adHoc.ok).toBe(true)
    await blue.waitForEvent(
      (e) => e.type === 'inject.delivered' && e.title === 'Secret for the SOC',
    )
    // Something everyone sees, after the injects: once red has it, red has had every chance.
    await facilitator.send({ type: 'clock.start' })
    await red.waitForEvent((e) => e.type === 'clock.started')
    await otherBlue.waitForEvent((e) => e.type === 'clock.started')
    await blue.waitForEvent((e) => e.type === 'clock.started')

    // Starting the clock fires the T+00:00 kickoff to red, soc and ot, at once.
    expect(blue.events.filter((e) => e.type === 'inject.delivered').map((e) => e.title)).toEqual([
      'NTP offset above threshold on ntp1.corp',
      'Secret for the SOC',
      'The drill begins',
    ])
    for (const outsider of [red, otherBlue]) {
      const delivered = outsider.events.filter((e) => e.type === 'inject.delivered')
      expect(delivered.map((e) => e.title)).toEqual(['The drill begins'])
      expect(mentions(outsider.events, 'Secret for the SOC')).toBe(false)
      expect(mentions(outsider.events, 'ntp1.corp')).toBe(false)
    }

    // A fresh snapshot tells the same story.
    const redAgain = await connect(server, { token: participants.red!.token })
    const redSnapshot = await redAgain.waitForSnapshot()
    expect(redSnapshot.state.deliveries.map((d) => [d.teamId, d.title])).toEqual([
      ['red', 'The drill begins'],
    ])
    expect(JSON.stringify(redSnapshot)).not.toContain('Secret for the SOC')
    // Nor does red learn the MSEL, other teams' briefings or members.
    expect(redSnapshot.state.scenario?.injects).toEqual([])
    expect(redSnapshot.state.scenario?.teams.find((t) => t.id === 'soc')?.briefing).toBe('')
    expect(redSnapshot.state.scenario?.teams.find((t) => t.id === 'red')?.briefing).toContain(
      'on-path',
    )
    expect(Object.values(redSnapshot.state.participants).map((p) => p.teamId)).toEqual(['red'])

    const blueAgain = await connect(server, { token: participants.soc!.token })
    const blueSnapshot = await blueAgain.waitForSnapshot()
    expect(blueSnapshot.state.deliveries.map((d) => d.title)).toEqual([
      'NTP offset above threshold on ntp1.corp',
      'Secret for the SOC',
      'The drill begins',
    ])
    for (const client of [facilitator, red, blue, otherBlue, redAgain, blueAgain]) client.close()
  })

  it('keeps team chat inside the team', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const red = await connect(server, { token: participants.red!.token })
    const blue = await connect(server, { token: participants.soc!.token })
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    await Promise.all([
      red.waitForSnapshot(),
      blue.waitForSnapshot(),
      facilitator.waitForSnapshot(),
    ])

    expect(
      (await blue.send({ type: 'chat.send', channel: 'soc', text: 'Check ntp2 against GNSS' })).ok,
    ).toBe(true)
    const spying = await red.send({ type: 'chat.send', channel: 'soc', text: 'hello' })
    expect(spying).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    await facilitator.waitForEvent((e) => e.type === 'chat.message')
    await blue.send({ type: 'chat.send', channel: 'soc', text: 'marker' })
    await facilitator.waitForEvent((e) => e.type === 'chat.message' && e.text === 'marker')
    expect(red.events.some((e) => e.type === 'chat.message')).toBe(false)
    for (const client of [red, blue, facilitator]) client.close()
  })
})
