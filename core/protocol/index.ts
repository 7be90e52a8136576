/** The wire contract between the server and its clients: versions, socket messages and their payloads. */
import type { ExerciseState } from '../engine/state'
import type { Viewer } from '../visibility/viewer'
import type { ProtocolError } from './errors'
import type { HoldoverEvent } from './events'
import type { TwinViewReply } from './twinView'

export * from './commands'
export * from './errors'
export * from './events'
export { describeIssues, parseCommand } from './parseCommand'
export type * from './twinView'
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
}

export type CommandReply =
  | { ok: true; events: HoldoverEvent[] }
  | { ok: false; error: ProtocolError }

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void
  events: (events: HoldoverEvent[]) => void
}

export interface ClientToServerEvents {
  command: (command: unknown, ack: (reply: CommandReply) => void) => void
  /** Answers with the server's wall time (epoch ms), for the client's clock-offset estimate. */
  'time.sync': (ack: (serverTime: number) => void) => void
  /** Reads the twin as this client may see it (see TwinViewRequest); not logged. */
  'twin.view': (request: unknown, ack: (reply: TwinViewReply) => void) => void
}
