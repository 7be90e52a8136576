/**
 * The server the browser tests drive: the real one, built client included, on a fixed port with
 * a fresh data folder that is deleted again when Playwright stops it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../server/config'
import { startServer } from '../server/createServer'
import { E2E_ADMIN_TOKEN, E2E_PORT } from './constants'

const dataDir = mkdtempSync(path.join(tmpdir(), 'holdover-e2e-'))
const server = await startServer(
  loadConfig({
    PORT: String(E2E_PORT),
    HOST: '127.0.0.1',
    HOLDOVER_DATA_DIR: dataDir,
    HOLDOVER_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    HOLDOVER_CLIENT_DIR: 'dist/client',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  }),
)
console.log(`e2e server at ${server.url} (data in ${dataDir})`)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await server.close().catch(() => undefined)
  rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
