/**
 * For tests on PostgreSQL: a schema of its own per test run on the developers' and CI's server
 * (HOLDOVER_TEST_DATABASE_URL, by default postgres://postgres@127.0.0.1:5432/test), dropped after.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export const TEST_DATABASE_URL =
  process.env.HOLDOVER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Whether the test PostgreSQL answers; on CI it must, so there a missing server fails the run. */
export async function postgresReachable(): Promise<boolean> {
  if (process.env.CI) return true
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 2000,
  })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

export interface TestSchema {
  /** A database URL whose connections use this schema only. */
  readonly url: string
  readonly name: string
  drop(): Promise<void>
}

/** Creates an empty schema; its URL sets the search path, so the store's tables land in it. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `holdover_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  try {
    await admin.query(`CREATE SCHEMA ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(TEST_DATABASE_URL)
  url.searchParams.set('options', `-c search_path=${name}`)
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await client.connect()
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`)
      } finally {
        await client.end()
      }
    },
  }
}
