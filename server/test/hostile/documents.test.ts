/**
 * A red participant with a scripting client goes after the shared documents: other teams'
 * notebooks under every name it can think of, awareness for documents it never opened or for
 * another person's caret, and crafted updates. Each is refused, and nobody else notices.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { YjsReply } from '../../../core/protocol'
import type { TestServer } from '../startTestServer'
import { connect, setUpExercise, startTestServer } from '../startTestServer'
import { TestDocClient } from '../yjsClient'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

const refusal = (reply: YjsReply) => (reply.ok ? null : reply.error)

async function participant(token: string) {
  const client = await connect(server, { token })
  await client.waitForSnapshot()
  const received: string[] = []
  client.socket.on('yjs', (doc) => received.push(doc))
  return { client, received }
}

async function joinRed(code: string, name: string) {
  const joined = await server.http<{ token: string }>('POST', '/api/join', { code, name }, null)
  return joined.body.token
}

const documentText = async (exerciseId: string, doc: string) =>
  (await server.http<{ text: string }>('GET', `/api/exercises/${exerciseId}/documents/${doc}`)).body
    .text

describe('hostile: shared documents', () => {
  it("refuses every other team's notebook alike, whether the team exists or not", async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const red = await participant(participants.red!.token)
    const names = [
      'notebook:soc',
      'notebook:ot',
      'notebook:observers',
      'notebook:ghost',
      'notebook:constructor',
      'notebook:tostring',
    ]
    const messages = new Set<string>()
    for (const name of names) {
      const doc = new TestDocClient(red.client.socket, name)
      const opened = refusal(await doc.open())
      expect(opened?.code, name).toBe('forbidden')
      messages.add(opened!.message.replace(name, '<doc>'))
      const update = new Y.Doc()
      update.getXmlFragment('default').insert(0, [new Y.XmlText('red was here')])
      expect(
        refusal(await doc.send({ type: 'update', update: Y.encodeStateAsUpdate(update) }))?.code,
      ).toBe('forbidden')
    }
    // One message for all of them: a refusal does not say which teams exist.
    expect(messages.size).toBe(1)
    for (const name of ['notebook:__proto__', 'notebook:hasOwnProperty', 'notebook:toString']) {
      const doc = new TestDocClient(red.client.socket, name)
      expect(refusal(await doc.open())?.code, name).toBe('invalid')
    }
    expect(red.received).toEqual([])
    expect(await documentText(exerciseId, 'notebook:soc')).not.toContain('red was here')
  })

  it('refuses awareness for a document not opened, and caret ids that belong to someone else', async () => {
    const { exerciseId, joinCodes, participants } = await setUpExercise(server, ['red', 'soc'])
    const first = await participant(participants.red!.token)
    const second = await participant(await joinRed(joinCodes.red!, 'second red'))
    const blue = await participant(participants.soc!.token)
    const mine = new TestDocClient(first.client.socket, 'notebook:red')
    expect(await mine.open()).toEqual({ ok: true })
    expect(await mine.setAwareness({ user: { name: 'first', color: '#112233' } })).toEqual({
      ok: true,
    })

    // Awareness for a notebook the socket never opened: its own team's, and blue's.
    const unopened = new TestDocClient(second.client.socket, 'notebook:red')
    expect(refusal(await unopened.setAwareness({ user: { name: 'ghost' } }))?.code).toBe(
      'not_joined',
    )
    const blueDoc = new TestDocClient(second.client.socket, 'notebook:soc')
    expect(refusal(await blueDoc.setAwareness({ user: { name: 'ghost' } }))?.code).toBe('forbidden')

    // Opened now, it claims the first player's caret as its own.
    expect(await unopened.open()).toEqual({ ok: true })
    const forged = new Y.Doc()
    forged.clientID = mine.doc.clientID
    const spoof = new TestDocClient(second.client.socket, 'notebook:red')
    ;(spoof as unknown as { doc: Y.Doc }).doc = forged
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness')
    const awareness = new Awareness(forged)
    awareness.setLocalState({ user: { name: 'impostor', color: '#ff0000' } })
    const reply = await unopened.send({
      type: 'awareness',
      update: encodeAwarenessUpdate(awareness, [forged.clientID]),
    })
    expect(refusal(reply)?.code).toBe('forbidden')
    await unopened.setAwareness({ user: { name: 'second', color: '#445566' } })
    await mine.waitFor(() => mine.others.includes('second red'), 'the second caret')
    expect(mine.others).not.toContain('impostor')
    expect(unopened.others).toContain('red player')
    expect(unopened.others).not.toContain('impostor')

    expect(blue.received).toEqual([])
    expect(await documentText(exerciseId, 'notebook:red')).toBe(mine.text)
  })

  it('refuses crafted updates to its own notebook and records none of them', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red'])
    const red = await participant(participants.red!.token)
    const own = new TestDocClient(red.client.socket, 'notebook:red')
    // An update before opening.
    const early = new Y.Doc()
    early.getXmlFragment('default').insert(0, [new Y.XmlText('too early')])
    expect(
      refusal(await own.send({ type: 'update', update: Y.encodeStateAsUpdate(early) }))?.code,
    ).toBe('not_joined')
    expect(await own.open()).toEqual({ ok: true })
    const before = await documentText(exerciseId, 'notebook:red')

    // Shared types beyond the document's limit of 8, all in one update: each new, each refused.
    const many = new Y.Doc()
    for (let i = 0; i < 20; i++) many.getMap(`exfiltrate-${i}`).set('x', 'a'.repeat(100))
    const refusedRoots = refusal(
      await own.send({ type: 'update', update: Y.encodeStateAsUpdate(many) }),
    )
    expect(refusedRoots).toMatchObject({ code: 'invalid', message: expect.stringContaining('8') })
    // Bytes that are not an update, and a state vector that is not one either.
    expect(
      refusal(await own.send({ type: 'update', update: new Uint8Array([0xff, 0xff, 0xff]) }))?.code,
    ).toBe('invalid')
    expect(
      refusal(await own.send({ type: 'sync-step1', stateVector: new Uint8Array([0xff, 0xff]) }))
        ?.code,
    ).toBe('invalid')
    // After leaving, nothing more is taken.
    await red.client.socket.timeout(5000).emitWithAck('yjs.leave', 'notebook:red')
    const late = new Y.Doc()
    late.getXmlFragment('default').insert(0, [new Y.XmlText('too late')])
    expect(
      refusal(await own.send({ type: 'update', update: Y.encodeStateAsUpdate(late) }))?.code,
    ).toBe('not_joined')

    expect(await documentText(exerciseId, 'notebook:red')).toBe(before)
    const events = await server.http<unknown[]>('GET', `/api/exercises/${exerciseId}/events`)
    expect(JSON.stringify(events.body)).not.toMatch(/exfiltrate|too early|too late/)
    expect((await server.http<{ ok: boolean }>('GET', '/api/health')).body.ok).toBe(true)
  })
})
