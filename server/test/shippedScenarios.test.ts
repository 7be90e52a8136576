import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { scenarioTimeAt } from '../../core/clock/ExerciseClock'
import { LocalExercise } from '../../core/engine/LocalExercise'
import { pendingSchedule } from '../../core/engine/schedule'
import { parseScenario } from '../../core/scenario/parseScenario'

const dir = 'scenarios'
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))

// A months-long scenario folds thousands of events: on a busy two-core machine that takes a while.
describe.each(files)('shipped scenario %s', { timeout: 90_000 }, (name) => {
  const parsed = parseScenario(readFileSync(path.join(dir, name), 'utf8'), name)

  it('passes scenarios:check', () => {
    expect(parsed.ok ? [] : parsed.problems).toEqual([])
  })

  it('runs to completion at 3600× with nobody answering, each inject at most once', () => {
    if (!parsed.ok) return
    const scenario = parsed.scenario
    let wall = 1_800_000_000_000
    const exercise = new LocalExercise(scenario, wall)
    expect(exercise.execute({ type: 'clock.setSpeed', speed: 3600 }, wall).ok).toBe(true)
    expect(exercise.execute({ type: 'clock.start' }, wall).ok).toBe(true)
    // The server's tick: four times a wall second, until the scenario's duration has passed.
    while (scenarioTimeAt(exercise.state.clock, wall) <= scenario.duration + 3600) {
      wall += 250
      exercise.tick(wall)
    }
    const deliveries = exercise.log.filter((e) => e.type === 'inject.delivered')
    const perInject = new Map<string, number>()
    for (const d of deliveries)
      perInject.set(
        `${d.injectId}→${d.teamId}`,
        (perInject.get(`${d.injectId}→${d.teamId}`) ?? 0) + 1,
      )
    expect([...perInject.values()].every((count) => count === 1)).toBe(true)
    // Every inject on the clock fired at its time; every decision opened on the clock closed.
    for (const inject of scenario.injects) {
      if (inject.at !== undefined)
        expect(exercise.state.fired[inject.id], inject.id).toBe(inject.at)
    }
    for (const decision of scenario.decisions) {
      if (decision.at !== undefined)
        expect(exercise.state.decisions[decision.id]?.state, decision.id).toBe('closed')
    }
    // Nothing is left overdue.
    const overdue = pendingSchedule(exercise.state).filter((p) => p.dueT <= scenario.duration)
    expect(overdue.map((p) => p.kind)).toEqual([])
    expect(exercise.execute({ type: 'exercise.end' }, wall).ok).toBe(true)
  })
})
