/**
 * One exercise over one socket: the handshake, the fold of snapshot and events, automatic
 * reconnection that resumes from the last seq held, the clock offset, commands with acks, and the
 * messages of shared (Yjs) documents on the same socket.
 */
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client'
import { io } from 'socket.io-client'
import type {
  ClientToServerEvents,
  CommandInput,
  CommandReply,
  NotebookEdit,
  ProtocolError,
  ServerToClientEvents,
  SessionMoved,
  SocketAuth,
  TwinFrame,
  TwinViewReply,
  TwinViewRequest,
  YjsReply,
} from '../../core/protocol'
import { ERROR_CODES } from '../../core/protocol/errors'
import { PROTOCOL_VERSION } from '../../core/protocol/version'
import type { TimeSyncSample } from './clockOffset'
import { estimateClockOffset } from './clockOffset'
import type { HeldExercise } from './heldExercise'
import { holdEvents, holdSnapshot } from './heldExercise'

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** Where the connection stands; `reason` exists only in the states that have one. */
export type ConnectionStatus =
  | { readonly state: 'connecting' }
  | { readonly state: 'connected' }
  | { readonly state: 'reconnecting'; readonly reason: string }
  | { readonly state: 'refused'; readonly reason: string }
  | { readonly state: 'closed' }

/** Everything the UI reads from a connection, replaced as a whole on each change. */
export interface ExerciseView {
  readonly status: ConnectionStatus
  readonly held: HeldExercise | null
  /** Server wall time minus this browser's wall time, in ms. */
  readonly clockOffsetMs: number
  /** Participant ids with a socket open on the exercise now (the server's presence), as this client may know. */
  readonly online: readonly string[]
  /** The facilitator's: who wrote in which team's notebook (live notes, not the log), oldest first. */
  readonly notebookEdits: readonly NotebookEdit[]
}

export interface ConnectionOptions {
  /** An admin token or a participant token. */
  readonly token: string
  /** For the facilitator: the exercise to open after every (re)connect. */
  readonly openExerciseId?: string
  /** The server's origin; the page's own by default. */
  readonly url?: string
  /** Called with each fresh token the server hands a participant, to keep it where the token is kept. */
  readonly onToken?: (token: string) => void
  /** For the facilitator: follow the exercise as this team sees it, read-only (`exercise.open { viewAs }`). */
  readonly viewAs?: string
  /** Called when the facilitator moved this participant to another team (the socket is cut next). */
  readonly onMoved?: (moved: SessionMoved) => void
}

const SYNC_SAMPLES = 5
const COMMAND_TIMEOUT_MS = 10_000
const TWIN_VIEW_TIMEOUT_MS = 5_000
const YJS_TIMEOUT_MS = 8_000

const NOT_CONNECTED_ERROR = {
  code: ERROR_CODES.internal,
  message: 'Not connected to the server. Wait until the connection is back, then try again.',
}

/** The view before anything has come: connecting, nothing held. */
export const CONNECTING_VIEW: ExerciseView = {
  status: { state: 'connecting' },
  held: null,
  clockOffsetMs: 0,
  online: [],
  notebookEdits: [],
}

/** The reply to a command sent while there is no connection: nothing was sent. */
export const NOT_CONNECTED: CommandReply = { ok: false, error: NOT_CONNECTED_ERROR }

/** The reply to a twin read made while there is no connection. */
export const TWIN_NOT_CONNECTED: TwinViewReply = { ok: false, error: NOT_CONNECTED_ERROR }

/** The reply to a shared-document message sent while there is no connection: nothing was sent. */
export const YJS_NOT_CONNECTED: YjsReply = { ok: false, error: NOT_CONNECTED_ERROR }

/** The reply when the server did not acknowledge a shared-document message in time. */
export const YJS_TIMED_OUT: YjsReply = {
  ok: false,
  error: { code: ERROR_CODES.internal, message: 'The server did not answer in time.' },
}

/** The socket's own signature of a twin read, so that the request and reply cannot drift. */
type TwinViewAck = Parameters<ClientToServerEvents['twin.view']>[1]

