import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EMPTY_STATE } from '../protocol/state'
import type { Viewer } from '../protocol/viewer'
import { parseScenario } from '../scenario/parseScenario'
import { foldVisible } from './foldVisible'
import { LocalExercise } from './LocalExercise'
import { applyEvent, foldEvents } from './reducer'

function drillLog() {
  const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
  if (!parsed.ok) throw new Error('drill does not parse')
  const exercise = new LocalExercise(parsed.scenario, 0)
  const soc: Viewer = { role: 'participant', participantId: 'p', teamId: 'soc', side: 'blue' }
  exercise.execute({ type: 'clock.start' }, 0)
  exercise.execute({ type: 'clock.setSpeed', speed: 60 }, 1000)
  exercise.execute({ type: 'action.take', actionId: 'check-reference' }, 20_000, soc)
  exercise.execute({ type: 'chat.send', channel: 'soc', text: 'on it' }, 21_000, soc)
  exercise.execute(
    {
      type: 'inject.send',
      to: ['soc', 'ot'],
      title: 'Heads up',
      body: 'b',
      channel: 'email',
      from: 'Control',
    },
    22_000,
  )
  exercise.execute({ type: 'clock.jump', t: 3600 }, 30_000)
  exercise.execute({ type: 'exercise.end' }, 31_000)
  return exercise
}

describe('the reducer', () => {
  it('folds a log to the state the engine held, and never changes what it is given', () => {
    const exercise = drillLog()
    const frozen = structuredClone(exercise.log)
    const folded = foldEvents(exercise.log)
    expect(folded).toEqual(exercise.state)
    expect(exercise.log).toEqual(frozen)
    // Each step leaves its input as it was: earlier states stay valid (replay keeps them).
    let state = EMPTY_STATE
    for (const event of exercise.log) {
      const before = structuredClone(state)
      const next = applyEvent(state, event)
      expect(state).toEqual(before)
      state = next
    }
  })

  it('gives any prefix of the log the state as it was at that moment', () => {
    const exercise = drillLog()
    const half = Math.floor(exercise.log.length / 2)
    const atHalf = foldEvents(exercise.log.slice(0, half))
    expect(atHalf.seq).toBe(half)
    expect(foldEvents(exercise.log.slice(half), atHalf)).toEqual(exercise.state)
    expect(atHalf.ended).toBe(false)
    expect(exercise.state.ended).toBe(true)
  })

  it('folds the events an audience may see into a state without what it may not', () => {
    const exercise = drillLog()
    const red = foldVisible(exercise.log, { role: 'team', teamId: 'red' })
    expect(red.chat).toEqual([])
    expect(red.actions).toEqual([])
    expect(red.deliveries.every((d) => d.teamId === 'red')).toBe(true)
    expect(red.scenario?.injects).toEqual([])
    expect(red.effects).toEqual([])
    const soc = foldVisible(exercise.log, { role: 'team', teamId: 'soc' })
    expect(soc.chat.map((m) => m.text)).toEqual(['on it'])
    expect(soc.deliveries.some((d) => d.title === 'Heads up')).toBe(true)
    expect(soc.clock).toEqual(exercise.state.clock)
  })
})
