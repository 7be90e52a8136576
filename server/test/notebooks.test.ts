import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeAwarenessEntries } from '../../core/documents/awarenessMessage'
import { encodeYjsMessage } from '../../core/documents/yjsMessage'
import type { TestServer } from './startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from './startTestServer'
import { TestDocClient } from './yjsClient'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

const SOC = 'notebook:soc'

async function joinSoc(joinCode: string, name: string) {
  const joined = await server.http<{ token: string; participantId: string }>(
    'POST',
    '/api/join',
    { code: joinCode, name },
    null,
  )
  return joined.body
}

/** A socket and an open document for one participant (or the facilitator). */
async function openAs(token: string, exerciseId: string, doc = SOC) {
  const client = await connect(server, { token })
  if (token === ADMIN_TOKEN) await client.send({ type: 'exercise.open', exerciseId })
  else await client.waitForSnapshot()
  const notebook = new TestDocClient(client.socket, doc)
  return { client, notebook }
}

async function restText(exerciseId: string, doc = SOC, at?: number) {
  const query = at === undefined ? '' : `?at=${at}`
  return server.http<{ doc: string; at: number; text: string; markdown: string }>(
    'GET',
    `/api/exercises/${exerciseId}/documents/${doc}${query}`,
  )
}

describe('team notebooks', () => {
  it("opens pre-filled with the team's template, and two members converge as they type", async () => {
    const { exerciseId, joinCodes, participants } = await setUpExercise(server, ['soc'])
    const second = await joinSoc(joinCodes.soc!, 'Second analyst')
    const a = await openAs(participants.soc!.token, exerciseId)
    const b = await openAs(second.token, exerciseId)
    expect(await a.notebook.open()).toEqual({ ok: true })
    expect(await b.notebook.open()).toEqual({ ok: true })
    expect(a.notebook.text).toContain('incident log')
    expect(b.notebook.text).toBe(a.notebook.text)

    a.notebook.appendParagraph('14:02 NTP offset alarm on ntp-2')
    b.notebook.appendParagraph('14:03 checked GPS receiver: locked')
    await a.notebook.waitFor(() => a.notebook.text.includes('GPS receiver'), 'b’s edit at a')
    await b.notebook.waitFor(() => b.notebook.text.includes('offset alarm'), 'a’s edit at b')
    expect(a.notebook.text).toBe(b.notebook.text)
    // The template is seeded once: opening again does not repeat it.
    expect(a.notebook.text.split('incident log').length).toBe(2)
    await a.notebook.waitFor(() => a.notebook.replies.length > 0, 'acks')
    expect(a.notebook.replies.every((reply) => reply.ok)).toBe(true)
  })

  it('lets the facilitator read live, and answers the documents route with the plain text', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc'])
    const member = await openAs(participants.soc!.token, exerciseId)
    const white = await openAs(ADMIN_TOKEN, exerciseId)
    await member.notebook.open()
    await white.notebook.open()
    member.notebook.appendParagraph('Sitrep: PMUs out of tolerance')
    await white.notebook.waitFor(() => white.notebook.text.includes('PMUs out'), 'live text')
    await member.notebook.waitFor(() => member.notebook.replies.some((r) => r.ok), 'ack')
    const answer = await restText(exerciseId)
    expect(answer.status).toBe(200)
    expect(answer.body.doc).toBe(SOC)
    expect(answer.body.text).toContain('Sitrep: PMUs out of tolerance')
    expect(answer.body.text.startsWith(white.notebook.text.split('\n')[0]!)).toBe(true)
    expect(answer.body.markdown).toContain('Sitrep: PMUs out of tolerance')
    // A participant may not use the route.
    const refused = await server.http(
      'GET',
      `/api/exercises/${exerciseId}/documents/${SOC}`,
      undefined,
      participants.soc!.token,
    )
    expect(refused.status).toBe(403)
    const unknown = await restText(exerciseId, 'notebook:nobody')
    expect(unknown.status).toBe(404)
  })

  it("refuses red blue's notebook, and red receives nothing of it over a whole run", async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const red = await openAs(participants.red!.token, exerciseId)
    const seenByRed: [string, unknown][] = []
    red.client.socket.on('yjs', (doc, message) => seenByRed.push([doc, message]))
    const blue = await openAs(participants.soc!.token, exerciseId)
    await blue.notebook.open()
    await blue.notebook.setAwareness({ user: { name: 'x', color: '#112233' } })

    const opened = await red.notebook.open()
    expect(opened.ok).toBe(false)
    expect(!opened.ok && opened.error.code).toBe('forbidden')
    const before = blue.notebook.text
    const sneaky = new Y.Doc()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('red was here')])
    sneaky.getXmlFragment('default').insert(0, [paragraph])
    const pushed = await red.notebook.send({
      type: 'update',
      update: Y.encodeStateAsUpdate(sneaky),
    })
    expect(!pushed.ok && pushed.error.code).toBe('forbidden')
    const aware = await red.notebook.send({
      type: 'awareness',
      update: new Uint8Array([1, 5, 1, 2, 123, 125]),
    })
    expect(!aware.ok && aware.error.code).toBe('forbidden')

    blue.notebook.appendParagraph('Blue-only: we suspect the boundary clock')
    await blue.notebook.waitFor(() => blue.notebook.replies.filter((r) => r.ok).length >= 2, 'acks')
    // Red's own notebook works, and still brings nothing of blue's.
    const own = new TestDocClient(red.client.socket, 'notebook:red')
    expect(await own.open()).toEqual({ ok: true })
    expect(own.text).not.toContain('boundary clock')
    expect(seenByRed.every(([doc]) => doc === 'notebook:red')).toBe(true)
    expect((await restText(exerciseId)).body.text).not.toContain('red was here')
    expect(blue.notebook.text).toContain(before.split('\n')[0]!)
  })

  it('refuses malformed, oversized, unknown and crafted messages with a clear error, and stays up', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc'])
    const member = await openAs(participants.soc!.token, exerciseId)
    await member.notebook.open()
    const textBefore = (await restText(exerciseId)).body.text
    const expectRefused = async (reply: Promise<unknown>, code: string, message: RegExp) => {
      const answer = (await reply) as { ok: boolean; error?: { code: string; message: string } }
      expect(answer.ok).toBe(false)
      expect(answer.error?.code).toBe(code)
      expect(answer.error?.message).toMatch(message)
    }
    await expectRefused(member.notebook.sendRaw('not binary'), 'invalid', /binary/)
    await expectRefused(
      member.notebook.sendRaw(new Uint8Array([7, 1, 2])),
      'invalid',
      /unknown message type 7/,
    )
    await expectRefused(
      member.notebook.sendRaw(new Uint8Array([0, 9, 0])),
      'invalid',
      /unknown sync step/,
    )
    await expectRefused(
      member.notebook.sendRaw(new Uint8Array([0, 2, 3, 1, 2, 3]), 'notes'),
      'invalid',
      /Unknown document/,
    )
    await expectRefused(member.notebook.sendRaw(new Uint8Array(300 * 1024)), 'invalid', /too large/)
    await expectRefused(
      member.notebook.send({ type: 'update', update: new Uint8Array([1, 2, 3]) }),
      'invalid',
      /Not a valid Yjs update/,
    )
    // yjs #687: run-length counts that make Yjs allocate or loop without end.
    const crafted = [
      'ffffffff0f0100',
      '01ffffffff0f01000000',
      '0101010001ffffffffffff3f00',
      '010101000800ffffffff0f',
    ]
    for (const hex of crafted) {
      await expectRefused(
        member.notebook.send({ type: 'update', update: new Uint8Array(Buffer.from(hex, 'hex')) }),
        'invalid',
        /Not a valid Yjs update/,
      )
    }
    // An update that skips clocks the server never saw would sit unrecorded: refused.
    const ahead = new Y.Doc()
    const steps: Uint8Array[] = []
    ahead.on('update', (update: Uint8Array) => steps.push(update))
    ahead.getXmlFragment('default').insert(0, [new Y.XmlText('a')])
    ahead.getXmlFragment('default').insert(1, [new Y.XmlText('b')])
    await expectRefused(
      member.notebook.send({ type: 'update', update: steps[1]! }),
      'invalid',
      /skips changes/,
    )
    const health = await server.http<{ ok: boolean }>('GET', '/api/health')
    expect(health.body.ok).toBe(true)
    expect((await restText(exerciseId)).body.text).toBe(textBefore)
    // The member's own open document still works.
    member.notebook.appendParagraph('still here')
    await member.notebook.waitFor(() => member.notebook.replies.some((r) => r.ok), 'an ack')
    expect((await restText(exerciseId)).body.text).toContain('still here')
  })

  it('converges after both sides edit while one is offline, with nothing lost or doubled', async () => {
    const { exerciseId, joinCodes, participants } = await setUpExercise(server, ['soc'])
    const second = await joinSoc(joinCodes.soc!, 'Night shift')
    const a = await openAs(participants.soc!.token, exerciseId)
    const b = await openAs(second.token, exerciseId)
    await a.notebook.open()
    await b.notebook.open()
    a.client.close()
    a.notebook.goOffline()
    a.notebook.appendParagraph('offline note from A')
    b.notebook.appendParagraph('online note from B')
    await b.notebook.waitFor(() => b.notebook.replies.some((r) => r.ok), 'b acked')
    const again = await connect(server, { token: participants.soc!.token })
    await again.waitForSnapshot()
    expect(await a.notebook.reconnect(again.socket)).toEqual({ ok: true })
    await a.notebook.waitFor(() => a.notebook.text.includes('online note from B'), 'B at A')
    await b.notebook.waitFor(() => b.notebook.text.includes('offline note from A'), 'A at B')
    expect(a.notebook.text).toBe(b.notebook.text)
    expect(a.notebook.text.split('offline note from A').length).toBe(2)
    expect(a.notebook.text.split('online note from B').length).toBe(2)
  })

  it('gives the notebook as it read at a past moment', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc'])
    const member = await openAs(participants.soc!.token, exerciseId)
    await member.notebook.open()
    member.notebook.appendParagraph('first entry')
    await member.notebook.waitFor(
      () => member.notebook.replies.filter((r) => r.ok).length >= 1,
      'ack',
    )
    const between = (await restText(exerciseId)).body.at
    await new Promise((resolve) => setTimeout(resolve, 5))
    member.notebook.appendParagraph('second entry')
    await member.notebook.waitFor(
      () => member.notebook.replies.filter((r) => r.ok).length >= 2,
      'ack',
    )
    const past = await restText(exerciseId, SOC, between)
    expect(past.body.text).toContain('first entry')
    expect(past.body.text).not.toContain('second entry')
    const now = await restText(exerciseId)
    expect(now.body.text).toContain('second entry')
    const beforeAll = await restText(exerciseId, SOC, 0)
    expect(beforeAll.body.text).not.toContain('first entry')
    expect((await restText(exerciseId, SOC, -3)).status).toBe(400)
  })

  it('stamps awareness with the real display name, and removes carets when a socket leaves', async () => {
    const { exerciseId, joinCodes, participants } = await setUpExercise(server, ['soc'])
    const second = await joinSoc(joinCodes.soc!, 'Dana')
    const a = await openAs(participants.soc!.token, exerciseId)
    const b = await openAs(second.token, exerciseId)
    await a.notebook.open()
    await b.notebook.open()
    expect(
      await b.notebook.setAwareness({ user: { name: 'The facilitator', color: 'red;x' } }),
    ).toEqual({ ok: true })
    await a.notebook.waitFor(() => a.notebook.others.includes('Dana'), 'Dana’s caret')
    const state = [...a.notebook.awareness.getStates().values()][0] as { user: { color: string } }
    expect(state.user.color).toMatch(/^#[0-9a-f]{6}$/i)
    b.client.close()
    await a.notebook.waitFor(() => a.notebook.others.length === 0, 'the caret to leave')
    // Another person may not move a caret that is not theirs...
    const c = await openAs(second.token, exerciseId)
    const stolen = new TestDocClient(c.client.socket, SOC)
    await stolen.open()
    const aId = a.notebook.doc.clientID
    await a.notebook.setAwareness({ user: { name: 'A', color: '#123456' } })
    const theft = await stolen.send({
      type: 'awareness',
      update: encodeAwarenessEntries([
        { clientId: aId, clock: 99, state: { user: { name: 'A' } } },
      ]),
    })
    expect(!theft.ok && theft.error.code).toBe('forbidden')
    // ...but the same person on a new socket takes its own caret over (a reconnect).
    const again = await openAs(participants.soc!.token, exerciseId)
    const resumed = new TestDocClient(again.client.socket, SOC)
    await resumed.open()
    const takeover = await resumed.send({
      type: 'awareness',
      update: encodeAwarenessEntries([
        { clientId: aId, clock: 100, state: { user: { name: 'A' } } },
      ]),
    })
    expect(takeover).toEqual({ ok: true })
  })

  it('keeps document subscriptions when a socket re-opens its exercise, and drops them for another', async () => {
    const first = await setUpExercise(server, ['soc'])
    const other = await setUpExercise(server, ['soc'])
    const member = await openAs(first.participants.soc!.token, first.exerciseId)
    const white = await openAs(ADMIN_TOKEN, first.exerciseId)
    await member.notebook.open()
    await white.notebook.open()
    expect(
      (await white.client.send({ type: 'exercise.open', exerciseId: first.exerciseId })).ok,
    ).toBe(true)
    member.notebook.appendParagraph('after the re-open')
    await white.notebook.waitFor(
      () => white.notebook.text.includes('after the re-open'),
      'the edit',
    )
    // Following another exercise lets go of this one's documents.
    expect(
      (await white.client.send({ type: 'exercise.open', exerciseId: other.exerciseId })).ok,
    ).toBe(true)
    const count = white.notebook.received.length
    member.notebook.appendParagraph('not for the other exercise')
    await member.notebook.waitFor(
      () => member.notebook.replies.filter((r) => r.ok).length >= 3,
      'acks',
    )
    expect(white.notebook.received.length).toBe(count)
  })

  it('counts the update budget per participant, whatever the number of sockets', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc'])
    const sockets = await Promise.all(
      [0, 1, 2].map(() => openAs(participants.soc!.token, exerciseId)),
    )
    for (const s of sockets) await s.notebook.open()
    const empty = encodeYjsMessage({ type: 'sync-step1', stateVector: new Uint8Array([0]) })
    const replies = await Promise.all(
      Array.from({ length: 300 }, (_, i) => sockets[i % 3]!.notebook.sendRaw(empty)),
    )
    const limited = replies.filter((reply) => !reply.ok && reply.error.code === 'rate_limited')
    // 120 in a burst for the participant, not 120 per socket.
    expect(replies.length - limited.length).toBeLessThan(200)
    expect(limited.length).toBeGreaterThan(100)
  })
})
