import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scenarioTimeAt } from '../clock/ExerciseClock'
import type { Command } from '../protocol/commands'
import type { Viewer } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import { LocalExercise } from './LocalExercise'

const red: Viewer = { role: 'participant', participantId: 'r', teamId: 'red', side: 'red' }
const STEPS = ['phone', 'credentials', 'network'] as const

type Op =
  | { op: 'start' | 'pause' | 'tick' | 'restart'; dtMs: number }
  | { op: 'speed'; dtMs: number; speed: number }
  | { op: 'jump'; dtMs: number; by: number }
  | { op: 'launch'; dtMs: number; step: number }

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
      by: fc.integer({ min: 0, max: 20_000 }),
    }),
    fc.record({
      op: fc.constant('launch' as const),
      dtMs: fc.integer({ min: 0, max: 60_000 }),
      step: fc.integer({ min: 0, max: STEPS.length - 1 }),
    }),
  ),
  { maxLength: 40 },
)

describe("red's campaign lands each step once, after its time to execute, whatever the clock does", () => {
  it('matches a reference computation for random launches, clock commands, ticks and restarts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), {
          minLength: STEPS.length,
          maxLength: STEPS.length,
        }),
        ops,
        (executeIn, operations) => {
          const scenario = testScenario({
            attacks: STEPS.map((id, i) => ({
              id,
              label: id,
              executeIn: executeIn[i],
              requires: i === 0 ? [] : [STEPS[i - 1]],
            })),
          })
          let wall = 1_700_000_000_000
          const exercise = new LocalExercise(scenario, wall)
          for (const step of operations) {
            wall += step.dtMs
            const t = scenarioTimeAt(exercise.state.clock, wall)
            if (step.op === 'launch') {
              // Before an earlier landing: the refusal must change nothing.
              const before = exercise.state.seq
              const launched = exercise.execute(
                { type: 'attack.launch', attackId: STEPS[step.step]! },
                wall,
                red,
              )
              if (!launched.ok) expect(exercise.state.seq).toBe(before)
              continue
            }
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
          const finalT = scenarioTimeAt(exercise.state.clock, wall)
          const launches = exercise.log.filter((e) => e.type === 'attack.launched')
          const landings = exercise.log.filter((e) => e.type === 'attack.landed')
          for (const launch of launches) {
            const index = STEPS.indexOf(launch.attackId as (typeof STEPS)[number])
            const dueT = launch.t + executeIn[index]!
            const landed = landings.filter((e) => e.launchSeq === launch.seq)
            if (dueT <= finalT) expect(landed.map((e) => e.t)).toEqual([dueT])
            else expect(landed).toEqual([])
            // Launched only once the step it requires had landed, never before.
            if (index > 0) {
              const earlier = landings.filter((e) => e.attackId === STEPS[index - 1])
              expect(earlier.some((e) => e.seq < launch.seq && e.t <= launch.t)).toBe(true)
            }
          }
          expect(landings).toHaveLength(new Set(landings.map((e) => e.launchSeq)).size)
        },
      ),
      { numRuns: 200 },
    )
  })
})
