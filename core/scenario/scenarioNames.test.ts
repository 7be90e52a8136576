import { describe, expect, it } from 'vitest'
import { scenarioNames } from './scenarioNames'
import { testScenario } from './testScenario'

describe('scenarioNames', () => {
  it('names teams, chain nodes, actions and attacks as the scenario calls them', () => {
    const names = scenarioNames(
      testScenario({
        chain: {
          nodes: [
            { id: 'utc-lab', label: 'National time lab', kind: 'reference' },
            {
              id: 'gm-n1',
              label: 'Grandmaster north 1',
              kind: 'ptp-grandmaster',
              sources: ['utc-lab'],
            },
          ],
        },
        actions: [{ id: 'isolate', teams: ['blue'], label: 'Isolate the server' }],
        attacks: [
          {
            id: 'jam',
            label: 'Jam the receivers',
            targets: ['gm-n1'],
            effect: { kind: 'force-holdover' },
          },
        ],
      }),
    )
    expect(names.team('blue')).toBe('Blue')
    expect(names.node('gm-n1')).toBe('Grandmaster north 1')
    expect(names.action('isolate')).toBe('Isolate the server')
    expect(names.attack('jam')).toBe('Jam the receivers')
  })

  it('shows an id it cannot name as itself, and works before the snapshot', () => {
    expect(scenarioNames(testScenario()).node('smallcells-city')).toBe('smallcells-city')
    expect(scenarioNames(null).team('red')).toBe('red')
  })
})
