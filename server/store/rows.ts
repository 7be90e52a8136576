/** The rows both SQL stores read back, and the records they become (the tables are alike). */
import type {
  DocumentCheckpoint,
  DocumentUpdateRecord,
  ExerciseRecord,
  ReplayLinkRecord,
} from './Store'
import { EVALUATOR_SEAT } from './Store'

export interface UpdateRow {
  exercise_id: string
  doc: string
  id: number
  at: number
  t: number
  author: string | null
  data: Buffer
}

export interface ExerciseRow {
  id: string
  title: string
  scenario_id: string
  created_at: number
  archived_at: number | null
}

export interface CheckpointRow {
  upto_id: number
  at: number
  state: Buffer
}

export function updateOf(row: UpdateRow): DocumentUpdateRecord {
  return {
    exerciseId: row.exercise_id,
    doc: row.doc,
    id: row.id,
    at: row.at,
    t: row.t,
    author: row.author,
    update: new Uint8Array(row.data),
  }
}

export function checkpointOf(row: CheckpointRow | undefined): DocumentCheckpoint | null {
  return row ? { uptoId: row.upto_id, at: row.at, state: new Uint8Array(row.state) } : null
}

/** An exercise row with its join codes (in the order they were made), the evaluators' apart. */
export function exerciseOf(
  row: ExerciseRow,
  codes: readonly { code: string; team_id: string }[],
): ExerciseRecord {
  const evaluatorCode = codes.find((c) => c.team_id === EVALUATOR_SEAT)?.code ?? null
  const teamCodes = codes.filter((c) => c.team_id !== EVALUATOR_SEAT)
  return {
    id: row.id,
    title: row.title,
    scenarioId: row.scenario_id,
    createdAt: row.created_at,
    joinCodes: Object.fromEntries(teamCodes.map((c) => [c.team_id, c.code])),
    evaluatorCode,
    archivedAt: row.archived_at ?? null,
  }
}

export interface ReplayLinkRow {
  id: string
  exercise_id: string
  token_hash: string
  created_at: number
}

export function replayLinkOf(row: ReplayLinkRow): ReplayLinkRecord {
  return {
    id: row.id,
    exerciseId: row.exercise_id,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
  }
}
