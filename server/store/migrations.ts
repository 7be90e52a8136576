/**
 * The PostgreSQL schema, as numbered migrations: each runs once, in order, in one transaction,
 * under an advisory lock, so processes starting together upgrade the schema exactly once.
 */
import type { Pool, PoolClient } from 'pg'

/** Each entry upgrades the schema from version i to i + 1. Append only: never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE exercises (
    id text PRIMARY KEY,
    title text NOT NULL,
    scenario_id text NOT NULL,
    created_at bigint NOT NULL,
    archived_at bigint
  );
  CREATE TABLE join_codes (
    code text PRIMARY KEY,
    exercise_id text NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    team_id text NOT NULL,
    position integer NOT NULL
  );
  CREATE INDEX join_codes_exercise ON join_codes (exercise_id);
  CREATE TABLE events (
    exercise_id text NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    seq integer NOT NULL,
    type text NOT NULL,
    body text NOT NULL,
    PRIMARY KEY (exercise_id, seq)
  );
  CREATE TABLE document_updates (
    exercise_id text NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    doc text NOT NULL,
    id integer NOT NULL,
    at bigint NOT NULL,
    t double precision NOT NULL,
    author text,
    data bytea NOT NULL,
    PRIMARY KEY (exercise_id, doc, id)
  );
  CREATE TABLE document_checkpoints (
    exercise_id text NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    doc text NOT NULL,
    upto_id integer NOT NULL,
    at bigint NOT NULL,
    state bytea NOT NULL,
    PRIMARY KEY (exercise_id, doc, upto_id)
  );
  CREATE TABLE keyframes (
    exercise_id text NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    seq integer NOT NULL,
    state text NOT NULL,
    PRIMARY KEY (exercise_id, seq)
  );
  CREATE TABLE exercise_fences (
    exercise_id text PRIMARY KEY,
    fence bigint NOT NULL
  );
  CREATE TABLE secrets (
    name text PRIMARY KEY,
    value text NOT NULL
  );
  `,
  // Whether an exercise's clock runs: what a starting process loads. Existing ones count as live
  // once; their rooms mark them as they are.
  `
  ALTER TABLE exercises ADD COLUMN live boolean NOT NULL DEFAULT true;
  `,
  // Read-only replay links: only a hash of each token is kept.
  `
  CREATE TABLE replay_links (
    id text PRIMARY KEY,
    exercise_id text NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE,
    created_at bigint NOT NULL
  );
  CREATE INDEX replay_links_exercise ON replay_links (exercise_id);
  `,
]

/** Any constant: the advisory lock that keeps two processes from migrating at once. */
const MIGRATION_LOCK = 4_201_311

/** Brings the schema of the pool's search path up to the latest version; returns [from, to]. */
export function migrate(pool: Pool): Promise<{ from: number; to: number }> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(
      'CREATE TABLE IF NOT EXISTS holdover_schema (version integer NOT NULL, applied_at bigint NOT NULL)',
    )
    const from = await currentVersion(client)
    for (let version = from; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version]!)
      await client.query('INSERT INTO holdover_schema (version, applied_at) VALUES ($1, $2)', [
        version + 1,
        Date.now(),
      ])
    }
    return { from, to: Math.max(from, MIGRATIONS.length) }
  })
}

/** Runs `work` in one transaction on a connection of `pool`: committed when it resolves, else rolled back. */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

async function currentVersion(client: PoolClient): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM holdover_schema',
  )
  const version = result.rows[0]?.version ?? 0
  if (version > MIGRATIONS.length) {
    throw new Error(
      `The database schema is at version ${version}, newer than this Holdover knows (${MIGRATIONS.length}): upgrade Holdover.`,
    )
  }
  return version
}
