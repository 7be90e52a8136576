import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { validateUpdate } from '../../core/documents/validateUpdate'
import { decodeYjsMessage } from '../../core/documents/yjsMessage'
import type { ProtocolError } from '../../core/protocol'
import { SqliteStore } from '../store/SqliteStore'
import type { DocumentUpdateRecord } from '../store/Store'
import { createTestExercise } from '../store/testExercise'
import { ExerciseDocuments } from './ExerciseDocuments'
import type { DocumentSession } from './SharedDocument'
import { UpdateWriter } from './UpdateWriter'

/** SQLite that can be told to fail its next document commit (a full disk, a lost volume). */
class FlakyStore extends SqliteStore {
  failNext = false
  loads = 0
  override async appendDocumentUpdates(records: readonly DocumentUpdateRecord[]) {
    if (this.failNext) {
      this.failNext = false
      throw new Error('disk full')
    }
    return super.appendDocumentUpdates(records)
  }
  override async readDocumentUpdates(...args: Parameters<SqliteStore['readDocumentUpdates']>) {
    this.loads += 1
    return super.readDocumentUpdates(...args)
  }
}

class FakeSession implements DocumentSession {
  readonly received: Uint8Array[] = []
  readonly closed: ProtocolError[] = []
  constructor(
    readonly authorId: string,
    readonly displayName = authorId,
  ) {}
  get id() {
    return this.authorId
  }
  joinRoom() {}
  leaveRoom() {}
  sendYjs(_doc: string, message: Uint8Array) {
    this.received.push(message)
  }
  documentClosed(_doc: string, error: ProtocolError) {
    this.closed.push(error)
  }
}

let dir: string
let store: FlakyStore
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'holdover-docs-'))
  store = new FlakyStore(path.join(dir, 'db'))
  await createTestExercise(store)
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

let seeded = 0
function registry(idleMs = 30_000) {
  return new ExerciseDocuments({
    exerciseId: 'ex',
    store,
    writer: new UpdateWriter(store),
    logger: pino({ level: 'silent' }),
    wallClock: () => 5_000,
    scenarioTimeAt: (at) => at / 1000,
    seed: (_name, doc) => {
      seeded += 1
      doc.getText('t').insert(0, 'template')
    },
    idleMs,
  })
}

function edit(text: string): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return { doc, update: Y.encodeStateAsUpdate(doc) }
}

const summaryOf = (update: Uint8Array) => {
  const checked = validateUpdate(update)
  if (!checked.ok) throw new Error(checked.reason)
  return checked.summary
}

describe('ExerciseDocuments', () => {
  it('loads a document once for clients that open it at the same moment, and seeds it once', async () => {
    seeded = 0
    const documents = registry()
    const [a, b] = await Promise.all([
      documents.acquire('notebook:blue'),
      documents.acquire('notebook:blue'),
    ])
    expect(a).toBe(b)
    expect(a.doc.getText('t').toString()).toBe('template')
    await documents.closeAll()
    const again = await registry().acquire('notebook:blue')
    expect(again.doc.getText('t').toString()).toBe('template')
    expect(seeded).toBe(1)
  })

  it('records each update with its author and times before acknowledging, and sends it to the others only', async () => {
    const documents = registry()
    const shared = await documents.acquire('notebook:blue')
    const author = new FakeSession('p1')
    const other = new FakeSession('p2')
    shared.open(author, new Uint8Array([0]))
    shared.open(other, new Uint8Array([0]))
    const before = [author.received.length, other.received.length]
    const { update } = edit('observation')
    expect(await shared.applyUpdate(author, update, summaryOf(update))).toEqual({ ok: true })
    const records = await store.readDocumentUpdates('ex', 'notebook:blue')
    expect(records.at(-1)).toMatchObject({ author: 'p1', at: 5_000, t: 5, id: 2 })
    expect(author.received.length).toBe(before[0])
    expect(other.received.length).toBe(before[1]! + 1)
    const sent = decodeYjsMessage(other.received.at(-1)!)
    expect(sent.ok && sent.message.type).toBe('update')
  })

  it('on a failed write refuses the change, tells every session, and reopens from what was recorded', async () => {
    const documents = registry()
    const shared = await documents.acquire('notebook:blue')
    const author = new FakeSession('p1')
    const reader = new FakeSession('facilitator')
    shared.open(author, new Uint8Array([0]))
    shared.open(reader, new Uint8Array([0]))
    store.failNext = true
    const { doc: local, update } = edit('lost?')
    const reply = await shared.applyUpdate(author, update, summaryOf(update))
    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error.code).toBe('internal')
    expect(author.closed).toHaveLength(1)
    expect(reader.closed).toHaveLength(1)
    // Nothing unrecorded survives in memory: the next open reads the store again...
    const reopened = await documents.acquire('notebook:blue')
    expect(reopened).not.toBe(shared)
    expect(reopened.doc.getText('t').toString()).toBe('template')
    // ...and the client's own copy, which kept the change, sends it again with its step 2.
    const missing = Y.encodeStateAsUpdate(local, Y.encodeStateVector(reopened.doc))
    reopened.open(author, Y.encodeStateVector(local))
    expect(await reopened.applyUpdate(author, missing, summaryOf(missing))).toEqual({ ok: true })
    expect(reopened.doc.getText('t').toString()).toContain('lost?')
  })

  it('keeps a document loaded while anyone holds it, and lets it go (with a checkpoint) after', async () => {
    const documents = registry(10)
    const shared = await documents.acquire('notebook:blue')
    const session = new FakeSession('p1')
    shared.open(session, new Uint8Array([0]))
    const { update } = edit('kept')
    await shared.applyUpdate(session, update, summaryOf(update))
    documents.releaseIfIdle('notebook:blue')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(documents.loadedCount).toBe(1)
    shared.leave(session)
    documents.releaseIfIdle('notebook:blue')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(documents.loadedCount).toBe(0)
    await documents.closeAll()
    const checkpoint = await store.latestCheckpoint('ex', 'notebook:blue')
    expect(checkpoint?.uptoId).toBe(2)
    const loadsBefore = store.loads
    const back = await documents.acquire('notebook:blue')
    expect(back.doc.getText('t').toString()).toContain('kept')
    expect(store.loads).toBe(loadsBefore + 1)
  })
})
