import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scenarioTimeAt } from '../clock/ExerciseClock'
import type { Command } from '../protocol/commands'
import { testScenario } from '../scenario/testScenario'
import { LocalExercise } from './LocalExercise'

type InjectSpec = { at: number } | { afterIndex: number; delay: number }

const injectSpecs = fc
  .array(
    fc.oneof(
      fc.record({ at: fc.integer({ min: 0, max: 20_000 }) }),
      fc.record({ afterIndex: fc.nat(), delay: fc.integer({ min: 0, max: 3_000 }) }),
    ),
    { minLength: 1, maxLength: 15 },
  )
  // An `after` may only name an earlier inject; the first one is always on the clock.
  .map((specs) =>
    specs.map(
      (spec, i): InjectSpec =>
        'afterIndex' in spec
          ? i === 0
            ? { at: spec.delay }
            : { afterIndex: spec.afterIndex % i, delay: spec.delay }
          : spec,
    ),
  )

type Op =
  | { op: 'start' | 'pause' | 'tick' | 'restart'; dtMs: number }
  | { op: 'speed'; dtMs: number; speed: number }
  | { op: 'jump'; dtMs: number; by: number }

const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    fc.record({
      op: fc.constantFrom('start' as const, 'pause' as const, 'tick' as const, 'restart' as const),
      dtMs: fc.integer({ min: 0, max: 60_000 }),
    }),
    fc.record({
      op: fc.constant('speed' as const),
      dtMs: fc.integer({ min: 0, max: 60_000 }),
      speed: fc.integer({ min: 1, max: 3600 }),
    }),
    fc.record({
      op: fc.constant('jump' as const),
      dtMs: fc.integer({ min: 0, max: 60_000 }),
      by: fc.integer({ min: 0, max: 5_000 }),
    }),
  ),
  { maxLength: 40 },
)

describe('the engine fires each inject once, at its due time, whatever the clock does', () => {
  it('matches a reference computation for random clock commands, ticks and restarts', () => {
    fc.assert(
      fc.property(injectSpecs, ops, fc.boolean(), (specs, operations, bothTeams) => {
        const scenario = testScenario({
          injects: specs.map((spec, i) => ({
            id: `i${i}`,
            ...('at' in spec
              ? { at: spec.at }
              : { after: `i${spec.afterIndex}`, delay: spec.delay }),
            to: bothTeams && i % 2 === 0 ? ['red', 'blue'] : ['blue'],
            channel: 'email',
            title: `Inject ${i}`,
          })),
        })
        let wall = 1_700_000_000_000
        const exercise = new LocalExercise(scenario, wall)
        for (const step of operations) {
          wall += step.dtMs
          const t = scenarioTimeAt(exercise.state.clock, wall)
          const command: Command | null =
            step.op === 'start'
              ? { type: 'clock.start' }
              : step.op === 'pause'
                ? { type: 'clock.pause' }
                : step.op === 'speed'
                  ? { type: 'clock.setSpeed', speed: step.speed }
                  : step.op === 'jump'
                    ? { type: 'clock.jump', t: t + step.by }
                    : null
          if (command) exercise.execute(command, wall)
          else if (step.op === 'tick') exercise.tick(wall)
          else exercise.restart()
        }
        exercise.tick(wall)
        // Scenario time counts once the clock has started or jumped; before that nothing is due.
        const moved = exercise.log.some(
          (e) => e.type === 'clock.started' || e.type === 'clock.jumped',
        )
        const finalT = moved ? scenarioTimeAt(exercise.state.clock, wall) : -1

        // By hand: an inject is due at its time, or at its predecessor's due time plus its delay.
        const dueT: number[] = []
        specs.forEach((spec, i) => {
          dueT[i] = 'at' in spec ? spec.at : dueT[spec.afterIndex]! + spec.delay
        })
        const deliveries = exercise.log.filter((e) => e.type === 'inject.delivered')
        const firedOnce = new Map<string, number>()
        for (const delivery of deliveries) {
          const key = `${delivery.injectId}→${delivery.teamId}`
          expect(firedOnce.has(key), `${key} delivered twice`).toBe(false)
          firedOnce.set(key, delivery.t)
        }
        specs.forEach((_, i) => {
          const teams = bothTeams && i % 2 === 0 ? ['red', 'blue'] : ['blue']
          for (const team of teams) {
            const got = firedOnce.get(`i${i}→${team}`)
            if (dueT[i]! <= finalT)
              expect(got, `i${i} due at ${dueT[i]}, now ${finalT}`).toBe(dueT[i])
            else expect(got, `i${i} due at ${dueT[i]} after ${finalT}`).toBeUndefined()
          }
        })
        // In order: the scenario times of deliveries never go back.
        const times = deliveries.map((e) => e.t)
        expect(times).toEqual([...times].sort((a, b) => a - b))
      }),
      { numRuns: 300 },
    )
  })

  it('reaches the same state by one jump or by a thousand small steps', () => {
    const scenario = testScenario({
      injects: [
        { id: 'a', at: 'T+00:30', to: ['blue'], channel: 'email', title: 'A' },
        { id: 'b', after: 'a', delay: 'T+00:15', to: ['blue'], channel: 'email', title: 'B' },
        { id: 'c', at: 'T+02:00', to: ['red'], channel: 'email', title: 'C' },
      ],
    })
    const oneJump = new LocalExercise(scenario, 0)
    oneJump.execute({ type: 'clock.jump', t: 3 * 3600 }, 1000)
    const manySteps = new LocalExercise(scenario, 0)
    manySteps.execute({ type: 'clock.setSpeed', speed: 3600 }, 0)
    manySteps.execute({ type: 'clock.start' }, 0)
    for (let ms = 0; ms <= 3000; ms += 3) manySteps.tick(ms)
    const fired = (e: LocalExercise) => e.state.fired
    expect(fired(oneJump)).toEqual({ a: 1800, b: 2700, c: 7200 })
    expect(fired(manySteps)).toEqual(fired(oneJump))
  })
})
