/** A scenario built in code for tests: teams red and blue, injects as given. */
import type { Scenario } from './schema'
import { scenarioSchema } from './schema'

/** Validates a scenario from the given parts, with defaults for the rest. */
export function testScenario(parts: Record<string, unknown> = {}): Scenario {
  return scenarioSchema.parse({
    id: 'test',
    title: 'Test scenario',
    summary: 'For tests.',
    duration: 'T+10:00',
    sources: ['none'],
    teams: [
      { id: 'red', name: 'Red', side: 'red' },
      { id: 'blue', name: 'Blue', side: 'blue' },
    ],
    ...parts,
  })
}