/**
 * What a shared-document provider needs of a connection (see client/notebook/DocumentProvider):
 * the `yjs` messages of one document, and whether they can flow. ExerciseConnection is one.
 */
export interface YjsTransport {
  /** Connected, and the exercise is open on this socket: a document may be opened now. */
  readonly yjsReady: boolean
  /** Called with the new value whenever `yjsReady` changes; returns the removal. */
  onYjsReady(listener: (ready: boolean) => void): () => void
  /** Sends one framed message of `doc`; resolves with the ack (never rejects). */
  sendYjs(doc: string, message: Uint8Array): Promise<YjsReply>
  /** Closes `doc` on this socket (`yjs.leave`); resolves with the ack (never rejects). */
  leaveYjs(doc: string): Promise<YjsReply>
  /** Called with every framed message the server sends for `doc`; returns the removal. */
  onYjs(doc: string, listener: (message: Uint8Array) => void): () => void
  /** Called when the server lets go of `doc` (`yjs.closed`); returns the removal. */
  onYjsClosed(doc: string, listener: (error: ProtocolError) => void): () => void
}

/** Owns the socket of one exercise; the UI subscribes to its view (see useExercise). */
export class ExerciseConnection implements YjsTransport {
  private readonly socket: ClientSocket
  private view: ExerciseView = CONNECTING_VIEW
  private readonly listeners = new Set<() => void>()
  private closed = false
  private syncRound = 0
  /** Whether the exercise is open on the current socket (its snapshot or events arrived). */
  private joined = false
  private readonly readyListeners = new Set<(ready: boolean) => void>()
  private readonly yjsListeners = new Map<string, Set<(message: Uint8Array) => void>>()
  private readonly closedListeners = new Map<string, Set<(error: ProtocolError) => void>>()
  /** The token of the next handshake: the latest the server handed out, or the one given. */
  private token: string
  private readonly frameListeners = new Set<(frame: TwinFrame) => void>()

  constructor(private readonly options: ConnectionOptions) {
    this.token = options.token
    const socketOptions: Partial<ManagerOptions & SocketOptions> = {
      // A function, so that every reconnect sends the seq held at that moment.
      auth: (send) => send(this.handshakeAuth()),
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    }
    this.socket = options.url === undefined ? io(socketOptions) : io(options.url, socketOptions)
    this.listen()
  }

  /** Registers a listener called on every change of the view; returns its removal. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The current view (the same object until something changes). */
  readonly getView = (): ExerciseView => this.view

  /**
   * Sends a command and resolves with the server's reply. The events in an ok reply also arrive
   * as a broadcast on this socket, which is what gets folded: folding the ack too could let a
   * later seq overtake an earlier one still in flight, and the dedupe would then drop that one.
   */
  async send(command: CommandInput): Promise<CommandReply> {
    if (this.closed || !this.socket.connected) return NOT_CONNECTED
    try {
      return await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('command', command)
    } catch {
      return {
        ok: false,
        error: {
          code: ERROR_CODES.internal,
          message:
            'The server did not answer in time. Check the feed to see whether it took effect before trying again.',
        },
      }
    }
  }

  /**
   * Reads the twin as this client may see it (`twin.view`: not logged, not folded), for what the
   * pushed frames do not carry: a first read, a plot's history. Each participant has a budget
   * charged by what a read asks for (nodes × points); a refusal comes back as `ok: false`.
   */
  async readTwin(request: TwinViewRequest): Promise<TwinViewReply> {
    if (this.closed || !this.socket.connected) return TWIN_NOT_CONNECTED
    try {
      const reply: Parameters<TwinViewAck>[0] = await this.socket
        .timeout(TWIN_VIEW_TIMEOUT_MS)
        .emitWithAck('twin.view', request)
      return reply
    } catch {
      return {
        ok: false,
        error: { code: ERROR_CODES.internal, message: 'The server did not answer the twin read.' },
      }
    }
  }

  /** Calls `listener` with each twin frame pushed for the open exercise; returns the removal. */
  readonly onTwinFrame = (listener: (frame: TwinFrame) => void): (() => void) => {
    this.frameListeners.add(listener)
    return () => this.frameListeners.delete(listener)
  }

