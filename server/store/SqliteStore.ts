/** The embedded store: one SQLite file in WAL mode; an append is acknowledged after its commit. */
import Database from 'better-sqlite3'
import type { HoldoverEvent } from '../../core/protocol/events'
import type { DocumentCheckpoint, DocumentUpdateRecord, ExerciseRecord, Store } from './Store'
import { EVALUATOR_SEAT } from './Store'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS exercises (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS join_codes (
  code TEXT PRIMARY KEY,
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  team_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (exercise_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS document_updates (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  doc TEXT NOT NULL,
  id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  t REAL NOT NULL,
  author TEXT,
  data BLOB NOT NULL,
  PRIMARY KEY (exercise_id, doc, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS document_checkpoints (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  doc TEXT NOT NULL,
  upto_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (exercise_id, doc, upto_id)
) WITHOUT ROWID;
`

interface UpdateRow {
  exercise_id: string
  doc: string
  id: number
  at: number
  t: number
  author: string | null
  data: Buffer
}

interface ExerciseRow {
  id: string
  title: string
  scenario_id: string
  created_at: number
  archived_at: number | null
}

/** Opens (creating if needed) the SQLite store at `file`. */
export class SqliteStore implements Store {
  private readonly db: Database.Database
  private readonly insertEvent: Database.Statement<[string, number, string, string]>
  private readonly appendAll: (exerciseId: string, events: readonly HoldoverEvent[]) => void
  private readonly appendUpdates: (records: readonly DocumentUpdateRecord[]) => void

  constructor(file: string) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    // FULL: a commit survives a power cut, not only a killed process; the ack promises durability.
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    this.db.exec(SCHEMA)
    // Added after the first release: a data folder from before gains the column on open.
    const columns = this.db.prepare('PRAGMA table_info(exercises)').all() as { name: string }[]
    if (!columns.some((column) => column.name === 'archived_at')) {
      this.db.exec('ALTER TABLE exercises ADD COLUMN archived_at INTEGER')
    }
    this.insertEvent = this.db.prepare(
      'INSERT INTO events (exercise_id, seq, type, body) VALUES (?, ?, ?, ?)',
    )
    this.appendAll = this.db.transaction((exerciseId: string, events: readonly HoldoverEvent[]) => {
      for (const event of events) {
        this.insertEvent.run(exerciseId, event.seq, event.type, JSON.stringify(event))
      }
    })
    const insertUpdate = this.db.prepare(
      'INSERT INTO document_updates (exercise_id, doc, id, at, t, author, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    this.appendUpdates = this.db.transaction((records: readonly DocumentUpdateRecord[]) => {
      for (const r of records) {
        insertUpdate.run(r.exerciseId, r.doc, r.id, r.at, r.t, r.author, r.update)
      }
    })
  }

  async createExercise(record: ExerciseRecord, events: readonly HoldoverEvent[]): Promise<void> {
    const insertExercise = this.db.prepare(
      'INSERT INTO exercises (id, title, scenario_id, created_at) VALUES (?, ?, ?, ?)',
    )
    const insertCode = this.db.prepare(
      'INSERT INTO join_codes (code, exercise_id, team_id) VALUES (?, ?, ?)',
    )
    this.db.transaction(() => {
      insertExercise.run(record.id, record.title, record.scenarioId, record.createdAt)
      for (const [teamId, code] of Object.entries(record.joinCodes)) {
        insertCode.run(code, record.id, teamId)
      }
      if (record.evaluatorCode) insertCode.run(record.evaluatorCode, record.id, EVALUATOR_SEAT)
      this.appendAll(record.id, events)
    })()
  }

  async getExercise(id: string): Promise<ExerciseRecord | null> {
    const row = this.db.prepare('SELECT * FROM exercises WHERE id = ?').get(id) as
      | ExerciseRow
      | undefined
    return row ? this.toRecord(row) : null
  }

  async listExercises(): Promise<ExerciseRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM exercises ORDER BY created_at DESC, id')
      .all() as ExerciseRow[]
    return rows.map((row) => this.toRecord(row))
  }

  async setArchived(id: string, archivedAt: number | null): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE exercises SET archived_at = ? WHERE id = ?')
      .run(archivedAt, id)
    return result.changes > 0
  }

  async deleteExercise(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      // Children first: every other table refers to the exercise.
      for (const table of ['document_checkpoints', 'document_updates', 'events', 'join_codes']) {
        this.db.prepare(`DELETE FROM ${table} WHERE exercise_id = ?`).run(id)
      }
      return this.db.prepare('DELETE FROM exercises WHERE id = ?').run(id).changes > 0
    })()
  }

  async replaceJoinCode(exerciseId: string, teamId: string, code: string): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM join_codes WHERE exercise_id = ? AND team_id = ?')
        .run(exerciseId, teamId)
      this.db
        .prepare('INSERT INTO join_codes (code, exercise_id, team_id) VALUES (?, ?, ?)')
        .run(code, exerciseId, teamId)
    })()
  }

  async findJoinCode(code: string): Promise<{ exerciseId: string; teamId: string } | null> {
    const row = this.db
      .prepare('SELECT exercise_id, team_id FROM join_codes WHERE code = ?')
      .get(code) as { exercise_id: string; team_id: string } | undefined
    return row ? { exerciseId: row.exercise_id, teamId: row.team_id } : null
  }

  async append(exerciseId: string, events: readonly HoldoverEvent[]): Promise<void> {
    if (events.length > 0) this.appendAll(exerciseId, events)
  }

  async readEvents(exerciseId: string, fromSeq = 1, limit = -1): Promise<HoldoverEvent[]> {
    const rows = this.db
      .prepare('SELECT body FROM events WHERE exercise_id = ? AND seq >= ? ORDER BY seq LIMIT ?')
      .all(exerciseId, fromSeq, limit) as { body: string }[]
    return rows.map((row) => JSON.parse(row.body) as HoldoverEvent)
  }

  async appendDocumentUpdates(records: readonly DocumentUpdateRecord[]): Promise<void> {
    if (records.length > 0) this.appendUpdates(records)
  }

  async readDocumentUpdates(
    exerciseId: string,
    doc: string,
    options: { afterId?: number; untilAt?: number } = {},
  ): Promise<DocumentUpdateRecord[]> {
    const rows = this.db
      .prepare(
        'SELECT * FROM document_updates WHERE exercise_id = ? AND doc = ? AND id > ? AND at <= ? ORDER BY id',
      )
      .all(
        exerciseId,
        doc,
        options.afterId ?? 0,
        options.untilAt ?? Number.MAX_SAFE_INTEGER,
      ) as UpdateRow[]
    return rows.map((row) => ({
      exerciseId: row.exercise_id,
      doc: row.doc,
      id: row.id,
      at: row.at,
      t: row.t,
      author: row.author,
      update: new Uint8Array(row.data),
    }))
  }

  async latestCheckpoint(
    exerciseId: string,
    doc: string,
    atOrBefore = Number.MAX_SAFE_INTEGER,
  ): Promise<DocumentCheckpoint | null> {
    const row = this.db
      .prepare(
        'SELECT upto_id, at, state FROM document_checkpoints WHERE exercise_id = ? AND doc = ? AND at <= ? ORDER BY upto_id DESC LIMIT 1',
      )
      .get(exerciseId, doc, atOrBefore) as
      | { upto_id: number; at: number; state: Buffer }
      | undefined
    return row ? { uptoId: row.upto_id, at: row.at, state: new Uint8Array(row.state) } : null
  }

  async saveCheckpoint(
    exerciseId: string,
    doc: string,
    checkpoint: DocumentCheckpoint,
  ): Promise<void> {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO document_checkpoints (exercise_id, doc, upto_id, at, state) VALUES (?, ?, ?, ?, ?)',
      )
      .run(exerciseId, doc, checkpoint.uptoId, checkpoint.at, checkpoint.state)
  }

  async listDocuments(exerciseId: string): Promise<string[]> {
    const rows = this.db
      .prepare('SELECT DISTINCT doc FROM document_updates WHERE exercise_id = ? ORDER BY doc')
      .all(exerciseId) as { doc: string }[]
    return rows.map((row) => row.doc)
  }

  async close(): Promise<void> {
    this.db.close()
  }

  private toRecord(row: ExerciseRow): ExerciseRecord {
    const codes = this.db
      .prepare('SELECT code, team_id FROM join_codes WHERE exercise_id = ? ORDER BY rowid')
      .all(row.id) as { code: string; team_id: string }[]
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
}
