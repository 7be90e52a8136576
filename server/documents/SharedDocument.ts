/**
 * One open shared document: the server's Y.Doc, its awareness, the sessions that have it open,
 * and its log. An update is checked, applied, recorded with its author and times, and sent to the
 * document's other sessions only; its sender's ack waits until it is durable. Loading applies the
 * latest checkpoint and the updates after it; a document with no record at all is seeded from its
 * template once, on the server, before any client sees it.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { AwarenessEntry } from '../../core/documents/awarenessMessage'
import {
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  stampAwarenessState,
} from '../../core/documents/awarenessMessage'
import { DOCUMENT_LIMITS } from '../../core/documents/limits'
import type { UpdateSummary } from '../../core/documents/validateUpdate'
import { encodeYjsMessage } from '../../core/documents/yjsMessage'
import type { ProtocolError, YjsReply } from '../../core/protocol'
import { ERROR_CODES, protocolError } from '../../core/protocol/errors'
import type { Logger } from '../log'
import type { DocumentCheckpoint, Store } from '../store/Store'

import type { UpdateWriter } from './UpdateWriter'

/** Root shared types a document may hold (the notebook uses one; a few spare for what follows). */
const MAX_SHARED_TYPES = 8

/** A client of a document: one socket's hold on it. */
export interface DocumentSession {
  /** Unique among sessions (the socket's id). */
  readonly id: string
  /** Joins and leaves a broadcast room (a Socket.IO room) of this server. */
  joinRoom(room: string): void
  leaveRoom(room: string): void
  /** Who is recorded as the author: a participant id, or `facilitator`. */
  readonly authorId: string
  /** The name shown beside this session's caret. */
  readonly displayName: string
  /** Sends a framed `yjs` message of `doc` to this client. */
  sendYjs(doc: string, message: Uint8Array): void
  /** Tells this client the server let go of `doc`. */
  documentClosed(doc: string, error: ProtocolError): void
}

/** Where a change to the server's Y.Doc came from (Hocuspocus's TransactionOrigin, typed). */
export type DocumentOrigin =
  | { readonly kind: 'session'; readonly session: DocumentSession }
  | { readonly kind: 'log' }
  | { readonly kind: 'template' }

const FROM_LOG: DocumentOrigin = { kind: 'log' }
const FROM_TEMPLATE: DocumentOrigin = { kind: 'template' }

/** A checkpoint after this many updates keeps a load to one state plus at most this many updates. */
export const CHECKPOINT_EVERY = 500

export interface DocumentContext {
  readonly exerciseId: string
  readonly name: string
  readonly store: Store
  readonly writer: UpdateWriter
  readonly logger: Logger
  readonly wallClock: () => number
  /** Scenario time (s) at wall time `at`. */
  readonly scenarioTimeAt: (at: number) => number
  /** Fills an empty document with its template; called once in the document's life. */
  readonly seed: (doc: Y.Doc, origin: DocumentOrigin) => void
  /** Called when the document broke (a failed write): the registry forgets it. */
  readonly onBroken: (doc: SharedDocument) => void
  /**
   * Sends `message` to every session in `room` but `exceptId`, encoding it once (Socket.IO's
   * broadcast); without it, each session is sent its own copy.
   */
  readonly broadcast?: (
    room: string,
    doc: string,
    message: Uint8Array,
    exceptId: string | null,
  ) => void
}

export class SharedDocument {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  /** Each session with the awareness client ids it announced. */
  private readonly sessions = new Map<DocumentSession, Set<number>>()
  private lastId = 0
  private lastAt = 0
  private sinceCheckpoint = 0
  /** Upper bound of the state's size: the loaded state plus every update since. */
  private approxBytes = 0
  /** Writes started by the transaction being applied now. */
  private writes: Promise<void>[] = []
  private broken = false
  private checkpointing: Promise<void> | null = null

