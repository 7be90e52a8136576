/**
 * Keeps one Y.Doc in sync with the server over the exercise's socket (the `yjs` messages of the
 * wire contract, DESIGN.md), with presence through a y-protocols Awareness. What the editor binds
 * to: Collaboration takes the doc, CollaborationCaret reads `provider.awareness`.
 *
 * The sync follows y-protocols: open with step 1, apply the server's step 2, answer its step 1
 * with our step 2, then updates both ways. A local change is never lost: it stays in the doc (and
 * in IndexedDB), and whenever a send fails (offline, refused as too fast, no answer) the provider
 * opens again with step 1, whose exchange carries everything either side lacks.
 */
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import { decodeYjsMessage, encodeYjsMessage } from '../../core/documents/yjsMessage'
import type { ProtocolError, YjsReply } from '../../core/protocol'
import { ERROR_CODES } from '../../core/protocol/errors'
import type { YjsTransport } from '../shared/ExerciseConnection'

/** What the person is told about their document, as a union on `state`. */
export type SyncStatus =
  /** Reading this browser's copy (IndexedDB) before anything is sent. */
  | { readonly state: 'loading' }
  /** No connection: edits stay here and merge when it is back. */
  | { readonly state: 'offline' }
  /** Sending or waiting for the server; `problem` says why it is taking longer, when known. */
  | { readonly state: 'syncing'; readonly problem: string | null }
  /** Every change sent has been acknowledged. */
  | { readonly state: 'saved' }
  /** The server will not open this document for this viewer; nothing more is sent. */
  | { readonly state: 'forbidden'; readonly reason: string }

/** How long the provider waits before trying again, and how often it may send presence. */
export interface ProviderTimings {
  /** First delay before a resync after a failed send; doubled on each failure in a row. */
  readonly resyncMs: number
  readonly maxResyncMs: number
  /** Least time between two awareness messages (the server allows 10 a second). */
  readonly awarenessGapMs: number
}

export const DEFAULT_TIMINGS: ProviderTimings = {
  resyncMs: 1000,
  maxResyncMs: 30_000,
  awarenessGapMs: 200,
}

export interface DocumentProviderOptions {
  readonly doc: Y.Doc
  /** The document's name on the wire, e.g. `notebook:soc`. */
  readonly name: string
  readonly transport: YjsTransport
  /** Resolves when the local copy is in the doc; nothing is sent before (sync from what is kept). */
  readonly loaded?: Promise<unknown>
  readonly timings?: Partial<ProviderTimings>
  /** False for a read-only view (the white cell as a team): it shows the others' carets, sends none. */
  readonly sendsPresence?: boolean
}

/**
 * Where the exchange with the server stands: `idle` (not open: offline, or waiting to retry),
 * `opening` (step 1 sent; local updates wait, our step 2 will carry them), `open` (updates flow),
 * `stopped` (forbidden or destroyed).
 */
type Phase = 'idle' | 'opening' | 'open' | 'stopped'

const AWARENESS_RETRY_MS = 3000

/** Connects a Y.Doc and its Awareness to the server; one per open document. */
export class DocumentProvider {
  readonly doc: Y.Doc
  readonly name: string
  readonly awareness: Awareness
  private readonly transport: YjsTransport
  private readonly timings: ProviderTimings
  private readonly sendsPresence: boolean
  private readonly listeners = new Set<() => void>()
  private readonly unsubscribe: (() => void)[] = []
  private status: SyncStatus = { state: 'loading' }
  private phase: Phase = 'idle'
  private loaded = false
  /** Bumped at each (re)open and each loss: an ack of an older exchange changes nothing. */
  private generation = 0
  /** Sync messages of this exchange sent and not yet acknowledged. */
  private pending = 0
  /** Whether the server's step 2 (its content) arrived in this exchange. */
  private received = false
  /** Whether the server took our step 1 in this exchange: presence may be sent from then. */
  private joined = false
  private problem: string | null = null
  private failures = 0
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null
  private lastAwarenessAt = Number.NEGATIVE_INFINITY
  private forbiddenReason = ''
  private destroyed = false

