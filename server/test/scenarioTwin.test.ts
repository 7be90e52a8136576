import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LocalExercise } from '../../core/engine/LocalExercise'
import type { HoldoverEvent } from '../../core/protocol/events'
import { parseScenario } from '../../core/scenario/parseScenario'
import type { Scenario } from '../../core/scenario/schema'
import { consistencyWarnings } from '../cli/consistency'

function load(file: string): Scenario {
  const parsed = parseScenario(readFileSync(file, 'utf8'), file)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  return parsed.scenario
}

const HOUR = 3_600

function run(scenario: Scenario, until: number, before?: (exercise: LocalExercise) => void) {
  const exercise = new LocalExercise(scenario, 0, { exerciseId: 'test' })
  if (before) before(exercise)
  expect(exercise.execute({ type: 'clock.jump', t: until }, 0).ok).toBe(true)
  return exercise
}

const delivered = (log: readonly HoldoverEvent[], id: string) =>
  log.some((e) => e.type === 'inject.delivered' && e.injectId === id)
const failedAt = (log: readonly HoldoverEvent[], nodeId: string) =>
  log.find((e) => e.type === 'twin.statusChanged' && e.nodeId === nodeId && e.status === 'failed')
    ?.t

describe('the false leap second: the story follows the twin', () => {
  const scenario = load('scenarios/false-leap-second.yaml')

  it('reports the midnight leap when the legacy hosts really inserted it', () => {
    const exercise = run(scenario, 17.5 * HOUR)
    expect(failedAt(exercise.log, 'hg-legacy')).toBe(16 * HOUR)
    expect(delivered(exercise.log, 'leap-midnight-soc')).toBe(true)
    // chrony (Linux estate) and w32time (dc01) do not take a leap at the end of March.
    expect(failedAt(exercise.log, 'hg-linux')).toBeUndefined()
    expect(failedAt(exercise.log, 'hg-dc01')).toBeUndefined()
  })

  it('stays quiet about a leap when NRN withdrew the servers without taking the action', () => {
    const exercise = run(scenario, 17.5 * HOUR, (ex) => {
      expect(ex.execute({ type: 'clock.jump', t: 1.3 * HOUR }, 0).ok).toBe(true)
      const answer = ex.execute(
        { type: 'decision.answer', decisionId: 'd-s1op-leap', optionId: 'withdraw' },
        0,
      )
      expect(answer.ok).toBe(true)
    })
    expect(failedAt(exercise.log, 'hg-legacy')).toBeUndefined()
    expect(delivered(exercise.log, 'leap-midnight-soc')).toBe(false)
    expect(delivered(exercise.log, 'leap-midnight-venue')).toBe(false)
  })

  it('does not tell the leap story when the 06:00 shift is what fails the legacy hosts', () => {
    const exercise = run(scenario, 24 * HOUR, (ex) => {
      expect(ex.execute({ type: 'clock.jump', t: 1.3 * HOUR }, 0).ok).toBe(true)
      ex.execute({ type: 'decision.answer', decisionId: 'd-s1op-leap', optionId: 'clear-flag' }, 0)
    })
    expect(failedAt(exercise.log, 'hg-legacy')).toBeGreaterThan(22 * HOUR)
    expect(delivered(exercise.log, 'leap-midnight-soc')).toBe(false)
  })
})

describe('the dry run’s consistency warning', () => {
  it('finds nothing in the shipped false-leap dry run', () => {
    const scenario = load('scenarios/false-leap-second.yaml')
    expect(consistencyWarnings(scenario, run(scenario, scenario.duration).log)).toEqual([])
  })

  it('flags an inject that says a node stepped while the twin shows it ok', () => {
    const scenario = load('scenarios/drill-ntp-shift.yaml')
    const log = run(scenario, 2 * HOUR).log
    const claim = {
      ...(log.find((e) => e.type === 'inject.delivered') as HoldoverEvent),
      injectId: 'made-up',
      t: 60,
      title: 'ntp1-corp stepped +420 s',
    } as HoldoverEvent
    const warnings = consistencyWarnings(scenario, [claim, ...log])
    expect(warnings).toEqual([
      { injectId: 'made-up', t: 60, title: 'ntp1-corp stepped +420 s', nodes: ['ntp1-corp'] },
    ])
    // The same words after the twin's step are consistent.
    const later = { ...claim, t: 20 * 60 } as HoldoverEvent
    const stepped = log.filter((e) => e.t <= 20 * 60)
    expect(consistencyWarnings(scenario, [...stepped, later])).toEqual([])
  })
})
