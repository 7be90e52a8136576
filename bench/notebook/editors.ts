/** Editors of one notebook on either server, and the record of when each edit reached each of them. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { notebookName } from '../../core/documents/documentName'
import { documentText } from '../../core/documents/documentText'
import type { YjsReply } from '../../core/protocol'
import type { TestClient } from '../../server/test/startTestServer'
import { ADMIN_TOKEN, connect } from '../../server/test/startTestServer'
import { TestDocClient } from '../../server/test/yjsClient'
import { until } from './measure'
import { type ServerProcess, startServerProcess } from './serverProcess'

export async function api<T>(
  url: string,
  method: string,
  route: string,
  body?: unknown,
  token: string | null = ADMIN_TOKEN,
): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (token) headers.authorization = `Bearer ${token}`
  const res = await fetch(`${url}${route}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

export interface Exercise {
  readonly id: string
  readonly joinCodes: Record<string, string>
}

export const createExercise = (url: string) =>
  api<Exercise>(url, 'POST', '/api/exercises', { scenarioId: 'drill-ntp-shift' })

export const join = (url: string, code: string, name: string) =>
  api<{ token: string; participantId: string }>(url, 'POST', '/api/join', { code, name }, null)

export async function connectParticipant(url: string, token: string): Promise<TestClient> {
  const client = await connect({ url }, { token })
  await client.waitForSnapshot(20_000)
  return client
}

/**
 * Counts what a TestDocClient has sent and what came back: every update of its own doc and every
 * answer to a server's step 1 is a send with an ack. A refusal is kept, and fails the run.
 */
export class HoldoverAcks {
  private sends = 0
  private acks = 0
  readonly refusals: string[] = []
  onAck?: (at: number) => void

  constructor(private readonly client: TestDocClient) {
    client.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      // TestDocClient applies what the server sends with origin 'remote', and sends the rest.
      if (origin !== 'remote') this.sends += 1
    })
    const push = client.replies.push.bind(client.replies)
    client.replies.push = (...replies: YjsReply[]) => {
      const at = performance.now()
      for (const reply of replies) {
        this.acks += 1
        if (!reply.ok) this.refusals.push(`${reply.error.code}: ${reply.error.message}`)
        this.onAck?.(at)
      }
      return push(...replies)
    }
  }

  get expected(): number {
    return this.sends + this.client.received.filter((m) => m.type === 'sync-step1').length
  }

  check(what: string): void {
    if (this.refusals.length > 0) {
      throw new Error(`${what}: ${this.refusals.length} refused ack(s), first ${this.refusals[0]}`)
    }
  }

  async settled(what: string, timeoutMs = 20_000): Promise<void> {
    await until(() => this.acks >= this.expected || this.refusals.length > 0, what, timeoutMs)
    this.check(what)
  }
}

// ---------------------------------------------------------------------------------------------
// 1–2. Edit propagation
// ---------------------------------------------------------------------------------------------

/** One editor's doc, whatever the server: its acks, and how to close it. */
export interface Editor {
  readonly doc: Y.Doc
  /** Called once per ack of an update this editor sent, in order. */
  onAck?: (at: number) => void
  /** Throws on a refused or missing ack. */
  settled(what: string): Promise<void>
  /** Throws at once when an ack so far was a refusal (or the connection failed). */
  check(what: string): void
}

export interface EditorSession {
  readonly server: ServerProcess
  readonly editors: Editor[]
  /** A fresh client's view of the server's document, for the final check. */
  serverText(): Promise<string>
  close(): Promise<void>
}

export async function holdoverSession(count: number, dataDir: string): Promise<EditorSession> {
  const server = await startServerProcess('holdover', dataDir)
  const sockets: TestClient[] = []
  try {
    const exercise = await createExercise(server.url)
    const name = notebookName('red')
    const joinAndOpen = async (label: string) => {
      const joined = await join(server.url, exercise.joinCodes.red!, label)
      const socket = await connectParticipant(server.url, joined.token)
      sockets.push(socket)
      const client = new TestDocClient(socket.socket, name)
      const acks = new HoldoverAcks(client)
      const opened = await client.open()
      if (!opened.ok) throw new Error(`open refused: ${opened.error.message}`)
      return { client, acks }
    }
    const editors: Editor[] = []
    for (let i = 0; i < count; i++) {
      const { client, acks } = await joinAndOpen(`editor ${i}`)
      const editor: Editor = {
        doc: client.doc,
        settled: (what) => acks.settled(`${what} (editor ${i})`),
        check: (what) => acks.check(`${what} (editor ${i})`),
      }
      acks.onAck = (at) => editor.onAck?.(at)
      editors.push(editor)
    }
    return {
      server,
      editors,
      async serverText() {
        const { client, acks } = await joinAndOpen('checker')
        await acks.settled('checker')
        return client.text
      },
      async close() {
        for (const socket of sockets) socket.close()
        await server.stop()
      },
    }
  } catch (error) {
    for (const socket of sockets) socket.close()
    await server.stop()
    throw error
  }
}