  private constructor(private readonly context: DocumentContext) {
    this.awareness.setLocalState(null)
    this.doc.on('update', (update: Uint8Array, origin: unknown) =>
      this.recordAndSend(update, origin as DocumentOrigin),
    )
    this.awareness.on(
      'update',
      (
        change: { added: number[]; updated: number[]; removed: number[] },
        origin: DocumentSession | string,
      ) => this.sendAwareness([...change.added, ...change.updated, ...change.removed], origin),
    )
  }

  get name(): string {
    return this.context.name
  }

  get sessionCount(): number {
    return this.sessions.size
  }

  /** Loads the document from its checkpoint and log, seeding it when it has none. */
  static async load(context: DocumentContext): Promise<SharedDocument> {
    const shared = new SharedDocument(context)
    const { store, exerciseId, name } = context
    const checkpoint = await store.latestCheckpoint(exerciseId, name)
    const updates = await store.readDocumentUpdates(exerciseId, name, {
      afterId: checkpoint?.uptoId ?? 0,
    })
    shared.doc.transact(() => {
      if (checkpoint) Y.applyUpdate(shared.doc, checkpoint.state, FROM_LOG)
      for (const record of updates) Y.applyUpdate(shared.doc, record.update, FROM_LOG)
    }, FROM_LOG)
    const last = updates.at(-1)
    shared.lastId = last?.id ?? checkpoint?.uptoId ?? 0
    shared.lastAt = last?.at ?? checkpoint?.at ?? 0
    shared.sinceCheckpoint = updates.length
    if (shared.lastId === 0) {
      shared.doc.transact(() => context.seed(shared.doc, FROM_TEMPLATE), FROM_TEMPLATE)
      await shared.takeWrites()
    }
    shared.approxBytes = Y.encodeStateAsUpdate(shared.doc).length
    // A long log since the last checkpoint (an import, a crash before one) is folded now.
    shared.checkpointIfDue()
    return shared
  }

