import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LocalExercise } from '../../core/engine/LocalExercise'
import type { Command } from '../../core/protocol/commands'
import type { Viewer } from '../../core/protocol/viewer'
import { parseScenario } from '../../core/scenario/parseScenario'
import type { Scenario } from '../../core/scenario/schema'
import { testScenario } from '../../core/scenario/testScenario'
import { describeOpening, describeTrigger, whyNeverDue } from './triggers'

function drill(): Scenario {
  const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  return parsed.scenario
}

function trigger(scenario: Scenario, injectId: string): string {
  const inject = scenario.injects.find((candidate) => candidate.id === injectId)
  if (!inject) throw new Error(`no inject ${injectId}`)
  return describeTrigger(inject, scenario)
}

describe('describeTrigger', () => {
  const scenario = drill()

  it('reads a scripted time', () => {
    expect(trigger(scenario, 'siem-offset')).toBe('at T+00:10:00')
  })

  it('reads a decision option that fires the inject, with its delay', () => {
    expect(trigger(scenario, 'major-incident')).toBe(
      'when "Declare a major incident now?" = "Declare a major incident" + 2 min',
    )
    expect(trigger(scenario, 'cio-call')).toBe(
      'when "Declare a major incident now?" = "Keep investigating for now" + 1 min',
    )
  })

  it('reads actions taken and contingencies', () => {
    expect(trigger(scenario, 'reference-result')).toBe(
      'when "Compare ntp1 and ntp2 with an independent reference" is taken + 3 min',
    )
    expect(trigger(scenario, 'ot-not-told')).toBe(
      'if "Tell OT engineering" not taken by T+00:50:00',
    )
  })

  it('reads inject chains, decision conditions, and injects held for the facilitator', () => {
    const built = testScenario({
      injects: [
        { id: 'alarm', at: 'T+00:10', to: ['blue'], channel: 'siem', title: 'Alarm' },
        {
          id: 'follow-up',
          after: 'alarm',
          delay: 'T+00:05',
          to: ['blue'],
          channel: 'email',
          title: 'Follow-up',
        },
        {
          id: 'closed',
          when: { decision: 'isolate' },
          to: ['blue'],
          channel: 'email',
          title: 'Closed',
        },
        {
          id: 'early',
          when: { taken: 'report', by: 'T+00:20' },
          to: ['blue'],
          channel: 'email',
          title: 'Early',
        },
        { id: 'spare', to: ['blue'], channel: 'phone', title: 'Spare' },
      ],
      decisions: [
        {
          id: 'isolate',
          to: 'blue',
          question: 'Isolate?',
          within: 'T+00:10',
          options: [
            { id: 'yes', label: 'Yes' },
            { id: 'no', label: 'No' },
          ],
        },
      ],
      actions: [{ id: 'report', teams: ['blue'], label: 'Report' }],
    })
    expect(trigger(built, 'follow-up')).toBe('after "Alarm" + 5 min')
    expect(trigger(built, 'closed')).toBe('when "Isolate?" closes')
    expect(trigger(built, 'early')).toBe('when "Report" is taken by T+00:20:00')
    expect(trigger(built, 'spare')).toBe('held: fires only by hand')
  })
})

describe('describeOpening', () => {
  it('says when a decision opens: after an inject, at a time, or by hand', () => {
    const scenario = drill()
    expect(describeOpening(scenario.decisions[0]!, scenario)).toBe(
      'after "Users cannot log in to the VPN"',
    )
    const decision = { ...scenario.decisions[0]!, after: undefined }
    expect(describeOpening({ ...decision, at: 600 }, scenario)).toBe('at T+00:10:00')
    expect(describeOpening({ ...decision, after: 'kickoff', delay: 300 }, scenario)).toBe(
      'after "The drill begins" + 5 min',
    )
    expect(describeOpening(decision, scenario)).toBe('only when opened by hand')
  })
})

