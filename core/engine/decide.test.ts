import { describe, expect, it } from 'vitest'
import type { Viewer } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import { viewEvents } from '../visibility/viewEvent'
import { LocalExercise } from './LocalExercise'

const blueLead: Viewer = {
  role: 'participant',
  participantId: 'p-blue',
  teamId: 'blue',
  side: 'blue',
}
const blueTwo: Viewer = {
  role: 'participant',
  participantId: 'p-blue-2',
  teamId: 'blue',
  side: 'blue',
}
const red: Viewer = { role: 'participant', participantId: 'p-red', teamId: 'red', side: 'red' }

const MIN = 60_000 // one scenario minute of wall time at 1×

function branching() {
  return testScenario({
    injects: [
      { id: 'alarm', at: 'T+00:10', to: ['blue'], channel: 'monitoring', title: 'Holdover alarm' },
      {
        id: 'isolated',
        delay: 'T+00:05',
        to: ['blue'],
        channel: 'email',
        title: 'Servers isolated',
      },
      { id: 'spread', to: ['blue'], channel: 'phone', title: 'The fault spread' },
      {
        id: 'no-report',
        when: { notTaken: 'notify-regulator', by: 'T+00:40' },
        to: ['blue'],
        channel: 'regulator',
        title: 'Why no report?',
      },
      {
        id: 'thanks',
        when: { taken: 'notify-regulator' },
        delay: 'T+00:02',
        to: ['blue'],
        channel: 'regulator',
        title: 'Report received',
      },
      {
        id: 'follow-up',
        after: 'alarm',
        delay: 'T+00:03',
        to: ['blue'],
        channel: 'email',
        title: 'Follow-up',
      },
      {
        id: 'chaser',
        at: 'T+00:30',
        unless: { taken: 'notify-regulator' },
        to: ['blue'],
        channel: 'regulator',
        title: 'Still waiting for your report',
      },
      {
        id: 'both',
        when: { all: [{ taken: 'notify-regulator' }, { decision: 'isolate', option: 'yes' }] },
        to: ['blue'],
        channel: 'email',
        title: 'Isolated and reported',
      },
      {
        id: 'either',
        when: { any: [{ taken: 'notify-regulator' }, { decision: 'isolate', option: 'yes' }] },
        to: ['blue'],
        channel: 'email',
        title: 'Isolated or reported',
      },
    ],
    decisions: [
      {
        id: 'press-line',
        to: 'blue',
        question: 'Answer the journalist now?',
        when: { taken: 'notify-regulator' },
        delay: 'T+00:02',
        within: 'T+00:10',
        options: [
          { id: 'yes', label: 'Yes' },
          { id: 'no', label: 'No' },
        ],
      },
      {
        id: 'isolate',
        to: 'blue',
        question: 'Isolate the time servers?',
        after: 'alarm',
        within: 'T+00:15',
        options: [
          { id: 'yes', label: 'Isolate', injects: ['isolated'] },
          { id: 'no', label: 'Keep running', injects: ['spread'] },
        ],
        default: 'no',
      },
    ],
    actions: [{ id: 'notify-regulator', teams: ['blue'], label: 'Notify the regulator' }],
  })
}

function started(scenario = branching()) {
  const exercise = new LocalExercise(scenario, 0)
  exercise.execute({ type: 'clock.start' }, 0)
  return exercise
}

const titles = (exercise: LocalExercise) =>
  exercise.state.deliveries.map((d) => `${d.title}@${d.t / 60}`)

describe('decisions branch the scenario', () => {
  it("opens after its inject, and the lead's answer fires that option's consequences", () => {
    const exercise = started()
    exercise.tick(11 * MIN)
    expect(exercise.state.decisions.isolate).toMatchObject({
      state: 'open',
      openedT: 600,
      deadlineT: 1500,
    })
    const reply = exercise.execute(
      { type: 'decision.answer', decisionId: 'isolate', optionId: 'yes' },
      12 * MIN,
      blueLead,
    )
    expect(reply.ok).toBe(true)
    expect(exercise.state.decisions.isolate).toMatchObject({
      state: 'closed',
      optionId: 'yes',
      reason: 'answered',
      closedT: 720,
    })
    exercise.tick(30 * MIN)
    expect(titles(exercise)).toEqual([
      'Holdover alarm@10',
      'Isolated or reported@12',
      'Follow-up@13',
      'Servers isolated@17',
      'Still waiting for your report@30',
    ])
  })

  it('takes the default at the deadline when nobody answers', () => {
    const exercise = started()
    // The question reaches the team at T+00:12; its window is counted from then.
    exercise.tick(12 * MIN)
    exercise.tick(26 * MIN)
    expect(exercise.state.decisions.isolate).toMatchObject({
      state: 'closed',
      optionId: 'no',
      reason: 'default',
      closedT: 1500,
    })
    expect(titles(exercise)).toContain('The fault spread@25')
    expect(titles(exercise)).not.toContain('Servers isolated@30')
  })

  it('counts votes at the deadline when the team votes', () => {
    const scenario = branching()
    const voting = testScenario({
      ...scenario,
      decisions: scenario.decisions.map((d) =>
        d.id === 'isolate' ? { ...d, decidedBy: 'vote' as const, default: undefined } : d,
      ),
    })
    const exercise = started(voting)
    exercise.tick(11 * MIN)
    exercise.execute(
      { type: 'decision.answer', decisionId: 'isolate', optionId: 'no' },
      12 * MIN,
      blueLead,
    )
    exercise.execute(
      { type: 'decision.answer', decisionId: 'isolate', optionId: 'yes' },
      13 * MIN,
      blueTwo,
    )
    exercise.execute(
      { type: 'decision.answer', decisionId: 'isolate', optionId: 'yes' },
      14 * MIN,
      blueLead,
    ) // changes their vote
    expect(exercise.state.decisions.isolate?.state).toBe('open')
    exercise.tick(26 * MIN)
    expect(exercise.state.decisions.isolate).toMatchObject({
      state: 'closed',
      optionId: 'yes',
      reason: 'vote',
    })
  })

  it('refuses answers from another team, to an unknown option, or after closing', () => {
    const exercise = started()
    exercise.tick(11 * MIN)
    expect(
      exercise.execute(
        { type: 'decision.answer', decisionId: 'isolate', optionId: 'yes' },
        11 * MIN,
        red,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(
      exercise.execute(
        { type: 'decision.answer', decisionId: 'isolate', optionId: 'maybe' },
        11 * MIN,
        blueLead,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('yes, no') },
    })
    exercise.tick(30 * MIN)
    expect(
      exercise.execute(
        { type: 'decision.answer', decisionId: 'isolate', optionId: 'yes' },
        30 * MIN,
        blueLead,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('closed at T+00:25:00') },
    })
  })

  it('shows the decision to its team and the facilitator only', () => {
    const exercise = started()
    exercise.tick(11 * MIN)
    const opened = exercise.log.filter((e) => e.type === 'decision.opened')
    expect(viewEvents(opened, blueLead)).toHaveLength(1)
    expect(viewEvents(opened, red)).toHaveLength(0)
  })
})

