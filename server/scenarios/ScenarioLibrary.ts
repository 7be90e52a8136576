/** The scenarios a facilitator can start, read from the scenario folder's YAML files. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { ScenarioProblem } from '../../core/scenario/parseScenario'
import { parseScenario } from '../../core/scenario/parseScenario'
import type { Scenario } from '../../core/scenario/schema'

export class ScenarioLibrary {
  private constructor(
    private readonly byId: ReadonlyMap<string, Scenario>,
    /** Files that failed validation; they are not offered. */
    readonly problems: readonly ScenarioProblem[],
  ) {}

  /** Loads every `*.yaml` / `*.yml` file of `dir`. */
  static load(dir: string): ScenarioLibrary {
    const byId = new Map<string, Scenario>()
    const problems: ScenarioProblem[] = []
    const files = readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
    for (const name of files) {
      const file = path.join(dir, name)
      const parsed = parseScenario(readFileSync(file, 'utf8'), file)
      if (!parsed.ok) {
        problems.push(...parsed.problems)
      } else if (byId.has(parsed.scenario.id)) {
        problems.push({
          file,
          line: 1,
          column: 1,
          path: 'id',
          message: `duplicate scenario id '${parsed.scenario.id}'`,
        })
      } else {
        byId.set(parsed.scenario.id, parsed.scenario)
      }
    }
    return new ScenarioLibrary(byId, problems)
  }

  get(id: string): Scenario | undefined {
    return this.byId.get(id)
  }

  list(): Scenario[] {
    return [...this.byId.values()]
  }
}
