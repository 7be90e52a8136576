import { describe, expect, it } from 'vitest'
import { LocalExercise } from '../../core/engine/LocalExercise'
import type { Command } from '../../core/protocol/commands'
import { testScenario } from '../../core/scenario/testScenario'
import { entriesByStatus, groupByPhase, mselEntries } from './mselEntries'

const START = 1_000_000

function exercise() {
  const scenario = testScenario({
    phases: [
      { id: 'p1', name: '1 · Quiet', summary: 'Nothing yet.' },
      { id: 'p2', name: '2 · Step', summary: 'Receivers step.' },
      { id: 'p3', name: '3 · Empty' },
    ],
    injects: [
      { id: 'late', at: 'T+00:30', phase: 'p2', to: ['blue'], channel: 'siem', title: 'Late' },
      { id: 'early', at: 'T+00:10', phase: 'p1', to: ['blue'], channel: 'siem', title: 'Early' },
      { id: 'named', at: 'T+00:20', phase: 'p2', to: ['blue'], channel: 'email', title: 'N' },
      {
        id: 'chained',
        after: 'late',
        delay: 'T+00:05',
        to: ['blue'],
        channel: 'email',
        title: 'Chained',
      },
      { id: 'spare', to: ['blue'], channel: 'phone', title: 'Spare' },
      { id: 'dropped', at: 'T+00:40', to: ['red'], channel: 'email', title: 'Dropped' },
    ],
  })
  return new LocalExercise(scenario, START)
}

function run(local: LocalExercise, command: Command, at = START) {
  const result = local.execute(command, at)
  if (!result.ok) throw new Error(result.error.message)
}

describe('mselEntries and entriesByStatus', () => {
  it('sorts upcoming injects by due time and lists the rest by status', () => {
    const local = exercise()
    run(local, { type: 'clock.jump', t: 600 }) // fires `early` at T+00:10
    run(local, { type: 'inject.skip', injectId: 'dropped' })
    run(local, { type: 'inject.delay', injectId: 'named', by: 900 }) // T+00:20 → T+00:35
    const scenario = local.state.scenario!
    const sections = entriesByStatus(mselEntries(local.state, scenario))

    expect(sections.upcoming.map((entry) => entry.inject.id)).toEqual(['late', 'named'])
    expect(sections.upcoming[1]).toMatchObject({ status: 'upcoming', dueT: 2100, moved: true })
    expect(sections.upcoming[0]).toMatchObject({ dueT: 1800, moved: false })
    expect(sections.waiting.map((entry) => entry.inject.id)).toEqual(['chained', 'spare'])
    expect(sections.fired).toEqual([expect.objectContaining({ status: 'fired', firedT: 600 })])
    expect(sections.skipped).toEqual([
      expect.objectContaining({ status: 'skipped', skippedT: 600, order: 5 }),
    ])
  })

  it('moves an inject waiting on another to upcoming once that one fires', () => {
    const local = exercise()
    run(local, { type: 'clock.jump', t: 1800 })
    const chained = mselEntries(local.state, local.state.scenario!).find(
      (entry) => entry.inject.id === 'chained',
    )
    expect(chained).toMatchObject({ status: 'upcoming', dueT: 2100 })
  })

  it('says fired for an inject fired by hand after it was skipped', () => {
    const local = exercise()
    run(local, { type: 'inject.skip', injectId: 'late' })
    run(local, { type: 'inject.fire', injectId: 'late' })
    const late = mselEntries(local.state, local.state.scenario!).find(
      (entry) => entry.inject.id === 'late',
    )
    expect(late?.status).toBe('fired')
  })
})

describe('groupByPhase', () => {
  it('groups by phase in phase order, empty phases included, then the injects without one', () => {
    const local = exercise()
    const scenario = local.state.scenario!
    const groups = groupByPhase(mselEntries(local.state, scenario), scenario.phases)
    expect(
      groups.map((group) => [group.key, group.name, group.items.map((e) => e.inject.id)]),
    ).toEqual([
      ['p1', '1 · Quiet', ['early']],
      ['p2', '2 · Step', ['late', 'named']],
      ['p3', '3 · Empty', []],
      ['', 'No phase', ['chained', 'spare', 'dropped']],
    ])
    expect(groups[0]?.summary).toBe('Nothing yet.')
  })

  it('builds groups from the injects alone when the scenario lists no phases', () => {
    const inject = (id: string, phase: string) => ({ inject: { id, phase } as never, id })
    const groups = groupByPhase(
      [inject('a', 'Start'), inject('b', 'Impact'), inject('c', ''), inject('d', 'Start')],
      [],
    )
    expect(groups.map((group) => [group.name, group.items.map((item) => item.id)])).toEqual([
      ['Start', ['a', 'd']],
      ['Impact', ['b']],
      ['No phase', ['c']],
    ])
  })
})
