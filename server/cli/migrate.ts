/** `npm run db:migrate`: creates or upgrades the PostgreSQL schema of HOLDOVER_DATABASE_URL. */
import pg from 'pg'
import { loadConfigOrExit } from '../config'
import { MIGRATIONS, migrate } from '../store/migrations'

const config = loadConfigOrExit()
if (!config.databaseUrl) {
  console.log(
    'HOLDOVER_DATABASE_URL is not set: the embedded SQLite store keeps its schema up to date by itself.',
  )
  process.exit(0)
}
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 })
try {
  const { from, to } = await migrate(pool)
  console.log(
    from === to
      ? `The schema is up to date (version ${to} of ${MIGRATIONS.length}).`
      : `The schema went from version ${from} to ${to}.`,
  )
} catch (error) {
  console.error(`The schema could not be migrated: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await pool.end()
}