  get yjsReady(): boolean {
    return this.joined
  }

  readonly onYjsReady = (listener: (ready: boolean) => void): (() => void) => {
    this.readyListeners.add(listener)
    return () => this.readyListeners.delete(listener)
  }

  /**
   * Sends a message of shared document `doc`. Nothing is queued while offline (socket.io would
   * buffer it): the provider resyncs with sync step 1 on reconnect, which carries everything.
   */
  async sendYjs(doc: string, message: Uint8Array): Promise<YjsReply> {
    if (!this.joined || !this.socket.connected) return YJS_NOT_CONNECTED
    try {
      return await this.socket.timeout(YJS_TIMEOUT_MS).emitWithAck('yjs', doc, message)
    } catch {
      return YJS_TIMED_OUT
    }
  }

  async leaveYjs(doc: string): Promise<YjsReply> {
    if (this.closed || !this.socket.connected) return YJS_NOT_CONNECTED
    try {
      return await this.socket.timeout(YJS_TIMEOUT_MS).emitWithAck('yjs.leave', doc)
    } catch {
      return YJS_TIMED_OUT
    }
  }

  readonly onYjs = (doc: string, listener: (message: Uint8Array) => void): (() => void) =>
    addKeyed(this.yjsListeners, doc, listener)

  readonly onYjsClosed = (doc: string, listener: (error: ProtocolError) => void): (() => void) =>
    addKeyed(this.closedListeners, doc, listener)

  /** Disconnects for good. */
  close(): void {
    if (this.closed) return
    this.setJoined(false)
    this.closed = true
    this.socket.removeAllListeners()
    this.socket.disconnect()
    this.update({ status: { state: 'closed' } })
    this.listeners.clear()
    this.readyListeners.clear()
    this.yjsListeners.clear()
    this.closedListeners.clear()
    this.frameListeners.clear()
  }

  private handshakeAuth(): SocketAuth {
    const held = this.view.held
    return {
      token: this.token,
      protocol: PROTOCOL_VERSION,
      ...(held && !this.options.openExerciseId ? { lastSeq: held.lastSeq } : {}),
    }
  }

  private listen(): void {
    const socket = this.socket
    socket.on('connect', () => {
      // Documents wait for the exercise to be open on this socket: its snapshot or events.
      this.setJoined(false)
      this.update({ status: { state: 'connected' } })
      if (this.options.openExerciseId) void this.open(this.options.openExerciseId)
      void this.syncClock()
    })
    socket.on('disconnect', (reason) => {
      if (this.closed) return
      this.setJoined(false)
      if (reason === 'io server disconnect') {
        // The server let go of this socket (a restart, usually); the client must come back itself.
        setTimeout(() => {
          if (!this.closed) socket.connect()
        }, 1000)
      }
      this.update({ status: { state: 'reconnecting', reason: describeDisconnect(reason) } })
    })
    socket.on('connect_error', (error) => {
      if (this.closed) return
      // An active socket keeps retrying (the network); an inactive one was refused by the server.
      this.update({
        status: socket.active
          ? { state: 'reconnecting', reason: 'Cannot reach the server; retrying…' }
          : { state: 'refused', reason: error.message },
      })
    })
    socket.on('snapshot', (snapshot) => {
      const wanted = this.options.openExerciseId
      if (wanted && snapshot.exerciseId !== wanted) return
      this.update({ held: holdSnapshot(snapshot) })
      this.setJoined(true)
    })
    socket.on('events', (events) => {
      const held = this.view.held
      if (!held) return
      const next = holdEvents(held, events)
      if (next !== held) this.update({ held: next })
      // A participant's reconnect is answered with the events it missed (maybe none) instead.
      this.setJoined(true)
    })
    socket.on('yjs', (doc, message) => {
      const listeners = this.yjsListeners.get(doc)
      if (!listeners) return
      // A browser receives binary as an ArrayBuffer, Node as a Buffer (a Uint8Array).
      const bytes =
        message instanceof Uint8Array ? message : new Uint8Array(message as unknown as ArrayBuffer)
      for (const listener of listeners) listener(bytes)
    })
    socket.on('presence', (presence) => {
      if (presence.exerciseId !== this.view.held?.exerciseId && this.view.held) return
      this.update({ online: presence.online })
    })
    socket.on('notebook.activity', (edits) => {
      if (!Array.isArray(edits) || edits.length === 0) return
      this.update({ notebookEdits: mergeEdits(this.view.notebookEdits, edits) })
    })
    socket.on('session.moved', (moved) => {
      if (this.closed || typeof moved?.token !== 'string') return
      // The old seat is refused from now on: the next handshake, if any, uses the new one.
      this.token = moved.token
      this.options.onMoved?.(moved)
    })
    socket.on('session.token', ({ token }) => {
      if (this.closed || typeof token !== 'string') return
      this.token = token
      this.options.onToken?.(token)
    })
    socket.on('twin.frame', (frame) => {
      // Only the exercise held here: a facilitator's socket may still get one from the last.
      if (frame.exerciseId !== this.view.held?.exerciseId) return
      for (const listener of this.frameListeners) listener(frame)
    })
    socket.on('yjs.closed', (doc, error) => {
      for (const listener of this.closedListeners.get(doc) ?? []) listener(error)
    })
  }

