/** The embedded store: one SQLite file in WAL mode; an append is acknowledged after its commit. */
import Database from 'better-sqlite3'
import type { HoldoverEvent } from '../../core/protocol/events'
import type { CheckpointRow, ExerciseRow, ReplayLinkRow, UpdateRow } from './rows'
import { checkpointOf, exerciseOf, replayLinkOf, updateOf } from './rows'
import type {
  DocumentCheckpoint,
  DocumentUpdateRecord,
  ExerciseRecord,
  ReplayLinkRecord,
  Store,
} from './Store'
import { EVALUATOR_SEAT, StaleOwnerError } from './Store'

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
CREATE TABLE IF NOT EXISTS exercise_fences (
  exercise_id TEXT PRIMARY KEY,
  fence INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS replay_links (
  id TEXT PRIMARY KEY,
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS replay_links_exercise ON replay_links (exercise_id);
CREATE TABLE IF NOT EXISTS secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`

/** Opens (creating if needed) the SQLite store at `file`. */
export class SqliteStore implements Store {
  private readonly db: Database.Database
  private readonly insertEvent: Database.Statement<[string, number, string, string]>
  private readonly appendAll: (
    exerciseId: string,
    events: readonly HoldoverEvent[],
    fence?: number,
  ) => void
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
    // Every exercise of a folder from before counts as live once: the first start loads each,
    // and its room marks it as it really is.
    if (!columns.some((column) => column.name === 'live')) {
      this.db.exec('ALTER TABLE exercises ADD COLUMN live INTEGER NOT NULL DEFAULT 1')
    }
    this.insertEvent = this.db.prepare(
      'INSERT INTO events (exercise_id, seq, type, body) VALUES (?, ?, ?, ?)',
    )
    const claimFence = this.db.prepare(
      'INSERT INTO exercise_fences (exercise_id, fence) VALUES (?, ?) ON CONFLICT (exercise_id) DO UPDATE SET fence = excluded.fence WHERE fence <= excluded.fence',
    )
    this.appendAll = this.db.transaction(
      (exerciseId: string, events: readonly HoldoverEvent[], fence?: number) => {
        if (fence !== undefined && claimFence.run(exerciseId, fence).changes === 0) {
          throw new StaleOwnerError(exerciseId, fence)
        }
        for (const event of events) {
          this.insertEvent.run(exerciseId, event.seq, event.type, JSON.stringify(event))
        }
      },
    )
    const insertUpdate = this.db.prepare(
      'INSERT INTO document_updates (exercise_id, doc, id, at, t, author, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    const lastUpdateId = this.db.prepare(
      'SELECT coalesce(max(id), 0) AS id FROM document_updates WHERE exercise_id = ? AND doc = ?',
    )
    this.appendUpdates = this.db.transaction((records: readonly DocumentUpdateRecord[]) => {
      const next = new Map<string, number>()
      for (const r of records) {
        const key = `${r.exerciseId}\u0000${r.doc}`
        const id =
          (next.get(key) ?? (lastUpdateId.get(r.exerciseId, r.doc) as { id: number }).id) + 1
        next.set(key, id)
        insertUpdate.run(r.exerciseId, r.doc, id, r.at, r.t, r.author, r.update)
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
      for (const table of [
        'document_checkpoints',
        'document_updates',
        'events',
        'join_codes',
        'replay_links',
        'exercise_fences',
      ]) {
        this.db.prepare(`DELETE FROM ${table} WHERE exercise_id = ?`).run(id)
      }
      return this.db.prepare('DELETE FROM exercises WHERE id = ?').run(id).changes > 0
    })()
  }

  async replaceJoinCode(exerciseId: string, teamId: string, code: string): Promise<void> {
    // In place, so the team keeps its place in the list of codes.
    this.db
      .prepare('UPDATE join_codes SET code = ? WHERE exercise_id = ? AND team_id = ?')
      .run(code, exerciseId, teamId)
  }

  async markLive(id: string, live: boolean): Promise<void> {
    this.db.prepare('UPDATE exercises SET live = ? WHERE id = ?').run(live ? 1 : 0, id)
  }

  async liveExercises(): Promise<string[]> {
    const rows = this.db.prepare('SELECT id FROM exercises WHERE live = 1 ORDER BY id').all() as {
      id: string
    }[]
    return rows.map((row) => row.id)
  }

  async findJoinCode(code: string): Promise<{ exerciseId: string; teamId: string } | null> {
    const row = this.db
      .prepare('SELECT exercise_id, team_id FROM join_codes WHERE code = ?')
      .get(code) as { exercise_id: string; team_id: string } | undefined
    return row ? { exerciseId: row.exercise_id, teamId: row.team_id } : null
  }

  async createReplayLink(link: ReplayLinkRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO replay_links (id, exercise_id, token_hash, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(link.id, link.exerciseId, link.tokenHash, link.createdAt)
  }

  async listReplayLinks(exerciseId: string): Promise<ReplayLinkRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM replay_links WHERE exercise_id = ? ORDER BY created_at, id')
      .all(exerciseId) as ReplayLinkRow[]
    return rows.map(replayLinkOf)
  }

  async findReplayLink(tokenHash: string): Promise<ReplayLinkRecord | null> {
    const row = this.db.prepare('SELECT * FROM replay_links WHERE token_hash = ?').get(tokenHash) as
      | ReplayLinkRow
      | undefined
    return row ? replayLinkOf(row) : null
  }

  async deleteReplayLink(exerciseId: string, idOrTokenHash: string): Promise<boolean> {
    const result = this.db
      .prepare('DELETE FROM replay_links WHERE exercise_id = ? AND (id = ? OR token_hash = ?)')
      .run(exerciseId, idOrTokenHash, idOrTokenHash)
    return result.changes > 0
  }

  async append(
    exerciseId: string,
    events: readonly HoldoverEvent[],
    fence?: number,
  ): Promise<void> {
    if (events.length > 0) this.appendAll(exerciseId, events, fence)
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
    return rows.map(updateOf)
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
      .get(exerciseId, doc, atOrBefore) as CheckpointRow | undefined
    return checkpointOf(row)
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

  async sharedSecret(name: string, proposed: string): Promise<string> {
    this.db
      .prepare('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING')
      .run(name, proposed)
    const row = this.db.prepare('SELECT value FROM secrets WHERE name = ?').get(name) as {
      value: string
    }
    return row.value
  }

  async close(): Promise<void> {
    this.db.close()
  }

  private toRecord(row: ExerciseRow): ExerciseRecord {
    const codes = this.db
      .prepare('SELECT code, team_id FROM join_codes WHERE exercise_id = ? ORDER BY rowid')
      .all(row.id) as { code: string; team_id: string }[]
    return exerciseOf(row, codes)
  }
}
