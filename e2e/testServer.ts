/**
 * The server the browser tests drive: the real one, built client included, on a fixed port with
 * a fresh data folder that is deleted again when Playwright stops it. Its scenarios are the
 * shipped ones plus the twin's example chain (a stable chain for the timing-chain tests).
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { stringify } from 'yaml'
import { exampleAttacks, exampleChain } from '../core/twin/exampleChain'
import { loadConfig } from '../server/config'
import { startServer } from '../server/createServer'
import { E2E_ADMIN_TOKEN, E2E_PORT, TWIN_SCENARIO, TWIN_TEAMS } from './constants'

const dataDir = mkdtempSync(path.join(tmpdir(), 'holdover-e2e-'))
const scenariosDir = mkdtempSync(path.join(tmpdir(), 'holdover-e2e-scenarios-'))
for (const name of readdirSync('scenarios').filter((file) => /\.ya?ml$/.test(file))) {
  copyFileSync(path.join('scenarios', name), path.join(scenariosDir, name))
}
writeFileSync(
  path.join(scenariosDir, `${TWIN_SCENARIO}.yaml`),
  stringify({
    id: TWIN_SCENARIO,
    title: 'Twin: the example chain',
    summary: 'The twin’s example chain, for the browser tests of the timing-chain panels.',
    duration: 'T+12:00',
    sources: ['docs/twin.md'],
    teams: Object.entries(TWIN_TEAMS).map(([id, name]) => ({
      id,
      name,
      side: id === 'red' ? 'red' : 'blue',
    })),
    actions: [
      {
        id: 'gm-holdover',
        teams: ['telco'],
        label: 'Put a grandmaster into holdover',
        description: 'Stop it following its GNSS receiver; it runs on its oscillator.',
        effects: [{ kind: 'force-holdover' }],
        targets: ['gm-1', 'bc-1'],
      },
    ],
    chain: exampleChain,
    attacks: exampleAttacks,
  }),
)

const server = await startServer(
  loadConfig({
    PORT: String(E2E_PORT),
    HOST: '127.0.0.1',
    HOLDOVER_DATA_DIR: dataDir,
    HOLDOVER_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    HOLDOVER_CLIENT_DIR: 'dist/client',
    HOLDOVER_SCENARIOS_DIR: scenariosDir,
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
  rmSync(scenariosDir, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
