/**
 * An exercise of the example chain for twin-read tests and benchmarks: six teams (red and five
 * blue), the clock started at wall time 0 and red jamming the given receivers a second in.
 */
import type { Viewer } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import type { Chain } from '../twin/chainShape'
import { exampleAttacks, exampleChain } from '../twin/exampleChain'
import { LocalExercise } from './LocalExercise'

export const EXAMPLE_TEAMS = ['red', 'lab', 'telco', 'grid-ops', 'soc', 'trading'] as const

/** Red's participant in the example exercise. */
export const EXAMPLE_RED: Viewer = {
  role: 'participant',
  participantId: 'r1',
  teamId: 'red',
  side: 'red',
}

/** The exercise; `pauseAtMs` pauses its clock at that wall time (after the jamming). */
export function exampleTwinExercise(
  options: { chain?: Chain; jammed?: readonly string[]; pauseAtMs?: number } = {},
): LocalExercise {
  const exercise = new LocalExercise(
    testScenario({
      teams: EXAMPLE_TEAMS.map((id) => ({ id, name: id, side: id === 'red' ? 'red' : 'blue' })),
      chain: options.chain ?? exampleChain,
      attacks: exampleAttacks,
    }),
    0,
  )
  exercise.execute({ type: 'clock.start' }, 0)
  for (const target of options.jammed ?? []) {
    exercise.execute({ type: 'attack.launch', attackId: 'jam-core', target }, 1000, EXAMPLE_RED)
  }
  if (options.pauseAtMs !== undefined) exercise.execute({ type: 'clock.pause' }, options.pauseAtMs)
  return exercise
}
