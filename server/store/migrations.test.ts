/** `npm run db:migrate` creates the PostgreSQL schema once, finds it up to date after, and refuses a newer one. */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from './migrations'
import { createTestSchema, postgresReachable, type TestSchema } from './testDatabase'

const run = promisify(execFile)
const available = await postgresReachable()

describe.skipIf(!available)('db:migrate', { timeout: 60_000 }, () => {
  let schema: TestSchema | undefined
  afterEach(async () => {
    await schema?.drop()
  })

  const migrate = (url: string) =>
    run(process.execPath, ['--import', 'tsx', 'server/cli/migrate.ts'], {
      env: { ...process.env, HOLDOVER_DATABASE_URL: url },
    }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        out: error.stdout + error.stderr,
      }),
    )

  it('creates the schema, then finds it up to date, and refuses a schema newer than it knows', async () => {
    schema = await createTestSchema()
    expect(await migrate(schema.url)).toEqual({
      code: 0,
      out: `The schema went from version 0 to ${MIGRATIONS.length}.\n`,
    })
    expect(await migrate(schema.url)).toEqual({
      code: 0,
      out: `The schema is up to date (version ${MIGRATIONS.length} of ${MIGRATIONS.length}).\n`,
    })
    const client = new pg.Client({ connectionString: schema.url })
    await client.connect()
    const tables = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
      [schema.name],
    )
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['events', 'exercises', 'document_updates', 'exercise_fences']),
    )
    await client.query('INSERT INTO holdover_schema (version, applied_at) VALUES ($1, 0)', [
      MIGRATIONS.length + 1,
    ])
    await client.end()
    const newer = await migrate(schema.url)
    expect(newer.code).toBe(1)
    expect(newer.out).toMatch(/newer than this Holdover knows .*upgrade Holdover/)
  })
})