export async function hocuspocusSession(count: number): Promise<EditorSession> {
  const server = await startServerProcess('hocuspocus')
  const url = `ws://127.0.0.1:${server.port}`
  const sockets: HocuspocusProviderWebsocket[] = []
  const providers: HocuspocusProvider[] = []
  const failures: string[] = []
  const open = async (label: string) => {
    // One WebSocket per editor, as one browser per participant.
    const socket = new HocuspocusProviderWebsocket({
      url,
      WebSocketPolyfill: WebSocket,
      // No awareness here (our clients announce no caret either): no idle reconnects meanwhile.
      messageReconnectTimeout: 600_000,
    })
    sockets.push(socket)
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: notebookName('red'),
      document: new Y.Doc(),
      awareness: null,
      onAuthenticationFailed: ({ reason }) => failures.push(`${label}: auth failed: ${reason}`),
      onClose: ({ event }) => failures.push(`${label}: closed ${event.code} ${event.reason}`),
    })
    providers.push(provider)
    provider.attach()
    await until(() => provider.synced || failures.length > 0, `${label} to sync`)
    if (failures.length > 0) throw new Error(failures[0])
    return provider
  }
  const settled = async (provider: HocuspocusProvider, what: string) => {
    await until(
      () => provider.unsyncedChanges === 0 || failures.length > 0,
      `${what}: every update applied by the server`,
    )
    if (failures.length > 0) throw new Error(`${what}: ${failures[0]}`)
  }
  try {
    const editors: Editor[] = []
    for (let i = 0; i < count; i++) {
      const provider = await open(`editor ${i}`)
      const editor: Editor = {
        doc: provider.document,
        settled: (what) => settled(provider, `${what} (editor ${i})`),
        check: (what) => {
          if (failures.length > 0) throw new Error(`${what} (editor ${i}): ${failures[0]}`)
        },
      }
      let unsynced = provider.unsyncedChanges
      provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        const at = performance.now()
        for (let k = number; k < unsynced; k++) editor.onAck?.(at)
        unsynced = number
      })
      editors.push(editor)
    }
    return {
      server,
      editors,
      async serverText() {
        const provider = await open('checker')
        return documentText(provider.document)
      },
      async close() {
        for (const provider of providers) provider.destroy()
        for (const socket of sockets) socket.destroy()
        await server.stop()
      },
    }
  } catch (error) {
    for (const provider of providers) provider.destroy()
    for (const socket of sockets) socket.destroy()
    await server.stop()
    throw error
  }
}

export interface InFlight {
  readonly index: number
  readonly editor: number
  readonly client: number
  /** The editor's state (clock) just after the edit: a receiver has it when its state reaches it. */
  readonly clock: number
  readonly at: number
  readonly waiting: Set<number>
}

/**
 * Watches every editor's doc: a delivery is an edit in flight that a receiver's doc now holds
 * (its state for the editor's client reached the edit's clock), timed at the end of the
 * transaction that applied it.
 */
export class Deliveries {
  readonly samples: number[] = []
  readonly inFlight = new Set<InFlight>()
  /** performance.now() at the end of each editor's last local transaction. */
  readonly lastLocalAt: number[] = []
  private wake: (() => void) | null = null
  private readonly listeners: ((transaction: Y.Transaction) => void)[] = []

  constructor(private readonly docs: Y.Doc[]) {
    docs.forEach((doc, receiver) => {
      this.lastLocalAt.push(0)
      const listener = (transaction: Y.Transaction) => {
        const now = performance.now()
        if (transaction.local) {
          this.lastLocalAt[receiver] = now
          return
        }
        for (const edit of this.inFlight) {
          if (!edit.waiting.has(receiver)) continue
          if (Y.getState(doc.store, edit.client) < edit.clock) continue
          edit.waiting.delete(receiver)
          this.samples.push(now - edit.at)
          if (edit.waiting.size === 0) {
            this.inFlight.delete(edit)
            this.wake?.()
          }
        }
      }
      this.listeners.push(listener)
      doc.on('afterTransaction', listener)
    })
  }

  /** Stops watching the docs. */
  close(): void {
    for (const [i, doc] of this.docs.entries()) doc.off('afterTransaction', this.listeners[i]!)
  }

  /** Records the edit editor `editor` has just made (its transaction has ended). */
  sent(index: number, editor: number): void {
    const doc = this.docs[editor]!
    const waiting = new Set(this.docs.keys())
    waiting.delete(editor)
    this.inFlight.add({
      index,
      editor,
      client: doc.clientID,
      clock: Y.getState(doc.store, doc.clientID),
      at: this.lastLocalAt[editor]!,
      waiting,
    })
  }

  /** Waits until fewer than `limit` edits are in flight; throws when one is older than `lostMs`. */
  async below(limit: number, lostMs: number): Promise<void> {
    while (this.inFlight.size >= limit) {
      const oldest = [...this.inFlight].reduce((a, b) => (a.at <= b.at ? a : b))
      const age = performance.now() - oldest.at
      if (age > lostMs) {
        throw new Error(
          `lost update: edit #${oldest.index} by editor ${oldest.editor} not applied by editor(s) ${[...oldest.waiting].join(', ')} after ${(age / 1000).toFixed(1)} s`,
        )
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100)
        this.wake = () => {
          clearTimeout(timer)
          this.wake = null
          resolve()
        }
      })
    }
  }
}
