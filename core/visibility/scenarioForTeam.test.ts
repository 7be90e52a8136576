import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../scenario/parseScenario'
import type { Scenario } from '../scenario/schema'
import { testScenario } from '../scenario/testScenario'
import { scenarioForTeam } from './scenarioForTeam'

function drill(): Scenario {
  const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
  if (!parsed.ok) throw new Error('the drill scenario does not parse')
  return parsed.scenario
}

const nodeIds = (scenario: Scenario) => (scenario.chain?.nodes ?? []).map((node) => node.id)

const teams = [
  { id: 'red', name: 'Red cell', side: 'red' },
  { id: 'soc', name: 'Harrowgate SOC', side: 'blue' },
  { id: 'ot', name: 'OT engineering', side: 'blue' },
  { id: 'observers', name: 'Observers', side: 'observer' },
]

describe("fog of war: the white cell's material", () => {
  const scenario = drill()

  it("gives no team the MSEL, the objectives, the guide or the clock plan's holds", () => {
    for (const team of scenario.teams) {
      const seen = scenarioForTeam(scenario, team.id)
      expect(seen.injects, team.id).toEqual([])
      expect(seen.decisions, team.id).toEqual([])
      expect(seen.objectives, team.id).toEqual([])
      expect(seen.clockPlan, team.id).toEqual([])
      expect(seen.facilitatorGuide, team.id).toBe('')
    }
  })

  it("keeps a team's own briefing and blanks every other team's", () => {
    const seen = scenarioForTeam(scenario, 'soc')
    for (const team of seen.teams) {
      const briefing = scenario.teams.find((original) => original.id === team.id)?.briefing
      expect(team.briefing, team.id).toBe(team.id === 'soc' ? briefing : '')
    }
  })

  it("gives a team its own actions only: red never sees blue's mitigations", () => {
    expect(scenarioForTeam(scenario, 'red').actions).toEqual([])
    const ot = scenarioForTeam(scenario, 'ot').actions
    expect(ot.map((action) => action.id)).toEqual(['ot-holdover'])
  })
})

describe('fog of war: the chain', () => {
  const scenario = drill()

  it('shows a blue team the nodes it monitors or acts on, and who monitors them only for itself', () => {
    const seen = scenarioForTeam(scenario, 'soc')
    const monitored = (scenario.chain?.nodes ?? []).filter((node) =>
      node.monitoredBy.includes('soc'),
    )
    const actedOn = scenario.actions
      .filter((action) => action.teams.includes('soc'))
      .flatMap((action) => action.targets)
    expect(new Set(nodeIds(seen))).toEqual(
      new Set([...monitored.map((node) => node.id), ...actedOn]),
    )
    for (const node of seen.chain?.nodes ?? []) {
      expect(['[]', '["soc"]']).toContain(JSON.stringify(node.monitoredBy))
      for (const source of node.sources) expect(nodeIds(seen)).toContain(source)
    }
  })

  it("shows red its attacks' targets, and not the words blue's monitoring will raise", () => {
    const seen = scenarioForTeam(scenario, 'red')
    const targets = scenario.attacks.flatMap((attack) => attack.targets)
    expect(new Set(nodeIds(seen))).toEqual(new Set(targets))
    for (const node of seen.chain?.nodes ?? []) expect(node.monitoring).toEqual([])
    for (const attack of seen.attacks) expect(attack.noise.alerts).toEqual([])
  })

  it('shows observers no chain and no attack catalogue', () => {
    const seen = scenarioForTeam(scenario, 'observers')
    expect(seen.chain).toBeUndefined()
    expect(seen.attacks).toEqual([])
  })
})

describe('fog of war: notebook templates', () => {
  const scenario = testScenario({
    teams,
    notebooks: {
      red: '# Red plan\n\nJam the Crosshaven receiver at T+00:40',
      soc: '# SOC log\n\nWatch ntp1.corp against GNSS',
      ot: '# OT log\n\nPMU phase angles',
    },
  })

  it("gives red only red's template, never a blue team's", () => {
    const seen = JSON.stringify(scenarioForTeam(scenario, 'red'))
    expect(scenarioForTeam(scenario, 'red').notebooks).toEqual({ red: scenario.notebooks.red })
    expect(seen).not.toContain('Watch ntp1.corp')
    expect(seen).not.toContain('PMU phase angles')
  })

  it("gives a blue team only its own template, neither red's nor the other blue team's", () => {
    const seen = JSON.stringify(scenarioForTeam(scenario, 'soc'))
    expect(scenarioForTeam(scenario, 'soc').notebooks).toEqual({ soc: scenario.notebooks.soc })
    expect(seen).not.toContain('Jam the Crosshaven')
    expect(seen).not.toContain('PMU phase angles')
  })

  it('gives a team without a template of its own none at all', () => {
    expect(scenarioForTeam(scenario, 'observers').notebooks).toEqual({})
  })
})
