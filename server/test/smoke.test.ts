import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ADMIN_TOKEN,
  connect,
  setUpExercise,
  startTestServer,
  type TestServer,
} from './startTestServer'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

describe('smoke', () => {
  it('runs a small exercise', async () => {
    const { exerciseId, participants } = await setUpExercise(server)
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    expect(await facilitator.send({ type: 'exercise.open', exerciseId })).toEqual({
      ok: true,
      events: [],
    })
    const snap = await facilitator.waitForSnapshot()
    expect(snap.state.scenario?.injects.length).toBe(6)
    const blue = await connect(server, { token: participants.soc!.token })
    const blueSnap = await blue.waitForSnapshot()
    expect(blueSnap.state.scenario?.injects).toEqual([])
    const reply = await facilitator.send({ type: 'inject.fire', injectId: 'siem-offset' })
    expect(reply.ok).toBe(true)
    const got = await blue.waitForEvent((e) => e.type === 'inject.delivered')
    expect(got).toMatchObject({ injectId: 'siem-offset', teamId: 'soc' })
    facilitator.close()
    blue.close()
  })
})
