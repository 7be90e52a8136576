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

const ANSWERS = {
  type: 'hotwash.submit',
  wentWell: 'The bridge call with OT',
  toImprove: 'Escalate the offset sooner',
  ratings: { detect: 4 },
  signed: false,
} as const

/** An ended drill with a second SOC participant, everyone connected. */
async function endedDrill() {
  const { exerciseId, joinCodes, participants } = await setUpExercise(server, ['red', 'soc'])
  const second = await server.http<{ token: string; participantId: string }>(
    'POST',
    '/api/join',
    { code: joinCodes.soc, name: 'Grace Hopper' },
    null,
  )
  const white = await connect(server, { token: ADMIN_TOKEN })
  await white.send({ type: 'exercise.open', exerciseId })
  await white.waitForSnapshot()
  expect((await white.send({ type: 'exercise.end' })).ok).toBe(true)
  const open = async (token: string) => {
    const client = await connect(server, { token })
    await client.waitForSnapshot()
    return client
  }
  return {
    exerciseId,
    white,
    soc: await open(participants.soc!.token),
    socToken: participants.soc!.token,
    grace: await open(second.body.token),
    graceToken: second.body.token,
    graceId: second.body.participantId,
    socId: participants.soc!.participantId,
    red: await open(participants.red!.token),
  }
}

describe('the hot wash over the wire', () => {
  it('shows every participant the survey, and a response reaches the white cell only, naming nobody', async () => {
    const { exerciseId, white, soc, grace, red, graceId } = await endedDrill()
    expect(soc.snapshots.at(-1)!.state.hotWash.survey?.map((o) => o.id)).toContain('detect')
    expect(soc.snapshots.at(-1)!.hotWashSent).toBe(false)

    const reply = await grace.send(ANSWERS)
    expect(reply).toEqual({ ok: true, events: [] })
    const received = await white.waitForEvent((e) => e.type === 'hotwash.submitted')
    expect(received).toMatchObject({ wentWell: 'The bridge call with OT', author: null })
    // A later event everyone sees proves the teams had their chance to receive it.
    await soc.send({ type: 'chat.send', channel: 'soc', text: 'thanks all' })
    await soc.waitForEvent((e) => e.type === 'chat.message')
    await red.send({ type: 'chat.send', channel: 'red', text: 'gg' })
    await red.waitForEvent((e) => e.type === 'chat.message')
    for (const team of [soc, grace, red]) {
      expect(team.events.map((e) => e.type)).not.toContain('hotwash.submitted')
    }

    const log = await server.http<HoldoverEvent[]>('GET', `/api/exercises/${exerciseId}/events`)
    const stored = JSON.stringify(log.body.filter((e) => e.type === 'hotwash.submitted'))
    expect(stored).toContain('Escalate the offset sooner')
    expect(stored).not.toContain(graceId)
    expect(stored).not.toMatch(/Grace|"teamId"|"participantId"/)
  })

  it('tells only the participant who answered, after a reload, and refuses their second response', async () => {
    const { white, soc, socToken, socId, grace, graceToken } = await endedDrill()
    expect((await soc.send({ ...ANSWERS, signed: true })).ok).toBe(true)
    expect(await white.waitForEvent((e) => e.type === 'hotwash.submitted')).toMatchObject({
      author: { participantId: socId, teamId: 'soc', name: 'soc player' },
    })
    soc.close()
    const reloaded = await connect(server, { token: socToken })
    expect((await reloaded.waitForSnapshot()).hotWashSent).toBe(true)
    expect(await reloaded.send(ANSWERS)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('already sent') },
    })
    grace.close()
    const teammate = await connect(server, { token: graceToken })
    expect((await teammate.waitForSnapshot()).hotWashSent).toBe(false)
  })
})