describe('contingency and action triggers', () => {
  it('fires the contingency at its deadline when the action was not taken', () => {
    const exercise = started()
    exercise.tick(45 * MIN)
    expect(exercise.state.fired['no-report']).toBe(2400)
    expect(exercise.state.fired.thanks).toBeUndefined()
  })

  it('cancels the contingency and fires the follow-up when the action is taken in time', () => {
    const exercise = started()
    const taken = exercise.execute(
      { type: 'action.take', actionId: 'notify-regulator' },
      20 * MIN,
      blueLead,
    )
    expect(taken.ok).toBe(true)
    exercise.tick(45 * MIN)
    expect(exercise.state.fired['no-report']).toBeUndefined()
    expect(exercise.state.fired.thanks).toBe(22 * 60)
  })

  it('cancels an inject whose `unless` held by its due time, and only then', () => {
    const early = started()
    early.execute({ type: 'action.take', actionId: 'notify-regulator' }, 20 * MIN, blueLead)
    early.tick(45 * MIN)
    expect(early.state.fired.chaser).toBeUndefined()
    const late = started()
    late.tick(31 * MIN)
    late.execute({ type: 'action.take', actionId: 'notify-regulator' }, 32 * MIN, blueLead)
    expect(late.state.fired.chaser).toBe(30 * 60)
  })

  it('opens a decision when its condition holds', () => {
    const exercise = started()
    exercise.tick(30 * MIN)
    expect(exercise.state.decisions['press-line']).toBeUndefined()
    exercise.execute({ type: 'action.take', actionId: 'notify-regulator' }, 31 * MIN, blueLead)
    exercise.tick(34 * MIN)
    expect(exercise.state.decisions['press-line']).toMatchObject({
      state: 'open',
      openedT: 33 * 60,
    })
  })

  it('fires `all` once every part holds and `any` once one does', () => {
    const exercise = started()
    exercise.tick(11 * MIN)
    exercise.execute(
      { type: 'decision.answer', decisionId: 'isolate', optionId: 'yes' },
      12 * MIN,
      blueLead,
    )
    expect(exercise.state.fired.either).toBe(12 * 60)
    expect(exercise.state.fired.both).toBeUndefined()
    exercise.execute({ type: 'action.take', actionId: 'notify-regulator' }, 20 * MIN, blueLead)
    expect(exercise.state.fired.both).toBe(20 * 60)
    expect(exercise.state.fired.either).toBe(12 * 60)
  })

  it('lets only the teams named take an action', () => {
    const exercise = started()
    expect(
      exercise.execute({ type: 'action.take', actionId: 'notify-regulator' }, MIN, red),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })
})

describe('the facilitator steers the MSEL', () => {
  it('skips an inject: it never fires, and what follows it waits', () => {
    const exercise = started()
    expect(exercise.execute({ type: 'inject.skip', injectId: 'alarm' }, MIN).ok).toBe(true)
    exercise.tick(60 * MIN)
    expect(exercise.state.fired.alarm).toBeUndefined()
    expect(exercise.state.fired['follow-up']).toBeUndefined()
    expect(exercise.state.decisions.isolate).toBeUndefined()
  })

  it('delays an inject, and its followers move with it', () => {
    const exercise = started()
    expect(exercise.execute({ type: 'inject.delay', injectId: 'alarm', by: 300 }, MIN).ok).toBe(
      true,
    )
    exercise.tick(14 * MIN)
    expect(exercise.state.fired.alarm).toBeUndefined()
    exercise.tick(20 * MIN)
    expect(exercise.state.fired).toMatchObject({ alarm: 900, 'follow-up': 1080 })
  })

  it('fires by hand with edits, once', () => {
    const exercise = started()
    exercise.execute(
      { type: 'inject.fire', injectId: 'spread', title: 'The fault spread to the grid' },
      2 * MIN,
    )
    expect(titles(exercise)).toEqual(['The fault spread to the grid@2'])
    expect(exercise.execute({ type: 'inject.fire', injectId: 'spread' }, 3 * MIN)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('T+00:02:00') },
    })
  })

  it('refuses to delay an inject that waits on a trigger', () => {
    const exercise = started()
    expect(
      exercise.execute({ type: 'inject.delay', injectId: 'spread', by: 60 }, MIN),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('waits on a trigger') },
    })
  })
})
