import { describe, expect, it } from 'vitest'
import { testScenario } from '../scenario/testScenario'
import { viewState } from '../visibility/viewState'
import { foldVisible } from './foldVisible'
import { LocalExercise } from './LocalExercise'

const NOW = 1_800_000_000_000

/** Dana joins the SOC, moves to the NOC, then to OT, and is removed there. */
function moved() {
  const exercise = new LocalExercise(
    testScenario({
      teams: [
        { id: 'red', name: 'Red', side: 'red' },
        { id: 'soc', name: 'SOC', side: 'blue' },
        { id: 'noc', name: 'NOC', side: 'blue' },
        { id: 'ot', name: 'OT', side: 'blue' },
      ],
    }),
    NOW,
  )
  exercise.join('p-dana', 'soc', 'Dana', NOW + 1)
  exercise.execute({ type: 'participant.move', participantId: 'p-dana', teamId: 'noc' }, NOW + 2)
  exercise.execute({ type: 'participant.move', participantId: 'p-dana', teamId: 'ot' }, NOW + 3)
  exercise.execute({ type: 'participant.remove', participantId: 'p-dana' }, NOW + 4)
  return exercise
}

describe('viewState', () => {
  const exercise = moved()
  const seenBy = (teamId: string) => viewState(exercise.state, { role: 'team', teamId })

  it('shows a team someone who left it as it last saw them, and their removal only where it happened', () => {
    expect(seenBy('soc').participants['p-dana']).toMatchObject({
      teamId: 'noc',
      joinedAt: NOW + 1,
      movedAt: NOW + 2,
    })
    expect(seenBy('soc').participants['p-dana']?.removedAt).toBeUndefined()
    expect(seenBy('noc').participants['p-dana']).toMatchObject({
      teamId: 'ot',
      joinedAt: NOW + 2,
      movedAt: NOW + 3,
    })
    expect(seenBy('ot').participants['p-dana']).toMatchObject({
      teamId: 'ot',
      joinedAt: NOW + 3,
      removedAt: NOW + 4,
    })
    expect(seenBy('red').participants).toEqual({})
  })

  it('agrees with the fold of what each team saw', () => {
    for (const teamId of ['red', 'soc', 'noc', 'ot']) {
      const audience = { role: 'team', teamId } as const
      expect(seenBy(teamId)).toEqual({
        ...foldVisible(exercise.log, audience),
        seq: exercise.log.length,
      })
    }
  })

  it('keeps the seed and the white cell’s records from a team', () => {
    const soc = seenBy('soc')
    expect(soc.seed).toBe(0)
    expect(soc.scenario?.injects).toEqual([])
    expect(soc.evaluators).toEqual({})
    expect(soc.effects).toEqual([])
  })
})
