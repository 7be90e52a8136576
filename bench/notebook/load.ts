/** Loading a notebook with a long log, from the raw updates and from a checkpoint. */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { NOTEBOOK_FIELD, notebookName } from '../../core/documents/documentName'
import { documentText } from '../../core/documents/documentText'
import { CHECKPOINT_EVERY } from '../../server/documents/SharedDocument'
import { SqliteStore } from '../../server/store/SqliteStore'
import type { DocumentUpdateRecord } from '../../server/store/Store'
import type { TestClient } from '../../server/test/startTestServer'
import { TestDocClient } from '../../server/test/yjsClient'
import { connectParticipant, createExercise, HoldoverAcks, join } from './editors'
import { kb, ms, newParagraph, random, sleep, trace, typist } from './measure'
import { startServerProcess } from './serverProcess'

export const LOG_UPDATES = 10_000
export const LOAD_REPEATS = 3

/** `count` updates of a person typing at the end of the notebook, with Enter and Backspace. */
export function typeUpdates(doc: Y.Doc, count: number): Uint8Array[] {
  const updates: Uint8Array[] = []
  const onUpdate = (update: Uint8Array) => updates.push(update)
  doc.on('update', onUpdate)
  const fragment = doc.getXmlFragment(NOTEBOOK_FIELD)
  const next = random(42)
  const type = typist(42)
  let text = newParagraph(fragment, '')
  while (updates.length < count) {
    const r = next()
    if (text.length > 60 && r < 0.02) text = newParagraph(fragment, '')
    else if (text.length > 0 && r < 0.07) text.delete(text.length - 1, 1)
    else text.insert(text.length, type(1))
  }
  doc.off('update', onUpdate)
  return updates
}

/** A new client's sync step 1 to its doc holding `expected`. */
export async function timeOpen(url: string, token: string, expected: string): Promise<Opened> {
  const socket = await connectParticipant(url, token)
  const client = new TestDocClient(socket.socket, notebookName('red'))
  const acks = new HoldoverAcks(client)
  let answeredAt = 0
  socket.socket.once('yjs', () => {
    answeredAt = performance.now()
  })
  const start = performance.now()
  const opened = client.open()
  await client.waitFor(() => client.text === expected, 'the full text', 120_000)
  const elapsed = performance.now() - start
  const reply = await opened
  if (!reply.ok) throw new Error(`open refused: ${reply.error.message}`)
  await acks.settled('open')
  return { ms: elapsed, answerMs: answeredAt - start, client, acks, socket }
}

/**
 * `measured` + 1 exercises, whose red notebooks the server seeds with the template when it creates
 * them (and checkpoints when it closes them); 10,000 keystrokes typed after the template are
 * appended to each log. Exercise 0 is opened first on each server start (the cold, just-started
 * case); the others are first loads on a warm server. Then a keystroke in each takes the log past
 * CHECKPOINT_EVERY, the server writes a checkpoint, and the loads are timed again.
 */
