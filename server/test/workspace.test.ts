/**
 * The white cell's workspace on the wire: viewing as a team gets exactly what that team gets;
 * moving a participant, removing one and rotating a join code take effect at once, on every socket.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { NotebookEdit, TwinFrame } from '../../core/protocol'
import type { TestClient, TestServer } from './startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from './startTestServer'
import { TestDocClient } from './yjsClient'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

/** The twin frames a client receives, recorded from now on. */
function recordFrames(client: TestClient): TwinFrame[] {
  const frames: TwinFrame[] = []
  client.socket.on('twin.frame', (frame) => frames.push(frame))
  return frames
}

async function viewAs(exerciseId: string, teamId: string): Promise<TestClient> {
  const view = await connect(server, { token: ADMIN_TOKEN })
  const opened = await view.send({ type: 'exercise.open', exerciseId, viewAs: teamId })
  expect(opened.ok).toBe(true)
  await view.waitForSnapshot()
  return view
}

async function join(code: string, name: string) {
  const joined = await server.http<{ token: string; participantId: string; teamId: string }>(
    'POST',
    '/api/join',
    { code, name },
    null,
  )
  return joined
}

/** Waits until `probe` holds, re-checking as `client` receives anything. */
async function until(probe: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now()
  while (!probe()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('viewing as a team', () => {
  it("gets the team's own snapshot, events, presence and twin frames, event for event", async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const blue = await connect(server, { token: participants.soc!.token })
    const red = await connect(server, { token: participants.red!.token })
    const blueSnapshot = await blue.waitForSnapshot()
    const redSnapshot = await red.waitForSnapshot()
    const blueView = await viewAs(exerciseId, 'soc')
    const redView = await viewAs(exerciseId, 'red')
    const blueFrames = recordFrames(blue)
    const blueViewFrames = recordFrames(blueView)

    expect(blueView.snapshots[0]!.viewAs).toBe('soc')
    expect(blueView.snapshots[0]!.seq).toBe(blueSnapshot.seq)
    expect(blueView.snapshots[0]!.state).toEqual(blueSnapshot.state)
    expect(redView.snapshots[0]!.state).toEqual(redSnapshot.state)
    expect(blueView.presences.at(-1)?.online).toEqual([participants.soc!.participantId])

    // Injects to both, chat on both sides, red's attack and the twin's consequences hours later.
    await facilitator.send({ type: 'inject.send', to: 'soc', title: 'For the SOC', body: 'soc' })
    await facilitator.send({ type: 'inject.send', to: 'red', title: 'For red', body: 'red' })
    await blue.send({ type: 'chat.send', channel: 'soc', text: 'SOC here' })
    await red.send({ type: 'chat.send', channel: 'red', text: 'Red here' })
    await facilitator.send({ type: 'clock.start' })
    const launched = await red.send({
      type: 'attack.launch',
      attackId: 'shift-upstream',
      target: 'up-5',
    })
    expect(launched.ok).toBe(true)
    await facilitator.send({ type: 'clock.jump', t: 6 * 3600 })
    await facilitator.send({ type: 'inject.send', to: ['soc', 'red'], title: 'Marker', body: '' })
    for (const client of [blue, blueView, red, redView]) {
      await client.waitForEvent((e) => e.type === 'inject.delivered' && e.title === 'Marker')
    }

    expect(red.events.some((e) => e.type === 'twin.statusChanged')).toBe(true)
    // Names, not ids: every change red is told of names its node as the scenario does.
    const chain = server.scenarios.get('drill-ntp-shift')?.chain
    const labels = new Map(chain?.nodes.map((node) => [node.id, node.label]))
    for (const event of red.events) {
      if (event.type === 'twin.statusChanged') expect(event.label).toBe(labels.get(event.nodeId))
    }
    expect(blue.events.some((e) => e.type === 'decision.opened')).toBe(true)
    expect(blueView.events).toEqual(blue.events)
    expect(redView.events).toEqual(red.events)
    expect(JSON.stringify(blueView.events)).not.toContain('For red')
    expect(JSON.stringify(blueView.events)).not.toContain('Red here')

    // Frames: the view-as socket gets the team's own, the same broadcast.
    await until(() => blueViewFrames.length > 0, 'a twin frame for the view')
    const last = JSON.stringify(blueViewFrames.at(-1))
    await until(() => blueFrames.some((frame) => JSON.stringify(frame) === last), 'that frame')
    const teamFrames = new Set(blueFrames.map((frame) => JSON.stringify(frame)))
    for (const frame of blueViewFrames) expect(teamFrames.has(JSON.stringify(frame))).toBe(true)

    // A fresh look tells the same story.
    const blueAgain = await connect(server, { token: participants.soc!.token })
    const again = await blueAgain.waitForSnapshot()
    const viewAgain = await viewAs(exerciseId, 'soc')
    expect(viewAgain.snapshots[0]!.state).toEqual(again.state)
    expect(viewAgain.snapshots[0]!.seq).toBe(again.seq)
    for (const client of [facilitator, blue, red, blueView, redView, blueAgain, viewAgain]) {
      client.close()
    }
  })

  it('refuses every command and every notebook write, and opens no other team’s notebook', async () => {
    const { exerciseId } = await setUpExercise(server, ['soc'])
    const view = await viewAs(exerciseId, 'soc')
    for (const command of [
      { type: 'chat.send', channel: 'soc', text: 'from the view' },
      { type: 'clock.start' },
      { type: 'action.take', actionId: 'check-reference' },
    ]) {
      expect(await view.send(command)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('read-only') },
      })
    }
    const notebook = new TestDocClient(view.socket, 'notebook:soc')
    expect(await notebook.open()).toEqual({ ok: true })
    expect(notebook.text).toContain('incident log')
    const edit = new Y.Doc()
    Y.applyUpdate(edit, Y.encodeStateAsUpdate(notebook.doc))
    const before = Y.encodeStateVector(edit)
    edit.getXmlFragment('default').insert(0, [new Y.XmlText('written by the view')])
    const update = Y.encodeStateAsUpdate(edit, before)
    expect(await notebook.send({ type: 'update', update })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await notebook.setAwareness({ user: { name: 'White cell' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    const other = new TestDocClient(view.socket, 'notebook:red')
    expect(await other.open()).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const text = await server.http<{ text: string }>(
      'GET',
      `/api/exercises/${exerciseId}/documents/notebook:soc`,
    )
    expect(text.body.text).not.toContain('written by the view')

    // The way back: opening without viewAs is the white cell's own view again.
    expect((await view.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    expect(view.snapshots.at(-1)?.viewAs).toBeUndefined()
    expect((await view.send({ type: 'clock.start' })).ok).toBe(true)
    view.close()
  })

  it('is for the facilitator only, and for teams the scenario has', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc'])
    const blue = await connect(server, { token: participants.soc!.token })
    await blue.waitForSnapshot()
    expect(await blue.send({ type: 'exercise.open', exerciseId, viewAs: 'red' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    expect(
      await facilitator.send({ type: 'exercise.open', exerciseId, viewAs: 'nobody' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } })
    blue.close()
    facilitator.close()
  })
})

describe("notebook writing in the white cell's stream", () => {
  it('notes who wrote in which notebook, once a minute per person, to the facilitator only', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    const notes: NotebookEdit[] = []
    facilitator.socket.on('notebook.activity', (edits) => notes.push(...edits))
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const blue = await connect(server, { token: participants.soc!.token })
    await blue.waitForSnapshot()
    const blueNotes: NotebookEdit[] = []
    blue.socket.on('notebook.activity', (edits) => blueNotes.push(...edits))
    const notebook = new TestDocClient(blue.socket, 'notebook:soc')
    expect(await notebook.open()).toEqual({ ok: true })
    notebook.appendParagraph('14:02 offset alarm on ntp1')
    notebook.appendParagraph('14:03 GPS receiver locked')
    await notebook.waitFor(() => notebook.updateReplies.length === 2, 'both edits acknowledged')
    expect(notebook.updateReplies).toEqual([{ ok: true }, { ok: true }])
    await until(() => notes.length > 0, 'a note at the facilitator')
    expect(notes).toEqual([
      expect.objectContaining({
        teamId: 'soc',
        participantId: participants.soc!.participantId,
        name: 'soc player',
      }),
    ])
    expect(blueNotes).toEqual([])
    // A facilitator who opens the exercise later gets the recent notes.
    const later = await connect(server, { token: ADMIN_TOKEN })
    const laterNotes: NotebookEdit[] = []
    later.socket.on('notebook.activity', (edits) => laterNotes.push(...edits))
    await later.send({ type: 'exercise.open', exerciseId })
    await until(() => laterNotes.length === 1, 'the recent note')
    for (const client of [facilitator, blue, later]) client.close()
  })
})

describe('the roster', () => {
  it('tells the facilitator who is online, and each team its own members only', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    expect(facilitator.presences.at(-1)?.online).toEqual([])
    const blue = await connect(server, { token: participants.soc!.token })
    await blue.waitForSnapshot()
    const red = await connect(server, { token: participants.red!.token })
    await red.waitForSnapshot()
    const everyone = [participants.red!.participantId, participants.soc!.participantId].sort()
    await until(
      () => JSON.stringify(facilitator.presences.at(-1)?.online) === JSON.stringify(everyone),
      'both online',
    )
    expect(blue.presences.every((p) => !p.online.includes(participants.red!.participantId))).toBe(
      true,
    )
    red.close()
    await until(
      () =>
        JSON.stringify(facilitator.presences.at(-1)?.online) ===
        JSON.stringify([participants.soc!.participantId]),
      'red offline',
    )
    blue.close()
    facilitator.close()
  })

  it('moves a participant: every socket of theirs is re-seated at once and the old token refused', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc', 'ot'])
    const soc = participants.soc!
    const first = await connect(server, { token: soc.token })
    const second = await connect(server, { token: soc.token })
    await Promise.all([first.waitForSnapshot(), second.waitForSnapshot()])
    const otMember = await connect(server, { token: participants.ot!.token })
    await otMember.waitForSnapshot()
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })

    const moved = await facilitator.send({
      type: 'participant.move',
      participantId: soc.participantId,
      teamId: 'ot',
    })
    expect(moved.ok).toBe(true)
    for (const socket of [first, second]) {
      await socket.waitForDisconnect()
      expect(socket.moves.at(-1)).toMatchObject({ teamId: 'ot', teamName: expect.any(String) })
    }
    // Nothing of the SOC reaches them after the move.
    await facilitator.send({ type: 'inject.send', to: 'soc', title: 'SOC only', body: '' })
    expect(JSON.stringify([...first.events, ...second.events])).not.toContain('SOC only')

    await expect(connect(server, { token: soc.token })).rejects.toThrow(/moved you to/)
    const reseated = await connect(server, { token: first.moves.at(-1)!.token })
    const snapshot = await reseated.waitForSnapshot()
    expect(snapshot.viewer).toMatchObject({ role: 'participant', teamId: 'ot' })
    expect(snapshot.state.participants[soc.participantId]?.teamId).toBe('ot')
    expect(JSON.stringify(snapshot.state)).not.toContain('SOC only')
    // Their new team sees them arrive.
    await otMember.waitForEvent(
      (e) => e.type === 'participant.moved' && e.participantId === soc.participantId,
    )
    expect(
      await facilitator.send({
        type: 'participant.move',
        participantId: soc.participantId,
        teamId: 'ot',
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } })
    for (const client of [reseated, otMember, facilitator]) client.close()
  })

  it('removes a participant: every socket of theirs is cut at once and the token refused', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['soc'])
    const soc = participants.soc!
    const sockets = [
      await connect(server, { token: soc.token }),
      await connect(server, { token: soc.token }),
    ]
    await Promise.all(sockets.map((socket) => socket.waitForSnapshot()))
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const removed = await facilitator.send({
      type: 'participant.remove',
      participantId: soc.participantId,
    })
    expect(removed.ok).toBe(true)
    for (const socket of sockets) await socket.waitForDisconnect()
    await expect(connect(server, { token: soc.token })).rejects.toThrow(/removed/)
    facilitator.close()
  })

  it('rotates a join code: the old one is refused at once, the new one seats', async () => {
    const { exerciseId, joinCodes } = await setUpExercise(server, [])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const blue = await connect(server, {
      token: (await join(joinCodes.soc!, 'Early analyst')).body.token,
    })
    await blue.waitForSnapshot()
    const rotated = await facilitator.send({ type: 'team.rotateCode', teamId: 'soc' })
    expect(rotated).toMatchObject({
      ok: true,
      events: [{ type: 'joinCode.rotated', teamId: 'soc' }],
    })
    expect((await join(joinCodes.soc!, 'Late analyst')).status).toBe(404)
    const record = await server.http<{ joinCodes: Record<string, string> }>(
      'GET',
      `/api/exercises/${exerciseId}`,
    )
    const fresh = record.body.joinCodes.soc!
    expect(fresh).not.toBe(joinCodes.soc)
    expect(record.body.joinCodes.red).toBe(joinCodes.red)
    expect((await join(fresh, 'Late analyst')).status).toBe(201)
    // The team never learns of it; a participant may not rotate.
    expect(blue.events.some((e) => e.type === 'joinCode.rotated')).toBe(false)
    expect(await blue.send({ type: 'team.rotateCode', teamId: 'soc' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    blue.close()
    facilitator.close()
  })
})