  constructor(options: DocumentProviderOptions) {
    this.doc = options.doc
    this.name = options.name
    this.transport = options.transport
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings }
    this.sendsPresence = options.sendsPresence ?? true
    this.awareness = new Awareness(this.doc)
    this.doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
    this.unsubscribe.push(
      this.transport.onYjs(this.name, this.onMessage),
      this.transport.onYjsClosed(this.name, this.onClosed),
      this.transport.onYjsReady(this.onReady),
    )
    const loaded = options.loaded ?? Promise.resolve()
    loaded.then(
      () => this.onLoaded(),
      () => this.onLoaded(), // No local copy (private mode, quota): the server's is enough.
    )
  }

  /** Registers a listener of status changes; returns its removal (for useSyncExternalStore). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The current status (the same object until it changes). */
  readonly getStatus = (): SyncStatus => this.status

  /** Closes the document on the server (its carets leave the others' screens) and stops. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    const wasOpen = this.phase === 'opening' || this.phase === 'open'
    this.phase = 'stopped'
    this.generation++
    this.clearTimers()
    for (const stop of this.unsubscribe.splice(0)) stop()
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    if (wasOpen) void this.transport.leaveYjs(this.name)
    this.awareness.destroy()
    this.listeners.clear()
  }

  private onLoaded(): void {
    if (this.phase === 'stopped') return
    this.loaded = true
    if (this.transport.yjsReady) this.open()
    else this.refresh()
  }

  private readonly onReady = (ready: boolean): void => {
    if (this.phase === 'stopped') return
    if (ready) {
      this.failures = 0
      this.open()
    } else this.lose()
  }

  /** Starts an exchange: step 1 with what this doc holds. */
  private open(): void {
    if (this.phase === 'stopped' || !this.loaded || !this.transport.yjsReady) return
    this.clearRetry()
    this.generation++
    this.phase = 'opening'
    this.pending = 0
    this.received = false
    this.joined = false
    const generation = this.generation
    this.sendSync(
      encodeYjsMessage({ type: 'sync-step1', stateVector: Y.encodeStateVector(this.doc) }),
      () => {
        if (generation !== this.generation) return
        this.joined = true
        if (this.awareness.getLocalState() !== null) this.scheduleAwareness()
      },
    )
  }

  /** The connection is gone: nothing is sent until it is back, and others' presence is stale. */
  private lose(): void {
    this.generation++
    this.phase = 'idle'
    this.pending = 0
    this.joined = false
    this.clearTimers()
    this.dropRemoteAwareness()
    this.refresh()
  }

  private readonly onClosed = (error: ProtocolError): void => {
    if (this.phase === 'stopped') return
    if (error.code === ERROR_CODES.forbidden) {
      this.stop(error.message)
      return
    }
    // The server let go of the document: it no longer relays it, so reopen after a pause.
    this.generation++
    this.phase = 'idle'
    this.pending = 0
    this.joined = false
    this.problem = error.message
    this.dropRemoteAwareness()
    this.scheduleRetry()
  }

  private readonly onMessage = (bytes: Uint8Array): void => {
    if (this.phase === 'stopped') return
    const decoded = decodeYjsMessage(bytes)
    if (!decoded.ok) {
      console.warn(`[notebook] ignored a message of ${this.name}: ${decoded.reason}`)
      return
    }
    const message = decoded.message
    switch (message.type) {
      case 'sync-step2':
        Y.applyUpdate(this.doc, message.update, this)
        if (this.phase === 'opening' || this.phase === 'open') this.received = true
        this.refresh()
        return
      case 'update':
        Y.applyUpdate(this.doc, message.update, this)
        return
      case 'sync-step1': {
        if (this.phase !== 'opening' && this.phase !== 'open') return
        // Our step 2 holds every local change the server lacks; from here updates flow one by one.
        this.phase = 'open'
        this.sendSync(
          encodeYjsMessage({
            type: 'sync-step2',
            update: Y.encodeStateAsUpdate(this.doc, message.stateVector),
          }),
        )
        return
      }
      case 'awareness':
        applyAwarenessUpdate(this.awareness, message.update, this)
        return
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.phase === 'stopped') return
    // Before our step 2 (opening) or while idle, the next step 2 carries this change.
    if (this.phase === 'open') this.sendSync(encodeYjsMessage({ type: 'update', update }))
    else this.refresh()
  }

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === this) return
    const own = this.doc.clientID
    if ([changes.added, changes.updated, changes.removed].some((ids) => ids.includes(own))) {
      this.scheduleAwareness()
    }
  }

  /** Sends a sync message of this exchange, counted until acknowledged. */
  private sendSync(message: Uint8Array, onOk?: () => void): void {
    const generation = this.generation
    this.pending++
    this.refresh()
    void this.transport.sendYjs(this.name, message).then((reply) => {
      if (generation !== this.generation) return
      this.pending--
      if (reply.ok) {
        onOk?.()
        this.refresh()
      } else this.refused(reply)
    })
  }

  private refused(reply: Extract<YjsReply, { ok: false }>): void {
    const { code, message } = reply.error
    if (code === ERROR_CODES.forbidden) {
      this.stop(message)
      return
    }
    // The change is still in the doc. Hold further updates (the server might lack the refused
    // one) and open again: the server's step 1 then pulls whatever it lacks.
    this.generation++
    this.phase = 'idle'
    this.pending = 0
    this.joined = false
    // A first `invalid` is usually an update that overtook a refused one (a gap): the resync
    // settles it. One that comes back after a resync is worth telling.
    if (code === ERROR_CODES.invalid && this.failures > 0) {
      this.problem = `The server refused a change: ${message}`
    }
    this.scheduleRetry()
  }

  private stop(reason: string): void {
    this.generation++
    this.phase = 'stopped'
    this.forbiddenReason = reason
    this.clearTimers()
    this.dropRemoteAwareness()
    this.refresh()
  }

  private scheduleRetry(): void {
    if (this.retryTimer === null) {
      const { resyncMs, maxResyncMs } = this.timings
      const delay = Math.min(maxResyncMs, resyncMs * 2 ** this.failures)
      this.failures++
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null
        if (this.transport.yjsReady) this.open()
        else this.refresh()
      }, delay)
    }
    this.refresh()
  }

  /** Sends the local presence soon, at most once per `awarenessGapMs`; changes in between merge. */
  private scheduleAwareness(): void {
    if (!this.sendsPresence) return
    if (!this.joined || this.awarenessTimer !== null) return
    const wait = Math.max(0, this.lastAwarenessAt + this.timings.awarenessGapMs - Date.now())
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null
      this.sendAwareness()
    }, wait)
  }

  private sendAwareness(): void {
    if (!this.joined) return
    this.lastAwarenessAt = Date.now()
    const generation = this.generation
    const update = encodeAwarenessUpdate(this.awareness, [this.doc.clientID])
    void this.transport
      .sendYjs(this.name, encodeYjsMessage({ type: 'awareness', update }))
      .then((reply) => {
        if (reply.ok || generation !== this.generation || this.awarenessTimer !== null) return
        // Presence is not worth a resync; send it again a little later. (A reconnect can find its
        // client id still held by the old socket until the server notices that one is gone.)
        const delay =
          reply.error.code === ERROR_CODES.rateLimited
            ? this.timings.awarenessGapMs * 5
            : AWARENESS_RETRY_MS
        this.awarenessTimer = setTimeout(() => {
          this.awarenessTimer = null
          this.sendAwareness()
        }, delay)
      })
  }

  private dropRemoteAwareness(): void {
    const own = this.doc.clientID
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== own)
    if (others.length > 0) removeAwarenessStates(this.awareness, others, this)
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  private clearTimers(): void {
    this.clearRetry()
    if (this.awarenessTimer !== null) clearTimeout(this.awarenessTimer)
    this.awarenessTimer = null
  }

  private refresh(): void {
    if (this.destroyed) return
    const next = this.computeStatus()
    if (next.state === 'saved') {
      // Refusals in a row count until everything went through.
      this.problem = null
      this.failures = 0
    }
    if (sameStatus(next, this.status)) return
    this.status = next
    for (const listener of this.listeners) listener()
  }

  private computeStatus(): SyncStatus {
    if (this.phase === 'stopped') return { state: 'forbidden', reason: this.forbiddenReason }
    if (!this.loaded) return { state: 'loading' }
    if (!this.transport.yjsReady) return { state: 'offline' }
    if (this.phase === 'open' && this.pending === 0 && this.received && this.retryTimer === null) {
      return { state: 'saved' }
    }
    return { state: 'syncing', problem: this.problem }
  }
}

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  if (a.state !== b.state) return false
  if (a.state === 'syncing' && b.state === 'syncing') return a.problem === b.problem
  if (a.state === 'forbidden' && b.state === 'forbidden') return a.reason === b.reason
  return true
}
