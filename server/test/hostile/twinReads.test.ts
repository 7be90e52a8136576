/**
 * A blue participant with a scripting client against the twin: expensive reads from many
 * sockets are held to one participant's budget, and no read shows a team the future.
 */
import { describe, expect, it } from 'vitest'
import type { TwinViewReply } from '../../../core/protocol'
import { ADMIN_TOKEN, connect, type TestClient } from '../startTestServer'
import { createTwinExercise, serveTwinScenario, TELCO_PLOTTED } from './twinExercise'

const testServer = serveTwinScenario()

const view = (client: TestClient, request: unknown): Promise<TwinViewReply> =>
  client.socket.timeout(10_000).emitWithAck('twin.view', request)

async function facilitatorAt(exerciseId: string, t: number): Promise<TestClient> {
  const facilitator = await connect(testServer(), { token: ADMIN_TOKEN })
  await facilitator.send({ type: 'exercise.open', exerciseId })
  await facilitator.waitForSnapshot()
  expect((await facilitator.send({ type: 'clock.jump', t })).ok).toBe(true)
  return facilitator
}

describe('twin reads from a hostile participant', () => {
  it('ten sockets on one blue token asking 50 × 500 are held to one budget while health and others keep answering', async () => {
    const server = testServer()
    const { exerciseId, tokens } = await createTwinExercise(server, ['telco', 'red'])
    const facilitator = await facilitatorAt(exerciseId, 6 * 3600)
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () => connect(server, { token: tokens.telco })),
    )
    const hostile = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []))
    // Five tabs at most; the others are told why.
    expect(hostile).toHaveLength(5)
    for (const attempt of attempts) {
      if (attempt.status === 'rejected') {
        expect(String(attempt.reason)).toMatch(/5 connections open/)
      }
    }
    const red = await connect(server, { token: tokens.red })
    await red.waitForSnapshot()

    const costliest = {
      series: { nodeIds: TELCO_PLOTTED, fromT: 0, toT: 6 * 3600, points: 500 },
    }
    const started = Date.now()
    const reads = Promise.all(
      hostile.flatMap((client) => Array.from({ length: 40 }, () => view(client, costliest))),
    )
    const others = (async () => {
      const commands = []
      const health = []
      for (let i = 0; i < 15; i++) {
        commands.push(
          await red.send({ type: 'chat.send', channel: 'red', text: `still here ${i}` }),
        )
        health.push((await fetch(`${server.url}/api/health`)).status)
      }
      return { commands, health }
    })()
    const [replies, { commands, health }] = await Promise.all([reads, others])
    const elapsedS = (Date.now() - started) / 1000

    const served = replies.filter((reply) => reply.ok)
    const limited = replies.filter((reply) => !reply.ok && reply.error.code === 'rate_limited')
    expect(served.length + limited.length).toBe(replies.length)
    // One participant's budget, whatever the sockets: 60 units at once, 10 a second, 26 a read.
    expect(served.length).toBeGreaterThan(0)
    expect(served.length).toBeLessThanOrEqual(Math.floor((60 + 10 * elapsedS) / 26) + 1)
    const first = served[0]
    expect(first?.ok && first.series.length).toBeGreaterThan(10)
    expect(limited[0]).toMatchObject({ error: { message: expect.stringContaining('slow down') } })
    // What the others notice: every command taken, every health check answered.
    expect(commands.every((reply) => reply.ok)).toBe(true)
    expect(health.every((status) => status === 200)).toBe(true)
    for (const client of [...hostile, red, facilitator]) client.close()
  })

  it('refuses a team a series that starts after now and clamps its end to now', async () => {
    const server = testServer()
    const { exerciseId, tokens } = await createTwinExercise(server, ['telco'])
    const facilitator = await facilitatorAt(exerciseId, 3600)
    const telco = await connect(server, { token: tokens.telco })
    await telco.waitForSnapshot()
    const nodeIds = TELCO_PLOTTED.slice(0, 3)

    // The read: a start in the future with an end of 0 showed the attack's ceiling.
    const ahead = await view(telco, { series: { nodeIds, fromT: 20_000, toT: 0, points: 10 } })
    expect(ahead).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('after now') },
    })
    const long = await view(telco, {
      t: 40 * 3600,
      series: { nodeIds, fromT: 0, toT: 40 * 3600, points: 20 },
    })
    expect(long.ok).toBe(true)
    if (!long.ok) return
    expect(long.t).toBe(3600)
    const times = long.series.flatMap((series) => series.points.map(([t]) => t))
    expect(times.length).toBeGreaterThan(0)
    expect(Math.max(...times)).toBe(3600)

    // The facilitator may still project the future.
    const projected = await view(facilitator, {
      series: { nodeIds, fromT: 20_000, toT: 30_000, points: 10 },
    })
    expect(projected.ok && projected.series[0]?.points.at(-1)?.[0]).toBe(30_000)
    for (const client of [telco, facilitator]) client.close()
  })
})
