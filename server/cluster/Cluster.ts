/**
 * The scale-out extension point: who owns an exercise (a lease with a fencing token), how a
 * process that does not own it reaches the one that does, and how committed events reach every
 * process. SoloCluster is one process; RedisCluster joins several over Redis.
 */
import type { Command, CommandReply } from '../../core/protocol'
import type { HoldoverEvent } from '../../core/protocol/events'
import type { Viewer } from '../../core/protocol/viewer'

/** The right to write an exercise's log, until lost; its fence is checked by the store on append. */
export interface Lease {
  readonly exerciseId: string
  /** Higher than every fence of an earlier holder; undefined in one process (nothing to fence). */
  readonly fence: number | undefined
  /** Called once when the lease is lost (not renewed in time, or taken by another process). */
  onLost(listener: () => void): void
  /** Gives the lease up now (nothing happens if it was lost already). */
  release(): Promise<void>
}

/** What a process that does not own an exercise asks its owner to do. */
export type ForwardedRequest =
  | {
      readonly kind: 'command'
      readonly exerciseId: string
      readonly command: Command
      readonly actor: Viewer
    }
  | {
      readonly kind: 'join'
      readonly exerciseId: string
      readonly participantId: string
      readonly teamId: string
      readonly name: string
      readonly cap: number
    }
  | {
      readonly kind: 'joinEvaluator'
      readonly exerciseId: string
      readonly evaluatorId: string
      readonly name: string
      readonly cap: number
    }

/** The owner's answer: what the sender gets, and the log's seq after it (to wait for it locally). */
export type ForwardedReply =
  | { readonly kind: 'command'; readonly reply: CommandReply; readonly seq: number }
  | { readonly kind: 'join'; readonly full: { cap: number } | null; readonly seq: number }
  | { readonly kind: 'joinEvaluator'; readonly seated: boolean; readonly seq: number }
  | { readonly kind: 'not-owner' }

/** Handles requests forwarded to this process and events committed on others. */
export interface ClusterHandlers {
  forwarded(request: ForwardedRequest): Promise<ForwardedReply>
  /** Events another process committed (the full log's, in order; a gap may mean some were lost). */
  committed(exerciseId: string, events: HoldoverEvent[]): void
  /** A document update another process recorded (durably) for one of its clients. */
  documentUpdated(exerciseId: string, doc: string, update: Uint8Array): void
  /** The connection to the other processes came back after a break: catch up from the store. */
  reconnected(): void
}

/** Participants following an exercise somewhere: participant id → team id. */
export type Seats = ReadonlyMap<string, string>

/** Who follows an exercise on the other processes, as far as this one can know. */
export interface ClusterPresence {
  /** Tells the others which participants follow `exerciseId` on this process now (empty: none). */
  share(exerciseId: string, here: Seats): void
  /**
   * Calls `changed` with the participants following `exerciseId` on the other processes, now and
   * whenever that changes, until the returned function is called.
   */
  follow(exerciseId: string, changed: (elsewhere: Seats) => void): () => void
}

export interface Cluster {
  /** This process's id among the installation's processes. */
  readonly processId: string
  /** Who is online on the other processes. */
  readonly presence: ClusterPresence
  /** How long a lease lasts without renewal, ms. */
  readonly leaseMs: number
  /** Starts delivering to `handlers`. */
  start(handlers: ClusterHandlers): Promise<void>
  /** Takes the lease of an exercise, or null when another process holds it. */
  acquire(exerciseId: string): Promise<Lease | null>
  /** Sends `request` to the exercise's owner; null when no process owns it now. */
  forward(request: ForwardedRequest, timeoutMs: number): Promise<ForwardedReply | null>
  /** Tells the other processes what this one committed. */
  publish(exerciseId: string, events: readonly HoldoverEvent[]): void
  /** Tells the other processes of a document update this one recorded. */
  publishDocument(exerciseId: string, doc: string, update: Uint8Array): void
  /** Those of `exerciseIds` whose lease nobody holds now. */
  unowned(exerciseIds: readonly string[]): Promise<string[]>
  close(): Promise<void>
}