  /**
   * Opens the document for `session` with its sync step 1: sends what it lacks (step 2), the
   * server's state vector (step 1) and who else is here.
   */
  open(session: DocumentSession, stateVector: Uint8Array): ProtocolError | null {
    let missing: Uint8Array
    try {
      missing = Y.encodeStateAsUpdate(this.doc, stateVector)
    } catch {
      return protocolError(ERROR_CODES.invalid, 'sync step 1: the state vector is not valid.')
    }
    if (!this.sessions.has(session)) {
      this.sessions.set(session, new Set())
      session.joinRoom(this.room)
    }
    session.sendYjs(this.name, encodeYjsMessage({ type: 'sync-step2', update: missing }))
    session.sendYjs(
      this.name,
      encodeYjsMessage({ type: 'sync-step1', stateVector: Y.encodeStateVector(this.doc) }),
    )
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, present)
      session.sendYjs(this.name, encodeYjsMessage({ type: 'awareness', update }))
    }
    return null
  }

  isOpenFor(session: DocumentSession): boolean {
    return this.sessions.has(session)
  }

  /** Applies a checked update from `session`; resolves once it is durable. */
  async applyUpdate(
    session: DocumentSession,
    update: Uint8Array,
    summary: UpdateSummary,
  ): Promise<YjsReply> {
    if (summary.empty) return { ok: true }
    const refusal = this.refusalOf(update, summary)
    if (refusal) return { ok: false, error: refusal }
    try {
      Y.applyUpdate(this.doc, update, { kind: 'session', session } satisfies DocumentOrigin)
    } catch (error) {
      // Checked updates do not throw; if one does, the in-memory document is not to be trusted.
      this.context.logger.error({ err: error, doc: this.name }, 'update failed to apply')
      this.writes = []
      this.break()
      return refused(ERROR_CODES.invalid, 'This update could not be applied; nothing was kept.')
    }
    this.approxBytes += update.length
    try {
      await this.takeWrites()
    } catch (error) {
      this.context.logger.error({ err: error, doc: this.name }, 'document update not recorded')
      this.break()
      return refused(
        ERROR_CODES.internal,
        'The server could not record this change; your copy keeps it and sends it again when the notebook reopens.',
      )
    }
    return { ok: true }
  }

  /** Applies an awareness update from `session`, its name stamped by the server. */
  applyAwareness(session: DocumentSession, update: Uint8Array): YjsReply {
    const owned = this.sessions.get(session)
    if (!owned) return refused(ERROR_CODES.notJoined, 'Open the document first: send sync step 1.')
    const decoded = decodeAwarenessUpdate(update, DOCUMENT_LIMITS.awarenessClientsPerConnection)
    if (!decoded.ok) return refused(ERROR_CODES.invalid, `awareness: ${decoded.reason}.`)
    const entries: AwarenessEntry[] = []
    const takenOver: Set<number>[] = []
    for (const entry of decoded.entries) {
      if (!owned.has(entry.clientId)) {
        if (entry.clientId === this.awareness.clientID) {
          return refused(ERROR_CODES.forbidden, 'awareness: that client id is the server’s.')
        }
        const owner = this.ownerOf(entry.clientId)
        // The same person on a new socket (a reconnect the server has not noticed yet) takes
        // its caret over; another person's caret is never theirs to move.
        if (owner && owner.session.authorId !== session.authorId) {
          return refused(ERROR_CODES.forbidden, 'awareness: that client id belongs to another.')
        }
        if (owner) takenOver.push(owner.owned)
        if (owned.size >= DOCUMENT_LIMITS.awarenessClientsPerConnection) {
          return refused(ERROR_CODES.invalid, 'awareness: too many clients on one connection.')
        }
      }
      entries.push({ ...entry, state: stampAwarenessState(entry.state, session.displayName) })
    }
    for (const entry of decoded.entries) {
      for (const previous of takenOver) previous.delete(entry.clientId)
      owned.add(entry.clientId)
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), session)
    return { ok: true }
  }

  /** `session` lets go: its carets leave everyone's screen at once. */
  leave(session: DocumentSession): void {
    const owned = this.sessions.get(session)
    if (!owned) return
    this.sessions.delete(session)
    session.leaveRoom(this.room)
    if (owned.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], 'leave')
  }

  /** Waits for pending writes, takes a checkpoint when there is anything new, and frees the doc. */
  async close(): Promise<void> {
    await this.context.writer.drain()
    await this.checkpointing
    if (!this.broken && this.sinceCheckpoint > 0) await this.checkpoint()
    this.awareness.destroy()
    this.doc.destroy()
  }

  private refusalOf(update: Uint8Array, summary: UpdateSummary): ProtocolError | null {
    for (const [client, clock] of summary.firstClocks) {
      if (clock > Y.getState(this.doc.store, client)) {
        // A gap would leave the update pending in memory, unrecorded; a client resyncs instead.
        return protocolError(
          ERROR_CODES.invalid,
          'This update skips changes the server has not seen; send sync step 1 to resync.',
        )
      }
    }
    // Counted over the whole update: one update may bring many new types at once.
    const added = [...summary.rootTypes].filter((root) => !this.doc.share.has(root)).length
    if (added > 0 && this.doc.share.size + added > MAX_SHARED_TYPES) {
      return protocolError(
        ERROR_CODES.invalid,
        `A document holds at most ${MAX_SHARED_TYPES} shared types.`,
      )
    }
    if (summary.structs > 0 && this.approxBytes + update.length > DOCUMENT_LIMITS.documentBytes) {
      this.approxBytes = Y.encodeStateAsUpdate(this.doc).length
      if (this.approxBytes + update.length > DOCUMENT_LIMITS.documentBytes) {
        return protocolError(
          ERROR_CODES.invalid,
          `This notebook is full (${DOCUMENT_LIMITS.documentBytes / 1024 / 1024} MB); delete something or start another section elsewhere.`,
        )
      }
    }
    return null
  }

  private ownerOf(clientId: number): { session: DocumentSession; owned: Set<number> } | undefined {
    for (const [session, owned] of this.sessions) if (owned.has(clientId)) return { session, owned }
    return undefined
  }

  /** Every change to the doc (but loading) is recorded and sent to the sessions that lack it. */
  private recordAndSend(update: Uint8Array, origin: DocumentOrigin): void {
    if (origin.kind === 'log') return
    const at = Math.max(this.context.wallClock(), this.lastAt)
    this.lastAt = at
    this.lastId += 1
    this.writes.push(
      this.context.writer.write({
        exerciseId: this.context.exerciseId,
        doc: this.name,
        id: this.lastId,
        at,
        t: this.context.scenarioTimeAt(at),
        author: origin.kind === 'session' ? origin.session.authorId : null,
        update,
      }),
    )
    this.sendToOthers(
      encodeYjsMessage({ type: 'update', update }),
      origin.kind === 'session' ? origin.session : null,
    )
  }

  private sendAwareness(clients: number[], origin: DocumentSession | string): void {
    if (clients.length === 0) return
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
    this.sendToOthers(
      encodeYjsMessage({ type: 'awareness', update }),
      typeof origin === 'string' ? null : origin,
    )
  }

  /** Every session but `sender` gets `message`. */
  private sendToOthers(message: Uint8Array, sender: DocumentSession | null): void {
    const { broadcast } = this.context
    if (broadcast) {
      if (this.sessions.size > (sender && this.sessions.has(sender) ? 1 : 0)) {
        broadcast(this.room, this.name, message, sender?.id ?? null)
      }
      return
    }
    for (const session of this.sessions.keys()) {
      if (session !== sender) session.sendYjs(this.name, message)
    }
  }

  /** The broadcast room of this document's sessions. */
  private get room(): string {
    return `doc|${this.context.exerciseId}|${this.name}`
  }

  /** Awaits the writes the last transaction started; checkpoints now and then. */
  private async takeWrites(): Promise<void> {
    const writes = this.writes
    this.writes = []
    await Promise.all(writes)
    this.sinceCheckpoint += writes.length
    this.checkpointIfDue()
  }

  /** Starts a checkpoint once enough updates piled up since the last one. */
  private checkpointIfDue(): void {
    if (this.sinceCheckpoint >= CHECKPOINT_EVERY && !this.checkpointing && !this.broken) {
      this.checkpointing = this.checkpoint().finally(() => {
        this.checkpointing = null
      })
    }
  }

  /** Saves the whole state as of the last recorded update; the raw updates stay for replay. */
  private async checkpoint(): Promise<void> {
    const checkpoint: DocumentCheckpoint = {
      uptoId: this.lastId,
      at: this.lastAt,
      state: Y.encodeStateAsUpdate(this.doc),
    }
    const pending = this.sinceCheckpoint
    try {
      await this.context.writer.drain()
      await this.context.store.saveCheckpoint(this.context.exerciseId, this.name, checkpoint)
      this.sinceCheckpoint = Math.max(0, this.sinceCheckpoint - pending)
      this.approxBytes = checkpoint.state.length
    } catch (error) {
      this.context.logger.warn({ err: error, doc: this.name }, 'checkpoint not saved')
    }
  }

  /** Forgets this copy: every session is told, the registry drops it, the next open reloads. */
  private break(): void {
    if (this.broken) return
    this.broken = true
    const error = protocolError(
      ERROR_CODES.internal,
      'The server could not record the notebook; it reopens from what was recorded.',
    )
    for (const session of [...this.sessions.keys()]) {
      this.leave(session)
      session.documentClosed(this.name, error)
    }
    this.context.onBroken(this)
  }
}

function refused(code: ProtocolError['code'], message: string): YjsReply {
  return { ok: false, error: protocolError(code, message) }
}
