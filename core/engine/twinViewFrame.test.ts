import { describe, expect, it } from 'vitest'
import type { Audience } from '../protocol/viewer'
import { exampleChain } from '../twin/exampleChain'
import { twinPictureAt } from './twinView'
import { exampleTwinExercise, EXAMPLE_RED as red } from './twinViewExercise'
import { nextTwinFrame } from './twinViewFrame'

const facilitator: Audience = { role: 'facilitator' }
const telco: Audience = { role: 'team', teamId: 'telco' }
const jammed = () => exampleTwinExercise({ jammed: ['rcv-core-1'], pauseAtMs: 2000 })

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
    // Alerts only when what the team's alerts say changed (an offset alarm states its live offset).
    const alertsSaid = (t: number) => JSON.stringify(twinPictureAt(state, telco, t).alerts)
    expect('alerts' in after).toBe(alertsSaid(3600) !== alertsSaid(3601))
    const steady = nextTwinFrame(state, 'x', telco, 3601, before.basis, false)
    expect(nextTwinFrame(state, 'x', telco, 3601, steady.basis, false).frame).toBeNull()
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
