/**
 * A Yjs client for integration tests: a real Y.Doc and awareness synced with the server over a
 * test socket, speaking the `yjs` messages exactly as a browser's provider does.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { NOTEBOOK_FIELD } from '../../core/documents/documentName'
import { documentText } from '../../core/documents/documentText'
import type { YjsMessage } from '../../core/documents/yjsMessage'
import { decodeYjsMessage, encodeYjsMessage } from '../../core/documents/yjsMessage'
import type { YjsReply } from '../../core/protocol'
import type { TestSocket } from './startTestServer'

const REMOTE = 'remote'

export class TestDocClient {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  /** Every message of this document received, decoded. */
  readonly received: YjsMessage[] = []
  /** Replies to what this client sent in the background (its sync step 2 and its updates). */
  readonly replies: YjsReply[] = []
  /** Replies to this client's own edits (updates) alone, in the order they came. */
  readonly updateReplies: YjsReply[] = []
  private readonly listeners = new Set<() => void>()
  private live = true

  constructor(
    private socket: TestSocket,
    readonly name: string,
  ) {
    this.awareness.setLocalState(null)
    this.attach(socket)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !this.live) return
      this.sendInBackground({ type: 'update', update })
    })
  }

  /** The notebook's rich-text fragment. */
  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(NOTEBOOK_FIELD)
  }

  /** The plain text of the whole document. */
  get text(): string {
    return documentText(this.doc)
  }

  /** Sends sync step 1; resolves with the reply (the server's step 2 and step 1 arrive before it). */
  open(): Promise<YjsReply> {
    return this.send({ type: 'sync-step1', stateVector: Y.encodeStateVector(this.doc) })
  }

  /** Appends a paragraph with `text` at the end of the notebook. */
  appendParagraph(text: string): void {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    this.fragment.insert(this.fragment.length, [paragraph])
  }

  /** Sends a framed message of this document. */
  send(message: YjsMessage): Promise<YjsReply> {
    return this.sendRaw(encodeYjsMessage(message))
  }

  sendRaw(bytes: unknown, doc: unknown = this.name): Promise<YjsReply> {
    // Generous: a busy machine may take seconds to answer, and a lost reply fails a test late.
    return this.socket.timeout(20_000).emitWithAck('yjs', doc, bytes)
  }

  /** Announces a caret (awareness state) for this client. */
  setAwareness(state: Record<string, unknown> | null): Promise<YjsReply> {
    this.awareness.setLocalState(state)
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])
    return this.send({ type: 'awareness', update })
  }

  /** Names of the others in the document, from awareness. */
  get others(): string[] {
    return [...this.awareness.getStates().entries()]
      .filter(([id]) => id !== this.doc.clientID)
      .map(([, state]) => String((state.user as { name?: unknown } | undefined)?.name))
  }

  /** Stops sending (as if offline): local edits stay in the doc. */
  goOffline(): void {
    this.live = false
  }

  /** Moves to a new socket (a reconnect) and syncs both ways. */
  async reconnect(socket: TestSocket): Promise<YjsReply> {
    this.socket = socket
    this.live = true
    this.attach(socket)
    return this.open()
  }

  /** Resolves once `probe` holds (checked on every message); rejects after `timeoutMs`. */
  waitFor(probe: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!probe()) return
        this.listeners.delete(check)
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        this.listeners.delete(check)
        reject(new Error(`timed out waiting for ${what}; text is ${JSON.stringify(this.text)}`))
      }, timeoutMs)
      this.listeners.add(check)
      check()
    })
  }

  private attach(socket: TestSocket): void {
    socket.on('yjs', (doc, bytes) => {
      if (doc !== this.name) return
      const decoded = decodeYjsMessage(new Uint8Array(bytes))
      if (!decoded.ok) throw new Error(`server sent a bad message: ${decoded.reason}`)
      const message = decoded.message
      this.received.push(message)
      switch (message.type) {
        case 'sync-step1': {
          const update = Y.encodeStateAsUpdate(this.doc, message.stateVector)
          this.sendInBackground({ type: 'sync-step2', update })
          break
        }
        case 'sync-step2':
        case 'update':
          Y.applyUpdate(this.doc, message.update, REMOTE)
          break
        case 'awareness':
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, REMOTE)
          break
      }
      this.notify()
    })
  }

  /** Sends as a provider does, without waiting; a socket closed meanwhile is no reply at all. */
  private sendInBackground(message: YjsMessage): void {
    this.send(message).then(
      (reply) => this.record(reply, message.type),
      () => undefined,
    )
  }

  private record(reply: YjsReply, type: YjsMessage['type']): void {
    this.replies.push(reply)
    if (type === 'update') this.updateReplies.push(reply)
    this.notify()
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener()
  }
}