describe('whyNeverDue', () => {
  const START = 1_000_000
  const soc: Viewer = { role: 'participant', participantId: 'p1', teamId: 'soc', side: 'blue' }
  const run = (local: LocalExercise, command: Command, actor?: Viewer) => {
    const result = local.execute(command, START, actor)
    if (!result.ok) throw new Error(result.error.message)
  }
  const why = (local: LocalExercise, injectId: string) => {
    const scenario = local.state.scenario!
    const inject = scenario.injects.find((candidate) => candidate.id === injectId)!
    return whyNeverDue(inject, scenario, local.state)
  }

  it('is null while a trigger may still fire, and for injects held anyway', () => {
    const local = new LocalExercise(drill(), START)
    expect(why(local, 'cio-call')).toBeNull()
    expect(why(local, 'reference-result')).toBeNull()
    expect(why(local, 'ot-not-told')).toBeNull()
  })

  it('names the action taken that cancels a contingency', () => {
    const local = new LocalExercise(drill(), START)
    run(local, { type: 'clock.jump', t: 300 })
    run(local, { type: 'action.take', actionId: 'notify-ot' }, soc)
    expect(why(local, 'ot-not-told')).toBe('"Tell OT engineering" was taken at T+00:05:00')
  })

  it('names the option a decision closed on instead', () => {
    const local = new LocalExercise(drill(), START)
    run(local, { type: 'decision.open', decisionId: 'declare-major-incident' })
    run(local, {
      type: 'decision.answer',
      decisionId: 'declare-major-incident',
      optionId: 'declare',
    })
    expect(why(local, 'cio-call')).toBe(
      '"Declare a major incident now?" closed on "Declare a major incident"',
    )
  })

  it('names the skipped inject that a chain waited for', () => {
    const local = new LocalExercise(
      testScenario({
        injects: [
          { id: 'alarm', at: 'T+00:10', to: ['blue'], channel: 'siem', title: 'Alarm' },
          { id: 'next', after: 'alarm', to: ['blue'], channel: 'email', title: 'Next' },
        ],
      }),
      START,
    )
    expect(why(local, 'next')).toBeNull()
    run(local, { type: 'inject.skip', injectId: 'alarm' })
    expect(why(local, 'next')).toBe('"Alarm" was skipped')
  })
})

describe('unless conditions', () => {
  const scenario = testScenario({
    actions: [{ id: 'notify', teams: ['blue'], label: 'Notify' }],
    injects: [
      {
        id: 'chaser',
        at: 'T+00:30',
        unless: { taken: 'notify' },
        to: ['blue'],
        channel: 'email',
        title: 'Still waiting',
      },
    ],
  })
  const blue: Viewer = { role: 'participant', participantId: 'b', teamId: 'blue', side: 'blue' }

  it('reads a twin condition', () => {
    expect(
      describeTrigger(
        {
          ...scenario.injects[0]!,
          at: undefined,
          when: { node: 'radio-1', status: 'failed' },
          unless: undefined,
        },
        scenario,
      ),
    ).toBe('when radio-1 is failed (twin)')
  })

  it('reads conditions joined by and / or', () => {
    const joined = {
      ...scenario.injects[0]!,
      at: undefined,
      when: { all: [{ taken: 'notify' }, { node: 'radio-1', status: 'failed' as const }] },
      unless: {
        any: [
          { decision: 'd', option: 'o' },
          { taken: 'notify', by: 600 },
        ],
      },
    }
    expect(describeTrigger(joined, scenario)).toBe(
      'when "Notify" is taken and radio-1 is failed (twin), unless "d" = "o" or "Notify" is taken by T+00:10:00',
    )
  })

  it('says what cancels an inject, and that it did', () => {
    const inject = scenario.injects[0]!
    expect(describeTrigger(inject, scenario)).toBe('at T+00:30:00, unless "Notify" is taken')
    const local = new LocalExercise(scenario, 0)
    expect(whyNeverDue(inject, scenario, local.state)).toBeNull()
    local.execute({ type: 'clock.jump', t: 600 }, 0)
    local.execute({ type: 'action.take', actionId: 'notify' }, 0, blue)
    expect(whyNeverDue(inject, scenario, local.state)).toBe('cancelled: "Notify" is taken')
  })
})
