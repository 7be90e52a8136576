import { describe, expect, it } from 'vitest'
import { scenarioTimeAt } from '../clock/ExerciseClock'
import { COMMAND_TYPES, type Command } from '../protocol/commands'
import type { Viewer } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import { viewEvents } from '../visibility/viewEvent'
import { closesAt } from './decisionWindow'
import { LocalExercise } from './LocalExercise'
import { nextHold } from './pace'

const blue: Viewer = { role: 'participant', participantId: 'p1', teamId: 'blue', side: 'blue' }
const evaluator: Viewer = { role: 'evaluator', evaluatorId: 'e1' }
const options = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
]

function planned(decisions: unknown[] = []) {
  return testScenario({
    phases: [
      { id: 'detect', name: 'Detection' },
      { id: 'respond', name: 'Response' },
    ],
    clockPlan: [
      { id: 'fast', at: 0, phase: 'detect', speed: 600 },
      { id: 'discuss', at: 'T+01:00', hold: 'Discuss the first alarms' },
      { id: 'respond', at: 'T+01:00:01', phase: 'respond', speed: 60 },
    ],
    objectives: [{ id: 'detect', capability: 'Situational Assessment', text: 'Detect it' }],
    decisions,
  })
}

describe('the clock plan', () => {
  it('runs at the speed of each phase and holds exactly where the plan says', () => {
    const exercise = new LocalExercise(planned(), 0)
    exercise.execute({ type: 'clock.start' }, 0)
    expect(exercise.state.clock.speed).toBe(600)
    expect(nextHold(exercise.state.scenario!, exercise.state.pace)?.id).toBe('discuss')
    // At 600×, T+01:00 comes after 6 s; the tick at 7 s finds the clock held at T+01:00.
    exercise.tick(7000)
    expect(exercise.state.clock.running).toBe(false)
    expect(scenarioTimeAt(exercise.state.clock, 60_000)).toBe(3600)
    expect(nextHold(exercise.state.scenario!, exercise.state.pace)).toBeNull()
    exercise.execute({ type: 'clock.start' }, 60_000)
    exercise.tick(61_000)
    expect(exercise.state.clock.speed).toBe(60)
  })

  it('leaves the plan when the facilitator sets a speed, and returns to it on request', () => {
    const exercise = new LocalExercise(planned(), 0)
    exercise.execute({ type: 'clock.start' }, 0)
    exercise.execute({ type: 'clock.setSpeed', speed: 10 }, 1000)
    expect(exercise.state.pace.following).toBe(false)
    exercise.execute({ type: 'clock.followPlan' }, 2000)
    expect(exercise.state.clock.speed).toBe(600)
    expect(exercise.state.pace.following).toBe(true)
  })

  it('refuses to follow a plan the scenario does not have', () => {
    const exercise = new LocalExercise(testScenario(), 0)
    const reply = exercise.execute({ type: 'clock.followPlan' }, 0)
    expect(reply.ok).toBe(false)
  })
})

describe('decisions answerable at any speed', () => {
  const question = {
    id: 'isolate',
    to: 'blue',
    question: 'Isolate the servers?',
    at: 'T+00:30',
    within: 'T+00:10',
    options,
    default: 'no',
  }

  it('slows the clock to 1× while open, and gives the plan its speed back once answered', () => {
    const exercise = new LocalExercise(planned([question]), 0)
    exercise.execute({ type: 'clock.start' }, 0)
    exercise.tick(4000) // T+00:40 at 600×: the question opened at T+00:30
    expect(exercise.state.decisions.isolate?.state).toBe('open')
    expect(exercise.state.clock.speed).toBe(1)
    expect(scenarioTimeAt(exercise.state.clock, 4000)).toBe(1800)
    exercise.execute(
      { type: 'decision.answer', decisionId: 'isolate', optionId: 'yes' },
      9000,
      blue,
    )
    expect(exercise.state.decisions.isolate?.state).toBe('closed')
    expect(exercise.state.clock.speed).toBe(600)
  })

  it('stays open for its wall-time minimum even when the facilitator runs the clock at 3600×', () => {
    const scenario = testScenario({ decisions: [{ ...question, minWall: 90 }] })
    const exercise = new LocalExercise(scenario, 0)
    exercise.execute({ type: 'clock.setSpeed', speed: 600 }, 0)
    exercise.execute({ type: 'clock.start' }, 0)
    exercise.tick(3100)
    exercise.execute({ type: 'clock.setSpeed', speed: 3600 }, 3200)
    exercise.tick(10_000) // the scenario deadline has passed, the 90 s have not
    expect(exercise.state.decisions.isolate?.state).toBe('open')
    const status = exercise.state.decisions.isolate!
    expect(closesAt(exercise.state, status)).toBe(3100 + 90_000)
    exercise.execute({ type: 'decision.extend', decisionId: 'isolate', by: 60 }, 20_000)
    exercise.tick(3100 + 91_000)
    expect(exercise.state.decisions.isolate?.state).toBe('open')
    exercise.tick(3100 + 151_000)
    expect(exercise.state.decisions.isolate).toMatchObject({ state: 'closed', reason: 'default' })
  })

  it('pauses the clock for a decision that asks for it, and resumes when the team answers', () => {
    const exercise = new LocalExercise(planned([{ ...question, clockSpeed: 'pause' }]), 0)
    exercise.execute({ type: 'clock.start' }, 0)
    exercise.tick(4000)
    expect(exercise.state.clock.running).toBe(false)
    expect(exercise.state.clock.anchorT).toBe(1800)
    exercise.execute(
      { type: 'decision.answer', decisionId: 'isolate', optionId: 'no' },
      50_000,
      blue,
    )
    expect(exercise.state.clock.running).toBe(true)
  })
})

