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

  it('has a clock plan, and critical tasks for every objective', () => {
    if (!parsed.ok) return
    expect(parsed.scenario.clockPlan.length).toBeGreaterThan(0)
    for (const objective of parsed.scenario.objectives)
      expect(objective.criticalTasks.length, objective.id).toBeGreaterThan(0)
  })

  it('runs to completion at 3600× with nobody answering, each inject at most once', () => {
    // The facilitator resumes at each hold of the clock plan and puts 3600× back whenever a
    // decision slowed the clock; each decision still stays open its wall-time minimum.
    if (!parsed.ok) return
    const scenario = parsed.scenario
    let wall = 1_800_000_000_000
    const exercise = new LocalExercise(scenario, wall)
    expect(exercise.execute({ type: 'clock.setSpeed', speed: 3600 }, wall).ok).toBe(true)
    expect(exercise.execute({ type: 'clock.start' }, wall).ok).toBe(true)
    // The server's tick: four times a wall second, until the scenario's duration has passed.
    const anyOpen = () => Object.values(exercise.state.decisions).some((d) => d.state === 'open')
    while (scenarioTimeAt(exercise.state.clock, wall) <= scenario.duration + 3600 || anyOpen()) {
      wall += 250
      exercise.tick(wall)
      if (!exercise.state.clock.running) exercise.execute({ type: 'clock.start' }, wall)
      if (exercise.state.clock.speed < 3600)
        exercise.execute({ type: 'clock.setSpeed', speed: 3600 }, wall)
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
    // Every step of the clock plan was reached, once.
    const steps = exercise.log.flatMap((e) => (e.type === 'clock.planStep' ? [e.stepId] : []))
    expect(steps).toEqual(scenario.clockPlan.map((step) => step.id))
    // Nothing is left overdue.
    const overdue = pendingSchedule(exercise.state).filter((p) => p.dueT <= scenario.duration)
    expect(overdue.map((p) => p.kind)).toEqual([])
    expect(exercise.execute({ type: 'exercise.end' }, wall).ok).toBe(true)
  })
})
