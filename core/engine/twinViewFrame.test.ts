import { describe, expect, it } from 'vitest'
import { exampleAttacks, exampleChain } from '../twin/exampleChain'
import type { Audience, Viewer } from '../visibility/viewer'
import { LocalExercise } from './LocalExercise'
import { testScenario } from './testScenario'
import { twinPictureAt } from './twinView'
import { nextTwinFrame } from './twinViewFrame'

const TEAMS = ['red', 'lab', 'telco', 'grid-ops', 'soc', 'trading']
const red: Viewer = { role: 'participant', participantId: 'r1', teamId: 'red', side: 'red' }
const facilitator: Audience = { role: 'facilitator' }
const telco: Audience = { role: 'team', teamId: 'telco' }

function jammed() {
  const exercise = new LocalExercise(
    testScenario({
      teams: TEAMS.map((id) => ({ id, name: id, side: id === 'red' ? 'red' : 'blue' })),
      chain: exampleChain,
      attacks: exampleAttacks,
    }),
    0,
  )
  exercise.execute({ type: 'clock.start' }, 0)
  exercise.execute({ type: 'attack.launch', attackId: 'jam-core', target: 'rcv-core-1' }, 1000, red)
  exercise.execute({ type: 'clock.pause' }, 2000)
  return exercise
}

describe('twin frames', () => {
  it('starts full, then carries only what changed, and nothing at the same moment with the same effects', () => {
    const state = jammed().state
    const first = nextTwinFrame(state, 'x', facilitator, 3600, null, false)
    expect(first.frame).toMatchObject({
      exerciseId: 'x',
      audience: 'facilitator',
      t: 3600,
      full: true,
    })
    expect(first.frame?.nodes).toHaveLength(exampleChain.nodes.length)
    expect(nextTwinFrame(state, 'x', facilitator, 3600, first.basis, false).frame).toBeNull()

    const before = nextTwinFrame(state, 'x', telco, 3600, null, false)
    const after = nextTwinFrame(state, 'x', telco, 3601, before.basis, false).frame!
    const everything = twinPictureAt(state, telco, 3601).observations
    expect(after.full).toBe(false)
    expect(after.observations.length).toBeGreaterThan(0)
    expect(after.observations.length).toBeLessThan(everything.length)
    // What it carries is what the team sees at that moment.
    for (const seen of after.observations) expect(everything).toContainEqual(seen)
    // Alerts only when the set changed.
    expect('alerts' in after).toBe(false)
  })

  it('tells red nothing when effects it cannot observe change at the same moment', () => {
    const exercise = jammed()
    const redTeam: Audience = { role: 'team', teamId: 'red' }
    const t = 2
    const seen = nextTwinFrame(exercise.state, 'x', redTeam, t, null, false)
    exercise.execute(
      { type: 'attack.launch', attackId: 'jam-core', target: 'rcv-core-2' },
      2000,
      red,
    )
    expect(nextTwinFrame(exercise.state, 'x', redTeam, t, seen.basis, false).frame).toBeNull()
    // The facilitator is told, at the same moment.
    const truth = nextTwinFrame(exercise.state, 'x', facilitator, t, null, false).basis
    exercise.execute({ type: 'attack.launch', attackId: 'jam-core', target: 'rcv-cell' }, 2000, red)
    const changed = nextTwinFrame(exercise.state, 'x', facilitator, t, truth, false).frame
    expect(changed?.nodes?.some((node) => node.id === 'rcv-cell')).toBe(true)
  })
})
