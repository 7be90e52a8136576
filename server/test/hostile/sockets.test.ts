/**
 * A red participant with a scripting client opening many sockets on one token: it gets a few
 * tabs' worth, told why for the rest, and every socket it holds shares one command budget; far
 * past its budgets it loses its connections for a while.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../../core/protocol'
import { COMMAND_BUDGET, REFUSAL_BUDGET } from '../../socket/ParticipantBudgets'
import { connect, setUpExercise, startTestServer, type TestServer } from '../startTestServer'

let server: TestServer

async function waitUntil(probe: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

describe('many sockets on one token', () => {
  it('fifty sockets on one red token: five connect, and their chat stays within one participant’s budget', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red'])
    const token = participants.red!.token
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, () => connect(server, { token })),
    )
    const sockets = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []))
    expect(sockets).toHaveLength(5)
    const refusals = attempts.flatMap((a) => (a.status === 'rejected' ? [String(a.reason)] : []))
    expect(refusals).toHaveLength(45)
    expect(refusals.every((reason) => /5 connections open .*close one/.test(reason))).toBe(true)

    const started = Date.now()
    const settled = await Promise.allSettled(
      Array.from({ length: 2000 }, (_, i) =>
        sockets[i % sockets.length]!.send({
          type: 'chat.send',
          channel: 'red',
          text: `flood ${i}`,
        }),
      ),
    )
    const elapsedS = (Date.now() - started) / 1000
    // What was answered before the connections were cut (the rest never is).
    const replies = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
    const accepted = replies.filter((reply) => reply.ok).length
    const refused = replies.filter((reply) => !reply.ok)
    expect(refused.every((reply) => !reply.ok && reply.error.code === 'rate_limited')).toBe(true)
    expect(refused.length).toBeGreaterThanOrEqual(REFUSAL_BUDGET.burst)
    // One participant's budget, however many sockets send.
    const { burst, perSecond } = COMMAND_BUDGET.participant
    expect(accepted).toBeGreaterThanOrEqual(burst)
    expect(accepted).toBeLessThanOrEqual(burst + Math.ceil(perSecond * elapsedS) + 1)
    // And only those are in the log.
    const log = await server.http<HoldoverEvent[]>('GET', `/api/exercises/${exerciseId}/events`)
    expect(log.body.filter((event) => event.type === 'chat.message')).toHaveLength(accepted)
    // Far past its budgets, the script lost every connection, and may not come back for a while.
    await waitUntil(() => sockets.every((socket) => !socket.socket.connected), 'every socket cut')
    await expect(connect(server, { token })).rejects.toThrow(
      /sent far more than the server accepts .* reload the page in \d+ s/,
    )
    // Nobody else is held to it.
    const blue = await setUpExercise(server, ['soc'])
    const other = await connect(server, { token: blue.participants.soc!.token })
    expect((await other.send({ type: 'chat.send', channel: 'soc', text: 'still here' })).ok).toBe(
      true,
    )
    other.close()
    for (const socket of sockets) socket.close()
  })

  it('refuses a sixth tab saying why, and lets one in again once a tab closes', async () => {
    const { participants } = await setUpExercise(server, ['soc'])
    const token = participants.soc!.token
    const tabs = []
    for (let i = 0; i < 5; i++) tabs.push(await connect(server, { token }))
    await expect(connect(server, { token })).rejects.toThrow(/5 connections open/)
    tabs.shift()!.close()
    // The server notices the closed tab when its disconnect arrives: the sixth gets in then.
    let again = null
    for (let i = 0; i < 50 && !again; i++) {
      again = await connect(server, { token }).catch(() => null)
      if (!again) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(again).not.toBeNull()
    await again!.waitForSnapshot()
    // Another participant is not held to this one's tabs.
    const other = await setUpExercise(server, ['soc'])
    const otherTab = await connect(server, { token: other.participants.soc!.token })
    await otherTab.waitForSnapshot()
    for (const client of [...tabs, again!, otherTab]) client.close()
  })
})