export async function loadBench(root: string, measured: number): Promise<void> {
  const dataDir = path.join(root, 'log')
  mkdirSync(dataDir)
  const name = notebookName('red')
  const dbFile = path.join(dataDir, 'holdover.db')

  let server = await startServerProcess('holdover', dataDir)
  const exercises: { id: string; token: string; participantId: string }[] = []
  for (let e = 0; e <= measured; e++) {
    const exercise = await createExercise(server.url)
    const joined = await join(server.url, exercise.joinCodes.red!, `typist ${e}`)
    exercises.push({ id: exercise.id, token: joined.token, participantId: joined.participantId })
  }
  await server.stop()

  trace('load: exercises made')
  // 10,000 keystrokes after each notebook's template (seeded when its exercise was created),
  // appended straight to the logs.
  let store = new SqliteStore(dbFile)
  let expected = ''
  let stateBytes = 0
  let template: DocumentUpdateRecord[] = []
  for (const [e, exercise] of exercises.entries()) {
    template = await store.readDocumentUpdates(exercise.id, name)
    const doc = new Y.Doc()
    for (const record of template) Y.applyUpdate(doc, record.update)
    const typed = typeUpdates(doc, LOG_UPDATES)
    const text = documentText(doc)
    if (e > 0 && text !== expected) throw new Error('the typist typed two different texts')
    expected = text
    stateBytes = Y.encodeStateAsUpdate(doc).length
    let id = template.at(-1)?.id ?? 0
    let at = template.at(-1)?.at ?? Date.now()
    const records: DocumentUpdateRecord[] = typed.map((update) => ({
      exerciseId: exercise.id,
      doc: name,
      id: ++id,
      at: ++at,
      t: 0,
      author: exercise.participantId,
      update,
    }))
    for (let i = 0; i < records.length; i += 1000) {
      await store.appendDocumentUpdates(records.slice(i, i + 1000))
    }
  }
  // What a load does, measured in this process for scale: read the log, apply it.
  const sample = exercises[1]!.id
  let t = performance.now()
  const sampleCheckpoint = await store.latestCheckpoint(sample, name)
  const read = await store.readDocumentUpdates(sample, name, {
    afterId: sampleCheckpoint?.uptoId ?? 0,
  })
  const readMs = performance.now() - t
  t = performance.now()
  const replay = new Y.Doc()
  replay.transact(() => {
    if (sampleCheckpoint) Y.applyUpdate(replay, sampleCheckpoint.state)
    for (const record of read) Y.applyUpdate(replay, record.update)
  })
  const applyMs = performance.now() - t
  if (documentText(replay) !== expected) throw new Error('the replayed log differs from the typist')
  await store.close()

  console.log(
    `\nload of a notebook with ${LOG_UPDATES} logged keystrokes (${expected.length} characters, Yjs state ${kb(stateBytes)}), a new client's sync step 1 to its doc holding the full text:`,
  )
  console.log(
    `  the log: checkpoint #${sampleCheckpoint?.uptoId ?? '–'} (the template) + ${read.length} updates; in this process, for scale, reading them takes ${ms(readMs)} and applying them ${ms(applyMs)}`,
  )

  trace('load: logs written')
  // Without a checkpoint: the whole log is read and applied.
  server = await startServerProcess('holdover', dataDir)
  const coldStart = await timeOpen(server.url, exercises[0]!.token, expected)
  coldStart.socket.close()
  const noCheckpoint: Opened[] = []
  for (const exercise of exercises.slice(1)) {
    noCheckpoint.push(await timeOpen(server.url, exercise.token, expected))
  }
  // A warm open: the notebook is already in the server's memory.
  const warm = await timeOpen(server.url, exercises[1]!.token, expected)
  warm.socket.close()
  const logged = template.length + LOG_UPDATES
  const onOpen = await checkpointsOf(dbFile, exercises.slice(1), logged, 3000)
  // One more keystroke each: the next update past CHECKPOINT_EVERY since the last checkpoint.
  for (const { client, acks } of noCheckpoint) {
    const last = client.fragment.get(client.fragment.length - 1) as Y.XmlElement
    const text = last.get(0) as Y.XmlText
    text.insert(text.length, '.')
    await acks.settled('one more keystroke')
  }
  const afterKeystroke = noCheckpoint[0]!.client.text
  const whileOpen = await checkpointsOf(dbFile, exercises.slice(1), logged, 20_000)
  for (const { socket } of noCheckpoint) socket.close()
  await server.stop()
  const atClose = await checkpointsOf(dbFile, exercises.slice(1), logged + 1, 0)
  console.log(
    loads('first open after a start', [coldStart], 'exercise 0, server just started: cold JIT'),
  )
  console.log(loads('no checkpoint: whole log', noCheckpoint, 'first loads on a warm server'))
  console.log(loads('already loaded (warm open)', [warm], 'a second client while one has it open'))
  console.log(
    `  checkpoints (due ${CHECKPOINT_EVERY} updates after the last) of the ${logged} logged updates: ${onOpen.filter(Boolean).length} of ${measured} written within 3 s of the first open (before any edit; #${onOpen.join(', #')}), ${whileOpen.filter(Boolean).length} of ${measured} while open after one more keystroke; at shutdown: #${atClose.join(', #')}`,
  )
  if (whileOpen.some((uptoId) => !uptoId)) {
    throw new Error('the server wrote no checkpoint of a 10,000-update log while it was open')
  }

  trace('load: first loads done')
  // From the checkpoint.
  store = new SqliteStore(dbFile)
  const checkpoint = (await store.latestCheckpoint(exercises[1]!.id, name))!
  const after = await store.readDocumentUpdates(exercises[1]!.id, name, {
    afterId: checkpoint.uptoId,
  })
  await store.close()
  t = performance.now()
  const fromCheckpoint = new Y.Doc()
  Y.applyUpdate(fromCheckpoint, checkpoint.state)
  const checkpointApplyMs = performance.now() - t
  server = await startServerProcess('holdover', dataDir)
  const coldStart2 = await timeOpen(server.url, exercises[0]!.token, expected)
  coldStart2.socket.close()
  const withCheckpoint: Opened[] = []
  for (const exercise of exercises.slice(1)) {
    const load = await timeOpen(server.url, exercise.token, afterKeystroke)
    withCheckpoint.push(load)
    load.socket.close()
  }
  await server.stop()
  console.log(
    loads('first open after a start', [coldStart2], 'exercise 0 again, now from a checkpoint'),
  )
  console.log(
    loads(`checkpoint + ${after.length} update(s)`, withCheckpoint, 'first loads on a warm server'),
  )
  console.log(
    `  the checkpoint: #${checkpoint.uptoId}, ${kb(checkpoint.state.length)}; applying it in this process takes ${ms(checkpointApplyMs)}`,
  )
}

