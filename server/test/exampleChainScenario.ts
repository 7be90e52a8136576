/**
 * A scenarios directory holding one scenario on the example chain (core/twin/exampleChain.ts,
 * docs/twin.md), with red and five blue teams: what the server tests of the twin, its replay and
 * the report play on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { stringify } from 'yaml'
import { exampleAttacks, exampleChain } from '../../core/twin/exampleChain'

export const CHAIN_TEAMS = ['red', 'lab', 'telco', 'grid-ops', 'soc', 'trading']

export interface ChainScenarioDir {
  readonly dir: string
  readonly remove: () => void
}

/** Writes the scenario (`id`, `title`, planned `duration`) into a new temporary directory. */
export function exampleChainScenarioDir(scenario: {
  readonly id: string
  readonly title: string
  readonly duration: string
  /** A team's display name from its id (the id itself by default). */
  readonly teamName?: (teamId: string) => string
}): ChainScenarioDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'holdover-scenarios-'))
  const teamName = scenario.teamName ?? ((id: string) => id)
  writeFileSync(
    path.join(dir, `${scenario.id}.yaml`),
    stringify({
      id: scenario.id,
      title: scenario.title,
      summary: 'The example chain.',
      duration: scenario.duration,
      sources: ['docs/twin.md'],
      teams: CHAIN_TEAMS.map((id) => ({
        id,
        name: teamName(id),
        side: id === 'red' ? 'red' : 'blue',
      })),
      chain: exampleChain,
      attacks: exampleAttacks,
    }),
  )
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
