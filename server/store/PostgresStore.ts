/**
 * The store on PostgreSQL, for several processes on one installation: the same interface as the
 * SQLite store; an append is acknowledged after its commit, and checks the writer's fence.
 */
import pg from 'pg'
import type { HoldoverEvent } from '../../core/protocol/events'
import { inTransaction, migrate } from './migrations'
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

/** bigint columns (epoch ms, fences) as numbers: every one of them is far below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

export class PostgresStore implements Store {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects to `url` and brings its schema up to date (`npm run db:migrate` does only that). */
  static async open(url: string, options: { max?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: TYPES })
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined)
    try {
      await migrate(pool)
    } catch (error) {
      await pool.end()
      throw error
    }
    return new PostgresStore(pool)
  }

  async createExercise(record: ExerciseRecord, events: readonly HoldoverEvent[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(
        'INSERT INTO exercises (id, title, scenario_id, created_at) VALUES ($1, $2, $3, $4)',
        [record.id, record.title, record.scenarioId, record.createdAt],
      )
      const codes = Object.entries(record.joinCodes)
      if (record.evaluatorCode) codes.push([EVALUATOR_SEAT, record.evaluatorCode])
      let position = 0
      for (const [teamId, code] of codes) {
        await client.query(
          'INSERT INTO join_codes (code, exercise_id, team_id, position) VALUES ($1, $2, $3, $4)',
          [code, record.id, teamId, position++],
        )
      }
      await insertEvents(client, record.id, events)
    })
  }

  async getExercise(id: string): Promise<ExerciseRecord | null> {
    const { rows } = await this.pool.query<ExerciseRow>('SELECT * FROM exercises WHERE id = $1', [
      id,
    ])
    return rows[0] ? this.toRecord(rows[0]) : null
  }

  async listExercises(): Promise<ExerciseRecord[]> {
    const { rows } = await this.pool.query<ExerciseRow>(
      'SELECT * FROM exercises ORDER BY created_at DESC, id',
    )
    return Promise.all(rows.map((row) => this.toRecord(row)))
  }

  async setArchived(id: string, archivedAt: number | null): Promise<boolean> {
    const result = await this.pool.query('UPDATE exercises SET archived_at = $1 WHERE id = $2', [
      archivedAt,
      id,
    ])
    return (result.rowCount ?? 0) > 0
  }

  async deleteExercise(id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      await client.query('DELETE FROM exercise_fences WHERE exercise_id = $1', [id])
      // Every other table refers to the exercise with ON DELETE CASCADE.
      const result = await client.query('DELETE FROM exercises WHERE id = $1', [id])
      return (result.rowCount ?? 0) > 0
    })
  }

  async replaceJoinCode(exerciseId: string, teamId: string, code: string): Promise<void> {
    // In place, so the team keeps its position among the codes.
    await this.pool.query(
      'UPDATE join_codes SET code = $1 WHERE exercise_id = $2 AND team_id = $3',
      [code, exerciseId, teamId],
    )
  }

  async markLive(id: string, live: boolean): Promise<void> {
    await this.pool.query('UPDATE exercises SET live = $1 WHERE id = $2', [live, id])
  }

  async liveExercises(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM exercises WHERE live ORDER BY id',
    )
    return rows.map((row) => row.id)
  }

  async findJoinCode(code: string): Promise<{ exerciseId: string; teamId: string } | null> {
    const { rows } = await this.pool.query<{ exercise_id: string; team_id: string }>(
      'SELECT exercise_id, team_id FROM join_codes WHERE code = $1',
      [code],
    )
    return rows[0] ? { exerciseId: rows[0].exercise_id, teamId: rows[0].team_id } : null
  }

  async createReplayLink(link: ReplayLinkRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO replay_links (id, exercise_id, token_hash, created_at) VALUES ($1, $2, $3, $4)',
      [link.id, link.exerciseId, link.tokenHash, link.createdAt],
    )
  }

  async listReplayLinks(exerciseId: string): Promise<ReplayLinkRecord[]> {
    const { rows } = await this.pool.query<ReplayLinkRow>(
      'SELECT * FROM replay_links WHERE exercise_id = $1 ORDER BY created_at, id',
      [exerciseId],
    )
    return rows.map(replayLinkOf)
  }

  async findReplayLink(tokenHash: string): Promise<ReplayLinkRecord | null> {
    const { rows } = await this.pool.query<ReplayLinkRow>(
      'SELECT * FROM replay_links WHERE token_hash = $1',
      [tokenHash],
    )
    return rows[0] ? replayLinkOf(rows[0]) : null
  }

  async deleteReplayLink(exerciseId: string, idOrTokenHash: string): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM replay_links WHERE exercise_id = $1 AND (id = $2 OR token_hash = $2)',
      [exerciseId, idOrTokenHash],
    )
    return (result.rowCount ?? 0) > 0
  }

  async append(
    exerciseId: string,
    events: readonly HoldoverEvent[],
    fence?: number,
  ): Promise<void> {
    if (events.length === 0) return
    const rows = [
      events.map((e) => e.seq),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e)),
    ]
    if (fence === undefined) {
      await this.pool.query(INSERT_EVENTS, [exerciseId, ...rows])
      return
    }
    // One statement, so one round trip and one commit: the fence is claimed (its row lock orders
    // concurrent appenders) and the events inserted only when no newer owner has written.
    const result = await this.pool.query(
      `WITH claimed AS (
         INSERT INTO exercise_fences (exercise_id, fence) VALUES ($1, $5)
         ON CONFLICT (exercise_id) DO UPDATE SET fence = EXCLUDED.fence
         WHERE exercise_fences.fence <= EXCLUDED.fence
         RETURNING 1
       )
       ${INSERT_EVENTS} WHERE EXISTS (SELECT 1 FROM claimed)`,
      [exerciseId, ...rows, fence],
    )
    if (result.rowCount === 0) throw new StaleOwnerError(exerciseId, fence)
  }

  async readEvents(exerciseId: string, fromSeq = 1, limit?: number): Promise<HoldoverEvent[]> {
    const { rows } = await this.pool.query<{ body: string }>(
      'SELECT body FROM events WHERE exercise_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3',
      [exerciseId, fromSeq, limit === undefined || limit < 0 ? null : limit],
    )
    return rows.map((row) => JSON.parse(row.body) as HoldoverEvent)
  }

  async appendDocumentUpdates(records: readonly DocumentUpdateRecord[]): Promise<void> {
    if (records.length === 0) return
    await this.transaction(async (client) => {
      const docs = [...new Map(records.map((r) => [`${r.exerciseId}\u0000${r.doc}`, r])).values()]
      // Each document's numbering is taken in turn (sorted, so two batches never deadlock).
      docs.sort((x, y) => (x.exerciseId + x.doc < y.exerciseId + y.doc ? -1 : 1))
      const next = new Map<string, number>()
      for (const r of docs) {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
          r.exerciseId,
          r.doc,
        ])
        const { rows } = await client.query<{ id: number }>(
          'SELECT coalesce(max(id), 0) AS id FROM document_updates WHERE exercise_id = $1 AND doc = $2',
          [r.exerciseId, r.doc],
        )
        next.set(`${r.exerciseId}\u0000${r.doc}`, rows[0]!.id)
      }
      const ids = records.map((r) => {
        const key = `${r.exerciseId}\u0000${r.doc}`
        const id = next.get(key)! + 1
        next.set(key, id)
        return id
      })
      // One statement for the batch: a room of people typing costs few round trips per commit.
      await client.query(
        `INSERT INTO document_updates (exercise_id, doc, id, at, t, author, data)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::float8[], $6::text[], $7::bytea[])`,
        [
          records.map((r) => r.exerciseId),
          records.map((r) => r.doc),
          ids,
          records.map((r) => r.at),
          records.map((r) => r.t),
          records.map((r) => r.author),
          records.map((r) => Buffer.from(r.update)),
        ],
      )
    })
  }

  async readDocumentUpdates(
    exerciseId: string,
    doc: string,
    options: { afterId?: number; untilAt?: number } = {},
  ): Promise<DocumentUpdateRecord[]> {
    const { rows } = await this.pool.query<UpdateRow>(
      'SELECT * FROM document_updates WHERE exercise_id = $1 AND doc = $2 AND id > $3 AND at <= $4 ORDER BY id',
      [exerciseId, doc, options.afterId ?? 0, options.untilAt ?? Number.MAX_SAFE_INTEGER],
    )
    return rows.map(updateOf)
  }

  async latestCheckpoint(
    exerciseId: string,
    doc: string,
    atOrBefore = Number.MAX_SAFE_INTEGER,
  ): Promise<DocumentCheckpoint | null> {
    const { rows } = await this.pool.query<CheckpointRow>(
      'SELECT upto_id, at, state FROM document_checkpoints WHERE exercise_id = $1 AND doc = $2 AND at <= $3 ORDER BY upto_id DESC LIMIT 1',
      [exerciseId, doc, atOrBefore],
    )
    const row = rows[0]
    return checkpointOf(row)
  }

  async saveCheckpoint(
    exerciseId: string,
    doc: string,
    checkpoint: DocumentCheckpoint,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO document_checkpoints (exercise_id, doc, upto_id, at, state) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (exercise_id, doc, upto_id) DO UPDATE SET at = EXCLUDED.at, state = EXCLUDED.state`,
      [exerciseId, doc, checkpoint.uptoId, checkpoint.at, Buffer.from(checkpoint.state)],
    )
  }

  async listDocuments(exerciseId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ doc: string }>(
      'SELECT DISTINCT doc FROM document_updates WHERE exercise_id = $1 ORDER BY doc',
      [exerciseId],
    )
    return rows.map((row) => row.doc)
  }

  async sharedSecret(name: string, proposed: string): Promise<string> {
    const { rows } = await this.pool.query<{ value: string }>(
      `INSERT INTO secrets (name, value) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET value = secrets.value RETURNING value`,
      [name, proposed],
    )
    return rows[0]!.value
  }

  async close(): Promise<void> {
    await this.pool.end()
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work)
  }

  private async toRecord(row: ExerciseRow): Promise<ExerciseRecord> {
    const { rows: codes } = await this.pool.query<{ code: string; team_id: string }>(
      'SELECT code, team_id FROM join_codes WHERE exercise_id = $1 ORDER BY position',
      [row.id],
    )
    return exerciseOf(row, codes)
  }
}

const INSERT_EVENTS = `INSERT INTO events (exercise_id, seq, type, body)
  SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`

async function insertEvents(
  client: pg.PoolClient,
  exerciseId: string,
  events: readonly HoldoverEvent[],
): Promise<void> {
  if (events.length === 0) return
  await client.query(INSERT_EVENTS, [
    exerciseId,
    events.map((e) => e.seq),
    events.map((e) => e.type),
    events.map((e) => JSON.stringify(e)),
  ])
}