  private setJoined(joined: boolean): void {
    if (this.closed || joined === this.joined) return
    this.joined = joined
    for (const listener of this.readyListeners) listener(joined)
  }

  private async open(exerciseId: string): Promise<void> {
    const held = this.view.held
    const reply = await this.send({
      type: 'exercise.open',
      exerciseId,
      ...(held?.exerciseId === exerciseId ? { sinceSeq: held.lastSeq } : {}),
      ...(this.options.viewAs === undefined ? {} : { viewAs: this.options.viewAs }),
    })
    if (!reply.ok && reply !== NOT_CONNECTED && !this.closed) {
      this.update({ status: { state: 'refused', reason: reply.error.message } })
    }
  }

  /** A few `time.sync` round trips; the shortest gives the offset estimate. */
  private async syncClock(): Promise<void> {
    const round = ++this.syncRound
    const samples: TimeSyncSample[] = []
    for (let i = 0; i < SYNC_SAMPLES; i++) {
      if (this.closed || !this.socket.connected || round !== this.syncRound) return
      const sentAt = Date.now()
      try {
        const serverTime = await this.socket.timeout(3000).emitWithAck('time.sync')
        samples.push({ sentAt, receivedAt: Date.now(), serverTime })
      } catch {
        return
      }
      const offset = estimateClockOffset(samples)
      if (offset !== null && !this.closed) this.update({ clockOffsetMs: offset })
    }
  }

  private update(change: Partial<ExerciseView>): void {
    this.view = { ...this.view, ...change }
    for (const listener of this.listeners) listener()
  }
}

/** Notes kept on the page: enough for a long exercise's stream, never without bound. */
const KEPT_EDITS = 500

/** `held` with the notes of `fresh` it lacks (a reconnect sends the recent ones again), oldest first. */
function mergeEdits(held: readonly NotebookEdit[], fresh: readonly NotebookEdit[]): NotebookEdit[] {
  const key = (edit: NotebookEdit) => `${edit.teamId}|${edit.participantId}|${edit.at}`
  const seen = new Set(held.map(key))
  const merged = [...held, ...fresh.filter((edit) => !seen.has(key(edit)))]
  merged.sort((a, b) => a.at - b.at)
  return merged.slice(-KEPT_EDITS)
}

function addKeyed<T>(map: Map<string, Set<T>>, key: string, value: T): () => void {
  let values = map.get(key)
  if (!values) {
    values = new Set()
    map.set(key, values)
  }
  values.add(value)
  return () => {
    const current = map.get(key)
    current?.delete(value)
    if (current?.size === 0) map.delete(key)
  }
}

function describeDisconnect(reason: string): string {
  switch (reason) {
    case 'io server disconnect':
      return 'The server closed the connection; reconnecting…'
    case 'ping timeout':
    case 'transport close':
    case 'transport error':
      return 'Connection lost; reconnecting…'
    default:
      return 'Disconnected; reconnecting…'
  }
}