describe('evaluators', () => {
  it('are refused every command but opening the exercise and recording observations', () => {
    const exercise = new LocalExercise(planned([]), 0)
    const samples: Record<string, Command> = {
      'clock.setSpeed': { type: 'clock.setSpeed', speed: 10 },
      'clock.jump': { type: 'clock.jump', t: 100 },
    }
    for (const type of COMMAND_TYPES) {
      if (type === 'exercise.open' || type === 'observation.record') continue
      const command = samples[type] ?? ({ type } as Command)
      const reply = exercise.execute(command, 0, evaluator)
      expect(reply.ok, type).toBe(false)
      if (!reply.ok) expect(reply.error.code, type).toBe('forbidden')
    }
    expect(exercise.log).toHaveLength(1)
  })

  it('record observations that the white cell sees and no team receives', () => {
    const exercise = new LocalExercise(planned([]), 0)
    const reply = exercise.execute(
      {
        type: 'observation.record',
        objectiveId: 'detect',
        teamId: 'blue',
        rating: 'S',
        text: 'Slow to escalate',
      },
      5000,
      evaluator,
    )
    expect(reply.ok).toBe(true)
    expect(exercise.state.observations).toMatchObject([
      { objectiveId: 'detect', teamId: 'blue', rating: 'S', authorId: 'e1', at: 5000, t: 0 },
    ])
    for (const teamId of ['red', 'blue']) {
      const seen = viewEvents(exercise.log, { role: 'team', teamId })
      expect(seen.some((event) => event.type === 'observation.recorded')).toBe(false)
    }
    const wrong = exercise.execute(
      { type: 'observation.record', objectiveId: 'nope', teamId: 'blue', rating: 'P', text: '' },
      5000,
      evaluator,
    )
    expect(wrong.ok).toBe(false)
    const byTeam = exercise.execute(
      { type: 'observation.record', objectiveId: 'detect', teamId: 'blue', rating: 'P', text: '' },
      5000,
      blue,
    )
    expect(byTeam.ok).toBe(false)
  })
})

describe('a log with the clock plan, paced decisions and observations', () => {
  it('passes the import check as it was recorded', async () => {
    const { parseEventLog } = await import('../protocol/eventSchema')
    const scenario = planned([
      { id: 'isolate', to: 'blue', question: 'Isolate?', at: 'T+00:30', within: 600, options },
    ])
    const exercise = new LocalExercise(scenario, 0)
    exercise.execute({ type: 'clock.start' }, 0)
    exercise.tick(4000)
    exercise.execute({ type: 'decision.extend', decisionId: 'isolate', by: 60 }, 5000)
    exercise.execute(
      { type: 'observation.record', objectiveId: 'detect', teamId: 'blue', rating: 'M', text: '' },
      6000,
    )
    exercise.tick(7000)
    const types = new Set(exercise.log.map((event) => event.type))
    for (const type of ['clock.planStep', 'decision.extended', 'observation.recorded'] as const)
      expect(types.has(type), type).toBe(true)
    const parsed = parseEventLog(JSON.parse(JSON.stringify(exercise.log)))
    expect(parsed.ok ? null : parsed.message).toBeNull()
  })
})

describe('scenarios:check on the clock plan', () => {
  it('says where a plan goes wrong: order, empty steps, unknown phases', async () => {
    const { scenarioSchema } = await import('../scenario/schema')
    const result = scenarioSchema.safeParse({
      id: 'bad',
      title: 'Bad plan',
      summary: 'x',
      duration: 'T+02:00',
      sources: ['none'],
      teams: [{ id: 'blue', name: 'Blue', side: 'blue' }],
      phases: [{ id: 'one', name: 'One' }],
      clockPlan: [
        { id: 'a', at: 'T+01:00', speed: 10 },
        { id: 'b', at: 'T+00:30', speed: 60 },
        { id: 'c', at: 'T+01:30' },
        { id: 'd', at: 'T+01:40', phase: 'two', hold: 'Stop' },
      ],
    })
    expect(result.success).toBe(false)
    const problems = result.error?.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    )
    expect(problems).toEqual([
      expect.stringMatching(/^clockPlan\.1\.at: a time after the previous step's/),
      expect.stringMatching(/^clockPlan\.2: a speed, a hold, or both/),
      expect.stringMatching(/^clockPlan\.3\.phase: a phase of this scenario \(one\), not 'two'/),
    ])
  })
})
