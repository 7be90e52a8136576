/**
 * Participant tokens as a hostile holder would use them: after they should have expired, after
 * their holder was removed, after the exercise ended.
 */
import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../../core/protocol'
import { signParticipantToken, verifyParticipantToken } from '../../auth/tokens'
import type { TestClient, TestServer } from '../startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from '../startTestServer'

let server: TestServer | undefined
const clients: TestClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  await server?.destroy()
  server = undefined
})

async function open(token: string, exerciseId?: string): Promise<TestClient> {
  const client = await connect(server!, { token })
  clients.push(client)
  if (exerciseId) await client.send({ type: 'exercise.open', exerciseId })
  else await client.waitForSnapshot()
  return client
}

function disconnected(client: TestClient): Promise<string> {
  return new Promise((resolve) => {
    if (!client.socket.connected) resolve('already')
    client.socket.once('disconnect', resolve)
  })
}

describe('participant tokens expire', () => {
  it('refuses a token past its expiry, saying to join again', async () => {
    server = await startTestServer()
    const { participants } = await setUpExercise(server, ['red'])
    const claims = verifyParticipantToken(participants.red!.token, server.secrets.signingKey)!
    const now = Date.now()
    const expired = signParticipantToken(
      { ...claims, issuedAt: now - 3_600_000, expiresAt: now - 1000 },
      server.secrets.signingKey,
    )
    await expect(connect(server, { token: expired })).rejects.toThrow(
      /Your seat in this exercise has expired\. Join again with your code\./,
    )
  })

  it('gives a token signed before expiry existed the lifetime it would have had', async () => {
    server = await startTestServer()
    const { participants } = await setUpExercise(server, ['red'])
    const { exerciseId, teamId, participantId } = verifyParticipantToken(
      participants.red!.token,
      server.secrets.signingKey,
    )!
    const legacy = (issuedAt: number) => {
      const payload = Buffer.from(
        JSON.stringify([exerciseId, teamId, participantId, issuedAt]),
      ).toString('base64url')
      const signature = createHmac('sha256', server!.secrets.signingKey)
        .update(payload)
        .digest('base64url')
      return `hp1.${payload}.${signature}`
    }
    const recent = await open(legacy(Date.now() - 60_000))
    expect(recent.snapshots).toHaveLength(1)
    await expect(connect(server, { token: legacy(Date.now() - 15 * 3_600_000) })).rejects.toThrow(
      /expired/,
    )
  })

  it("gives a join's token the planned length plus a margin, and hands a connected participant fresh ones it can reconnect with", async () => {
    server = await startTestServer()
    const { participants } = await setUpExercise(server, ['red'])
    const joined = verifyParticipantToken(participants.red!.token, server.secrets.signingKey)!
    // The drill is planned for two hours; the margin is twelve.
    expect(joined.expiresAt! - joined.issuedAt).toBe((2 + 12) * 3_600_000)
    const client = await connect(server, { token: participants.red!.token })
    clients.push(client)
    const fresh = await client.waitForToken()
    expect(fresh.token).not.toBe(participants.red!.token)
    expect(fresh.expiresAt).toBeGreaterThanOrEqual(joined.expiresAt!)
    const again = await open(fresh.token)
    expect(again.snapshots.at(-1)?.viewer).toMatchObject({ participantId: joined.participantId })
  })
})

