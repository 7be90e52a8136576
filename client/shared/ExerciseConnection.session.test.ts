/** A participant's connection when its seat changes under it: a fresh token, a removal. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestServer } from '../../server/test/startTestServer'
import {
  ADMIN_TOKEN,
  connect,
  setUpExercise,
  startTestServer,
} from '../../server/test/startTestServer'
import type { ConnectionStatus } from './ExerciseConnection'
import { ExerciseConnection } from './ExerciseConnection'

let server: TestServer
const opened: { close(): void }[] = []
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  for (const connection of opened.splice(0)) connection.close()
  await server.destroy()
})

/** Resolves with the first status that matches, recording every state on the way. */
function until(
  connection: ExerciseConnection,
  predicate: (status: ConnectionStatus) => boolean,
  seen: string[] = [],
): Promise<ConnectionStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; saw ${seen.join(', ')}`)), 6000)
    const check = () => {
      const status = connection.getView().status
      if (seen.at(-1) !== status.state) seen.push(status.state)
      if (!predicate(status)) return
      clearTimeout(timer)
      stop()
      resolve(status)
    }
    const stop = connection.subscribe(check)
    check()
  })
}

describe('a participant connection', () => {
  it('keeps the fresh token the server hands it, and reconnects with it', async () => {
    const { participants } = await setUpExercise(server, ['soc'])
    const kept: string[] = []
    let tokenArrived: () => void = () => {}
    const arrived = new Promise<void>((resolve) => {
      tokenArrived = resolve
    })
    const connection = new ExerciseConnection({
      url: server.url,
      token: participants.soc!.token,
      onToken: (token) => {
        kept.push(token)
        tokenArrived()
      },
    })
    opened.push(connection)
    await arrived
    expect(kept[0]).not.toBe(participants.soc!.token)
    const handshake = (
      connection as unknown as { handshakeAuth(): { token: string } }
    ).handshakeAuth()
    expect(handshake.token).toBe(kept.at(-1))
  })

  it('says the participant was removed, and stops there instead of reconnecting', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc'])
    const connection = new ExerciseConnection({ url: server.url, token: participants.soc!.token })
    opened.push(connection)
    await until(connection, (status) => status.state === 'connected')
    const white = await connect(server, { token: ADMIN_TOKEN })
    opened.push(white)
    await white.send({ type: 'exercise.open', exerciseId })
    await white.send({ type: 'participant.remove', participantId: participants.soc!.participantId })
    const seen: string[] = []
    const refused = await until(connection, (status) => status.state === 'refused', seen)
    expect(refused).toMatchObject({
      reason: expect.stringMatching(/You were removed from this exercise by the facilitator/),
    })
    // It stays refused: no reconnect loop behind the message.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(connection.getView().status.state).toBe('refused')
  })
})
