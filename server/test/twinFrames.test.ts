/** Twin frames over the wire: pushed each tick to each audience, only what that audience may see. */
import { describe, expect, it } from 'vitest'
import type { TwinFrame } from '../../core/protocol'
import { createTwinExercise, serveTwinScenario } from './hostile/twinExercise'
import { ADMIN_TOKEN, connect, type TestClient } from './startTestServer'

const testServer = serveTwinScenario()

function recordFrames(client: TestClient): TwinFrame[] {
  const frames: TwinFrame[] = []
  client.socket.on('twin.frame', (frame) => frames.push(frame))
  return frames
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25))
  if (!check()) throw new Error(`timed out waiting for ${what}`)
}

describe('twin frames', () => {
  it('each audience gets frames of what it may see, never of a moment after now', async () => {
    const server = testServer()
    const { exerciseId, tokens } = await createTwinExercise(server, ['telco', 'soc', 'red'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    const facilitatorFrames = recordFrames(facilitator)
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const snapshot = await facilitator.waitForSnapshot()
    const clients = { telco: facilitator, soc: facilitator, red: facilitator }
    const frames: Record<string, TwinFrame[]> = {}
    for (const teamId of ['telco', 'soc', 'red'] as const) {
      clients[teamId] = await connect(server, { token: tokens[teamId] })
      frames[teamId] = recordFrames(clients[teamId])
    }
    await facilitator.send({ type: 'clock.setSpeed', speed: 600 })
    const started = await facilitator.send({ type: 'clock.start' })
    expect(started.ok).toBe(true)
    await until(
      () =>
        facilitatorFrames.length >= 4 && Object.values(frames).every((list) => list.length >= 4),
      'four frames each',
    )
    // The facilitator's first frame is whole ground truth, the next only what moved.
    expect(facilitatorFrames[0]).toMatchObject({ exerciseId, audience: 'facilitator', full: true })
    expect(facilitatorFrames[0]?.nodes?.length).toBe(snapshot.state.scenario?.chain?.nodes.length)
    const ts = facilitatorFrames.map((frame) => frame.t)
    expect(ts).toEqual([...ts].sort((a, b) => a - b))

    const speedEvent = facilitator.events.find((event) => event.type === 'clock.started')!
    for (const [teamId, list] of Object.entries(frames)) {
      for (const frame of list) {
        expect(frame).toMatchObject({ exerciseId, audience: 'team' })
        expect('nodes' in frame).toBe(false)
        for (const seen of frame.observations) expect(seen.teams).toContain(teamId)
        for (const alert of frame.alerts ?? []) expect(alert.teams).toContain(teamId)
      }
    }
    // Telco measures offsets: its frames carry them; red measures nothing.
    expect(frames.telco!.some((frame) => frame.observations.length > 0)).toBe(true)
    expect(frames.red!.every((frame) => frame.observations.length === 0)).toBe(true)
    // No frame is for a moment the clock had not reached when it arrived.
    const nowT = speedEvent.t + (600 * (Date.now() - speedEvent.at)) / 1000
    for (const list of Object.values(frames)) {
      for (const frame of list) expect(frame.t).toBeLessThanOrEqual(nowT)
    }
    for (const client of [facilitator, ...Object.values(clients)]) client.close()
  })
})
