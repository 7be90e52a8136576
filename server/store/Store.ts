/** The store: exercises, their join codes and their event logs. SQLite by default (SqliteStore). */
import type { HoldoverEvent } from '../../core/protocol/events'

export interface ExerciseRecord {
  readonly id: string
  readonly title: string
  readonly scenarioId: string
  /** Epoch ms. */
  readonly createdAt: number
  /** Team id → join code. */
  readonly joinCodes: Readonly<Record<string, string>>
}

export interface Store {
  /** Creates an exercise with its first events, in one transaction. */
  createExercise(record: ExerciseRecord, events: readonly HoldoverEvent[]): Promise<void>
  getExercise(id: string): Promise<ExerciseRecord | null>
  listExercises(): Promise<ExerciseRecord[]>
  /** The exercise and team a join code opens, or null. */
  findJoinCode(code: string): Promise<{ exerciseId: string; teamId: string } | null>
  /**
   * Appends events (numbered after the log's last seq) in one transaction; resolves only once
   * they are durable. Rejects, appending nothing, when a seq is already taken.
   */
  append(exerciseId: string, events: readonly HoldoverEvent[]): Promise<void>
  /** Events with seq ≥ fromSeq, in order, at most `limit`. */
  readEvents(exerciseId: string, fromSeq?: number, limit?: number): Promise<HoldoverEvent[]>
  close(): Promise<void>
}