describe('removing a participant', () => {
  it('cuts every socket of theirs at once and refuses their token from then on, saying so', async () => {
    server = await startTestServer()
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const redId = participants.red!.participantId
    const white = await open(ADMIN_TOKEN, exerciseId)
    const tabs = await Promise.all([1, 2, 3].map(() => open(participants.red!.token)))
    const soc = await open(participants.soc!.token)
    const cut = tabs.map(disconnected)

    const reply = await white.send({ type: 'participant.remove', participantId: redId })
    expect(reply.ok).toBe(true)
    expect(await Promise.all(cut)).toEqual(Array(3).fill('io server disconnect'))
    const removed = await white.waitForEvent((event) => event.type === 'participant.removed')
    expect(removed).toMatchObject({
      participantId: redId,
      teamId: 'red',
      name: 'red player',
      by: 'facilitator',
    })
    await expect(connect(server, { token: participants.red!.token })).rejects.toThrow(
      /You were removed from this exercise by the facilitator/,
    )
    // Nor does any HTTP route take it.
    for (const route of ['/api/exercises', `/api/exercises/${exerciseId}/events`]) {
      expect((await server.http('GET', route, undefined, participants.red!.token)).status).toBe(403)
    }
    // The other team never learns of it; the rest goes on.
    expect(soc.socket.connected).toBe(true)
    expect(soc.events.some((event) => event.type === 'participant.removed')).toBe(false)
    expect((await soc.send({ type: 'chat.send', channel: 'soc', text: 'still here' })).ok).toBe(
      true,
    )
  })

  it('refuses a fresh token handed out before the removal, too', async () => {
    server = await startTestServer()
    const { exerciseId, participants } = await setUpExercise(server, ['red'])
    const white = await open(ADMIN_TOKEN, exerciseId)
    const client = await connect(server, { token: participants.red!.token })
    clients.push(client)
    const fresh = await client.waitForToken()
    await white.send({ type: 'participant.remove', participantId: participants.red!.participantId })
    await expect(connect(server, { token: fresh.token })).rejects.toThrow(/removed/)
  })

  it('is the facilitator’s alone, once per participant, and says what is wrong', async () => {
    server = await startTestServer()
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const red = await open(participants.red!.token)
    const attempt = await red.send({
      type: 'participant.remove',
      participantId: participants.soc!.participantId,
    })
    expect(attempt).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const white = await open(ADMIN_TOKEN, exerciseId)
    for (const participantId of ['nobody', 'constructor', '__proto__']) {
      expect(await white.send({ type: 'participant.remove', participantId })).toMatchObject({
        ok: false,
        error: {
          code: 'not_found',
          message: `No participant '${participantId}' in this exercise.`,
        },
      })
    }
    const soc = participants.soc!.participantId
    expect((await white.send({ type: 'participant.remove', participantId: soc })).ok).toBe(true)
    expect(await white.send({ type: 'participant.remove', participantId: soc })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'soc player was already removed.' },
    })
  })
})

describe('an ended exercise', () => {
  async function endedExercise(hotWashMinutes: string) {
    server = await startTestServer({ env: { HOLDOVER_HOT_WASH_MINUTES: hotWashMinutes } })
    const setUp = await setUpExercise(server, ['red', 'soc'])
    const white = await open(ADMIN_TOKEN, setUp.exerciseId)
    expect((await white.send({ type: 'exercise.end' })).ok).toBe(true)
    return { ...setUp, white }
  }

  it('takes no new joins', async () => {
    const { joinCodes } = await endedExercise('120')
    const late = await server!.http<{ error: { message: string } }>(
      'POST',
      '/api/join',
      { code: joinCodes.soc, name: 'Late' },
      null,
    )
    expect(late.status).toBe(409)
    expect(late.body.error.message).toMatch(/has ended; it can no longer be joined/)
  })

  it('lets its participants read and talk during the hot wash, and nothing else', async () => {
    const { participants } = await endedExercise('120')
    const soc = await open(participants.soc!.token)
    const seen = soc.snapshots.at(-1)!.state
    expect(seen.ended).toBe(true)
    const said = await soc.send({ type: 'chat.send', channel: 'soc', text: 'Lessons learned: …' })
    expect(said.ok).toBe(true)
    const acted = await soc.send({ type: 'action.take', actionId: 'pin-upstreams' })
    expect(acted).toMatchObject({ ok: false, error: { code: 'conflict' } })
    // A fresh token outlives neither the hot wash.
    const fresh = await soc.waitForToken()
    expect(fresh.expiresAt).toBeLessThanOrEqual(Date.now() + 120 * 60_000)
  })

  it('lets a page still connected go when the hot wash closes', async () => {
    const { participants } = await endedExercise('0.05') // three seconds
    const soc = await open(participants.soc!.token)
    expect(await disconnected(soc)).toBe('io server disconnect')
    await expect(connect(server!, { token: participants.soc!.token })).rejects.toThrow(
      /hot wash closed/,
    )
  })

  it('refuses its participants once the hot wash has closed, pointing to the replay', async () => {
    const { participants, white } = await endedExercise('0')
    await expect(connect(server!, { token: participants.soc!.token })).rejects.toThrow(
      /This exercise has ended and its hot wash closed at \d\d:\d\d UTC; ask the facilitator for the replay\./,
    )
    const chat = await white.send({ type: 'chat.send', channel: 'soc', text: 'too late' })
    expect(chat).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const events = (
      await server!.http<HoldoverEvent[]>(
        'GET',
        `/api/exercises/${white.snapshots[0]?.exerciseId}/events`,
      )
    ).body
    expect(events.slice(-2).map((event) => event.type)).toEqual([
      'exercise.ended',
      'hotwash.opened',
    ])
  })
})
