/**
 * The store: exercises, their join codes, their event logs and documents, and the installation's
 * shared secrets. SQLite by default (SqliteStore), PostgreSQL for several processes (PostgresStore);
 * openStore picks one from the configuration.
 */
import type { HoldoverEvent } from '../../core/protocol/events'

/**
 * The seat an evaluator code opens, in place of a team id: no team id can look like it (team
 * ids are lowercase letters, digits and dashes), so a code can never mix the two.
 */
export const EVALUATOR_SEAT = '*evaluators'

export interface ExerciseRecord {
  readonly id: string
  readonly title: string
  readonly scenarioId: string
  /** Epoch ms. */
  readonly createdAt: number
  /** Team id → join code. */
  readonly joinCodes: Readonly<Record<string, string>>
  /** The code that seats evaluators (see EVALUATOR_SEAT); absent on exercises made before it. */
  readonly evaluatorCode?: string | null
  /** Epoch ms it was archived (out of the main list), or null; absent on a new record. */
  readonly archivedAt?: number | null
}

/** One update of a shared document, as recorded: who sent it, and when in wall and scenario time. */
export interface DocumentUpdateRecord {
  readonly exerciseId: string
  /** The document's name (`notebook:<teamId>`). */
  readonly doc: string
  /** Position in the document's log, from 1. */
  readonly id: number
  /** The server's receive time, epoch ms; never earlier than the previous update's. */
  readonly at: number
  /** Scenario time, seconds. */
  readonly t: number
  /** Participant id, `facilitator`, or null for the server (a template). */
  readonly author: string | null
  /** The Yjs update (v1). */
  readonly update: Uint8Array
}

/** A document's whole state after its updates up to `uptoId`: loading starts here. */
export interface DocumentCheckpoint {
  readonly uptoId: number
  /** Wall time of update `uptoId`. */
  readonly at: number
  /** `Y.encodeStateAsUpdate` of the document. */
  readonly state: Uint8Array
}

/** A read-only replay link: the store keeps only a hash of its token (see replayLinks.ts). */
export interface ReplayLinkRecord {
  /** Names the link in the facilitator's list, without being its token. */
  readonly id: string
  readonly exerciseId: string
  /** SHA-256 of the token, hex. */
  readonly tokenHash: string
  /** Epoch ms. */
  readonly createdAt: number
}

export interface Store {
  /** Creates an exercise with its first events, in one transaction. */
  createExercise(record: ExerciseRecord, events: readonly HoldoverEvent[]): Promise<void>
  getExercise(id: string): Promise<ExerciseRecord | null>
  listExercises(): Promise<ExerciseRecord[]>
  /** Archives an exercise at `archivedAt` (epoch ms), or brings it back with null; false if none. */
  setArchived(id: string, archivedAt: number | null): Promise<boolean>
  /** Deletes an exercise with its codes, log and documents, in one transaction; false if none. */
  deleteExercise(id: string): Promise<boolean>
  /** Gives team `teamId` of an exercise the join code `code` in place of its old one, which stops opening it. */
  replaceJoinCode(exerciseId: string, teamId: string, code: string): Promise<void>
  /**
   * Marks whether an exercise's clock runs (its owner says so as it changes), so that a process
   * starting, or one finding the owner gone, loads only the exercises with something to run.
   */
  markLive(id: string, live: boolean): Promise<void>
  /** Ids of the exercises marked live. */
  liveExercises(): Promise<string[]>
  /** The exercise and team a join code opens, or null. */
  findJoinCode(code: string): Promise<{ exerciseId: string; teamId: string } | null>
  /** Keeps a new replay link. */
  createReplayLink(link: ReplayLinkRecord): Promise<void>
  /** An exercise's replay links, oldest first. */
  listReplayLinks(exerciseId: string): Promise<ReplayLinkRecord[]>
  /** The link whose token hashes to `tokenHash`, or null (revoked or never made). */
  findReplayLink(tokenHash: string): Promise<ReplayLinkRecord | null>
  /** Revokes the exercise's link named `id` or whose token hashes to `tokenHash`; false if none. */
  deleteReplayLink(exerciseId: string, idOrTokenHash: string): Promise<boolean>
  /**
   * Appends events (numbered after the log's last seq) in one transaction; resolves only once
   * they are durable. Rejects, appending nothing, when a seq is already taken, or with
   * StaleOwnerError when `fence` is lower than a fence an append of this exercise already used
   * (the writer lost its lease to a newer owner).
   */
  append(exerciseId: string, events: readonly HoldoverEvent[], fence?: number): Promise<void>
  /** Events with seq ≥ fromSeq, in order, at most `limit`. */
  readEvents(exerciseId: string, fromSeq?: number, limit?: number): Promise<HoldoverEvent[]>
  /**
   * Appends document updates (of any documents) in one transaction; resolves once durable. Each
   * is numbered after its document's last update, in the order given, whatever its `id` says:
   * processes that take updates for one document at once never collide.
   */
  appendDocumentUpdates(records: readonly DocumentUpdateRecord[]): Promise<void>
  /** A document's updates after `afterId`, in order; only those at or before `untilAt` when given. */
  readDocumentUpdates(
    exerciseId: string,
    doc: string,
    options?: { afterId?: number; untilAt?: number },
  ): Promise<DocumentUpdateRecord[]>
  /** The latest checkpoint of a document, or the latest taken at or before `atOrBefore`. */
  latestCheckpoint(
    exerciseId: string,
    doc: string,
    atOrBefore?: number,
  ): Promise<DocumentCheckpoint | null>
  saveCheckpoint(exerciseId: string, doc: string, checkpoint: DocumentCheckpoint): Promise<void>
  /** Names of the documents of an exercise that have any update. */
  listDocuments(exerciseId: string): Promise<string[]>
  /**
   * The installation's secret `name`: the one kept already, or else `proposed`, kept from now on.
   * Every process on one store so signs and checks with the same keys.
   */
  sharedSecret(name: string, proposed: string): Promise<string>
  close(): Promise<void>
}

/** An append refused because a newer owner of the exercise has written with a higher fence. */
export class StaleOwnerError extends Error {
  constructor(
    readonly exerciseId: string,
    readonly fence: number,
  ) {
    super(`exercise ${exerciseId}: fence ${fence} is stale; another process owns it now`)
    this.name = 'StaleOwnerError'
  }
}
