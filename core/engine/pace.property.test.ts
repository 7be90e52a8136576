import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scenarioTimeAt } from '../clock/ExerciseClock'
import type { Command } from '../protocol/commands'
import type { Viewer } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import { LocalExercise } from './LocalExercise'

const blue: Viewer = { role: 'participant', participantId: 'p1', teamId: 'blue', side: 'blue' }

const injectTimes = fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 12 })

/** A clock plan: steps at increasing times, each with a speed, a hold, or both. */
const clockPlan = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 4_000 }),
      speed: fc.option(fc.integer({ min: 1, max: 3600 }), { nil: undefined }),
      hold: fc.boolean(),
    }),
    { maxLength: 6 },
  )
  .map((steps) => {
    let at = 0
    return steps.map((step, i) => {
      at += step.gap
      const hold = step.hold || step.speed === undefined ? { hold: `Hold ${i}` } : {}
      return {
        id: `s${i}`,
        at,
        ...(step.speed === undefined ? {} : { speed: step.speed }),
        ...hold,
      }
    })
  })

/** Decisions that slow the clock to a speed of their own, or pause it, while they are open. */
const decisions = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: 20_000 }),
    within: fc.integer({ min: 60, max: 3_000 }),
    clockSpeed: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.constant('pause' as const)),
    minWall: fc.integer({ min: 0, max: 300 }),
  }),
  { maxLength: 4 },
)

type Op =
  | { op: 'start' | 'pause' | 'tick' | 'restart' | 'followPlan'; dtMs: number }
  | { op: 'speed'; dtMs: number; speed: number }
  | { op: 'jump'; dtMs: number; by: number }
  | { op: 'answer' | 'extend'; dtMs: number; decision: number }

const dt = fc.integer({ min: 0, max: 60_000 })
const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    fc.record({
      op: fc.constantFrom(
        'start' as const,
        'pause' as const,
        'tick' as const,
        'restart' as const,
        'followPlan' as const,
      ),
      dtMs: dt,
    }),
    fc.record({
      op: fc.constant('speed' as const),
      dtMs: dt,
      speed: fc.integer({ min: 1, max: 3600 }),
    }),
    fc.record({
      op: fc.constant('jump' as const),
      dtMs: dt,
      by: fc.integer({ min: 0, max: 5_000 }),
    }),
    fc.record({
      op: fc.constantFrom('answer' as const, 'extend' as const),
      dtMs: dt,
      decision: fc.nat(3),
    }),
  ),
  { maxLength: 50 },
)

describe('with a clock plan and decisions that slow the clock, each inject fires once at its time', () => {
  it('matches the scenario times whatever the facilitator and the team do in between', () => {
    fc.assert(
      fc.property(injectTimes, clockPlan, decisions, ops, (times, plan, questions, operations) => {
        const scenario = testScenario({
          injects: times.map((at, i) => ({
            id: `i${i}`,
            at,
            to: ['blue'],
            channel: 'email',
            title: `Inject ${i}`,
          })),
          clockPlan: plan,
          decisions: questions.map((question, i) => ({
            id: `d${i}`,
            to: 'blue',
            question: `Question ${i}`,
            at: question.at,
            within: question.within,
            clockSpeed: question.clockSpeed,
            minWall: question.minWall,
            options: [
              { id: 'yes', label: 'Yes' },
              { id: 'no', label: 'No' },
            ],
          })),
        })
        let wall = 1_700_000_000_000
        const exercise = new LocalExercise(scenario, wall)
        for (const step of operations) {
          wall += step.dtMs
          const t = scenarioTimeAt(exercise.state.clock, wall)
          if (step.op === 'tick') exercise.tick(wall)
          else if (step.op === 'restart') exercise.restart()
          else if (step.op === 'answer') {
            const command: Command = {
              type: 'decision.answer',
              decisionId: `d${step.decision}`,
              optionId: 'yes',
            }
            exercise.execute(command, wall, blue)
          } else {
            const command: Command =
              step.op === 'start'
                ? { type: 'clock.start' }
                : step.op === 'pause'
                  ? { type: 'clock.pause' }
                  : step.op === 'followPlan'
                    ? { type: 'clock.followPlan' }
                    : step.op === 'speed'
                      ? { type: 'clock.setSpeed', speed: step.speed }
                      : step.op === 'jump'
                        ? { type: 'clock.jump', t: t + step.by }
                        : {
                            type: 'decision.extend',
                            decisionId: `d${'decision' in step ? step.decision : 0}`,
                            by: 60,
                          }
            exercise.execute(command, wall)
          }
        }
        exercise.tick(wall)
        const moved = exercise.log.some(
          (e) => e.type === 'clock.started' || e.type === 'clock.jumped',
        )
        const finalT = moved ? scenarioTimeAt(exercise.state.clock, wall) : -1

        const deliveries = exercise.log.filter((e) => e.type === 'inject.delivered')
        const fired = new Map<string, number>()
        for (const delivery of deliveries) {
          const id = delivery.injectId ?? ''
          expect(fired.has(id), `${id} delivered twice`).toBe(false)
          fired.set(id, delivery.t)
        }
        times.forEach((at, i) => {
          if (at <= finalT) expect(fired.get(`i${i}`), `i${i} due at ${at}, now ${finalT}`).toBe(at)
          else expect(fired.get(`i${i}`), `i${i} due at ${at}, now ${finalT}`).toBeUndefined()
        })
        // Each plan step is reached once, at its own time, and never before the clock got there.
        const steps = exercise.log.filter((e) => e.type === 'clock.planStep')
        expect(new Set(steps.map((e) => e.stepId)).size).toBe(steps.length)
        for (const reached of steps) {
          expect(reached.t).toBe(plan.find((step) => step.id === reached.stepId)?.at)
        }
        // Scenario time never runs backwards across the log.
        const ts = exercise.log.map((e) => e.t)
        expect(ts).toEqual([...ts].sort((a, b) => a - b))
        // Each decision opens once and closes at most once.
        const opened = exercise.log.flatMap((e) =>
          e.type === 'decision.opened' ? [e.decisionId] : [],
        )
        const closed = exercise.log.flatMap((e) =>
          e.type === 'decision.closed' ? [e.decisionId] : [],
        )
        expect(new Set(opened).size).toBe(opened.length)
        expect(new Set(closed).size).toBe(closed.length)
      }),
      { numRuns: 300 },
    )
  })
})