export interface Opened {
  readonly ms: number
  readonly answerMs: number
  readonly client: TestDocClient
  readonly acks: HoldoverAcks
  readonly socket: TestClient
}

/** One line of load times, each with when the server's sync step 2 arrived. */
export function loads(name: string, samples: readonly Opened[], note: string): string {
  const each = samples.map((s) => `${s.ms.toFixed(0)} ms (step 2 at ${s.answerMs.toFixed(0)})`)
  return `  ${name.padEnd(30)} ${each.join(', ')}  [${note}]`
}

/** The latest checkpoint of each exercise's red notebook once it covers `uptoId`, or undefined. */
export async function checkpointsOf(
  dbFile: string,
  exercises: readonly { id: string }[],
  uptoId: number,
  waitMs: number,
): Promise<(number | undefined)[]> {
  const store = new SqliteStore(dbFile)
  try {
    const deadline = performance.now() + waitMs
    const found: (number | undefined)[] = []
    for (const exercise of exercises) {
      let checkpoint = await store.latestCheckpoint(exercise.id, notebookName('red'))
      while ((checkpoint?.uptoId ?? 0) < uptoId && performance.now() < deadline) {
        await sleep(50)
        checkpoint = await store.latestCheckpoint(exercise.id, notebookName('red'))
      }
      found.push((checkpoint?.uptoId ?? 0) >= uptoId ? checkpoint!.uptoId : undefined)
    }
    return found
  } finally {
    await store.close()
  }
}

/** One durable append of one small update, as the server's UpdateWriter commits a batch. */
export async function commitTimes(root: string, count: number): Promise<number[]> {
  const dir = path.join(root, 'commits')
  mkdirSync(dir)
  const store = new SqliteStore(path.join(dir, 'holdover.db'))
  try {
    await store.createExercise(
      { id: 'bench', title: 'bench', scenarioId: 'bench', createdAt: 0, joinCodes: {} },
      [],
    )
    const doc = new Y.Doc()
    const updates = typeUpdates(doc, count)
    const samples: number[] = []
    for (const [i, update] of updates.entries()) {
      const start = performance.now()
      await store.appendDocumentUpdates([
        { exerciseId: 'bench', doc: 'notebook:red', id: i + 1, at: i, t: 0, author: null, update },
      ])
      samples.push(performance.now() - start)
    }
    return samples
  } finally {
    await store.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
