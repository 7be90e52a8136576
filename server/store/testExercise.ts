/** For tests of the store's users: an exercise of the engine's test scenario, written straight to a store. */
import { testScenario } from '../../core/scenario/testScenario'
import type { Store } from './Store'

/** Creates exercise `id` (teams red and blue) with its first event. */
export async function createTestExercise(store: Store, id = 'ex', title = 'Test'): Promise<void> {
  const scenario = testScenario()
  await store.createExercise({ id, title, scenarioId: scenario.id, createdAt: 1, joinCodes: {} }, [
    { type: 'exercise.created', seq: 1, at: 1, t: 0, exerciseId: id, title, scenario, seed: 7 },
  ])
}
