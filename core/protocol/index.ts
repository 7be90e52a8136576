/** The wire contract between the server and its clients: versions, socket messages and their payloads. */

import type { Side } from '../vocabulary/constants'
import type { ProtocolError } from './errors'
import type { HoldoverEvent } from './events'
import type { ExerciseState } from './state'
import type { TwinViewReply } from './twinView'
import type { TwinFrame } from './twinViewFrame'
import type { Viewer } from './viewer'

export * from './commands'
export * from './errors'
export * from './events'
export type * from './hotWashEvents'
export { describeIssues, parseCommand } from './parseCommand'
export type * from './twinView'
export type * from './twinViewFrame'
export { PROTOCOL_VERSION } from './version'

/** The handshake's `auth` payload. */
export interface SocketAuth {
  /** An admin token or a participant token. */
  token: string
  /** PROTOCOL_VERSION of the client; optional for tools that speak the stable contract only. */
  protocol?: number
  /** For a participant reconnecting: the last seq it holds; it then gets `events` instead of a `snapshot`. */
  lastSeq?: number
}

/** What a client receives when it opens an exercise: the state it may see, as of log position `seq`. */
export interface Snapshot {
  exerciseId: string
  seq: number
  state: ExerciseState
  /** Who this client is in the exercise. */
  viewer: Viewer
  /** The server's wall time when the snapshot was sent (epoch ms), to estimate the clock offset. */
  serverTime: number
  /** The team this facilitator's socket views the exercise as (`exercise.open { viewAs }`), read-only. */
  viewAs?: string
  /** A participant's own: whether they have answered the hot wash survey (teams never see responses). */
  hotWashSent?: boolean
}

/** Who has a socket open on an exercise now: all of them for the facilitator, a team's own for a team. */
export interface Presence {
  exerciseId: string
  /** Participant ids, each once, however many sockets they hold. */
  online: string[]
}

/** A participant wrote in a team's notebook (for the facilitator's activity stream; not logged). */
export interface NotebookEdit {
  exerciseId: string
  teamId: string
  participantId: string
  name: string
  /** Wall time of the change, epoch ms. */
  at: number
  /** Scenario time of the change, seconds. */
  t: number
}

/** A seat on another team, handed to each socket of a participant the facilitator moved. */
export interface SessionMoved {
  token: string
  expiresAt: number
  teamId: string
  teamName: string
  side: Side
}

export type CommandReply =
  | { ok: true; events: HoldoverEvent[] }
  | { ok: false; error: ProtocolError }

/** The answer to a client's `yjs` message: taken, or refused (and then nothing changed). */
export type YjsReply = { ok: true } | { ok: false; error: ProtocolError }

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void
  events: (events: HoldoverEvent[]) => void
  /**
   * A message of shared document `doc` (core/documents/yjsMessage.ts): sync step 2 and step 1
   * answering the client's step 1, then updates and awareness of the others. A browser receives
   * the bytes as an ArrayBuffer, Node as a Buffer.
   */
  yjs: (doc: string, message: Uint8Array) => void
  /**
   * A fresh participant token, on connecting and then every few minutes: the client keeps it in
   * place of the one it holds, so a seat in use never expires.
   */
  'session.token': (session: { token: string; expiresAt: number }) => void
  /**
   * What this client's dashboards show of the twin now, only what changed since the previous
   * frame (core/protocol/twinViewFrame.ts): once per tick and per audience, to every socket of
   * that audience following the exercise. `twin.view` still answers history and a first read.
   */
  'twin.frame': (frame: TwinFrame) => void
  /** Who is online in the exercise followed (see Presence), on following it and on each change. */
  presence: (presence: Presence) => void
  /** The facilitator only: who wrote in which notebook, at most once per person and notebook a minute. */
  'notebook.activity': (edits: NotebookEdit[]) => void
  /** This participant was moved to another team: reconnect with `token` (the socket is cut next). */
  'session.moved': (moved: SessionMoved) => void
  /** The server let go of `doc` for this client (it failed to record, or access ended); send step 1 to open it again. */
  'yjs.closed': (doc: string, error: ProtocolError) => void
}

export interface ClientToServerEvents {
  command: (command: unknown, ack: (reply: CommandReply) => void) => void
  /** Answers with the server's wall time (epoch ms), for the client's clock-offset estimate. */
  'time.sync': (ack: (serverTime: number) => void) => void
  /** Reads the twin as this client may see it (see TwinViewRequest); not logged. */
  'twin.view': (request: unknown, ack: (reply: TwinViewReply) => void) => void
  /** A message of shared document `doc`; sync step 1 opens it (see ServerToClientEvents.yjs). */
  yjs: (doc: unknown, message: unknown, ack: (reply: YjsReply) => void) => void
  /** Closes `doc` for this socket: no more updates, and its carets leave the others' screens. */
  'yjs.leave': (doc: unknown, ack: (reply: YjsReply) => void) => void
}
