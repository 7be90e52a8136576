/** A scenario on a large example chain, written to a folder a test server loads, and joins to it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { stringify } from 'yaml'
import { exampleAttacks, scaledExampleChain } from '../../../core/twin/exampleChain'
import { startTestServer, type TestServer } from '../startTestServer'

export const TEAMS = ['red', 'lab', 'telco', 'grid-ops', 'soc', 'trading'] as const
/** Copies of the example site: telco then monitors more than 50 nodes, the most one read names. */
const SITES = 14
export const HOSTILE_CHAIN = scaledExampleChain(SITES)

/** Writes the scenario into a new folder; `remove` deletes it. */
export function writeTwinScenario(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'holdover-hostile-'))
  writeFileSync(
    path.join(dir, 'hostile.yaml'),
    stringify({
      id: 'hostile-twin',
      title: 'Hostile twin',
      summary: 'The example chain, many sites.',
      duration: 'T+12:00',
      sources: ['docs/twin.md'],
      teams: TEAMS.map((id) => ({ id, name: id, side: id === 'red' ? 'red' : 'blue' })),
      chain: HOSTILE_CHAIN,
      attacks: exampleAttacks,
    }),
  )
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Registers hooks: the scenario written once, a fresh server on it per test; returns the server. */
export function serveTwinScenario(): () => TestServer {
  let scenarios: ReturnType<typeof writeTwinScenario>
  let server: TestServer | undefined
  beforeAll(() => {
    scenarios = writeTwinScenario()
  })
  afterAll(() => scenarios.remove())
  beforeEach(async () => {
    server = await startTestServer({ scenariosDir: scenarios.dir })
  })
  afterEach(async () => {
    await server?.destroy()
  })
  return () => {
    if (!server) throw new Error('no test server: call inside a test')
    return server
  }
}

/** Creates an exercise of the scenario and joins one participant to each of `teams`. */
export async function createTwinExercise(server: TestServer, teams: readonly string[]) {
  const created = await server.http<{ id: string; joinCodes: Record<string, string> }>(
    'POST',
    '/api/exercises',
    { scenarioId: 'hostile-twin' },
  )
  const tokens: Record<string, string> = {}
  for (const teamId of teams) {
    const joined = await server.http<{ token: string }>(
      'POST',
      '/api/join',
      { code: created.body.joinCodes[teamId], name: `${teamId} player` },
      null,
    )
    tokens[teamId] = joined.body.token
  }
  return { exerciseId: created.body.id, tokens }
}

const telcoNodes = HOSTILE_CHAIN.nodes.filter((node) => node.monitoredBy.includes('telco'))
const measures = (node: (typeof telcoNodes)[number]) =>
  node.monitoring.some((monitor) => monitor.observable.startsWith('offset-'))

/** 50 node ids telco monitors, those whose offsets it measures first: its costliest read. */
export const TELCO_PLOTTED = [
  ...telcoNodes.filter(measures),
  ...telcoNodes.filter((node) => !measures(node)),
]
  .map((node) => node.id)
  .slice(0, 50)
