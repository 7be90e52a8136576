import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Viewer } from '../protocol/viewer'
import { parseScenario } from '../scenario/parseScenario'
import { LocalExercise } from './LocalExercise'

const red: Viewer = { role: 'participant', participantId: 'r', teamId: 'red', side: 'red' }

function drill(): LocalExercise {
  const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
  if (!parsed.ok) throw new Error('the drill scenario does not parse')
  const exercise = new LocalExercise(parsed.scenario, 0)
  exercise.execute({ type: 'clock.start' }, 0)
  return exercise
}

const launch = (exercise: LocalExercise, attackId: string, params: Record<string, unknown>) =>
  exercise.execute(
    { type: 'attack.launch', attackId, target: 'up-7', params: params as Record<string, number> },
    1000,
    red,
  )

describe("red tunes an attack's parameters within its catalogue's bounds", () => {
  it('launches with a tuned shift, and records what was tuned', () => {
    const exercise = drill()
    expect(launch(exercise, 'shift-upstream', { offsetS: 300 })).toMatchObject({ ok: true })
    expect(exercise.state.effects.at(-1)?.effect).toMatchObject({
      kind: 'ntp-shift',
      offsetS: 300,
      method: 'rewrite',
    })
    expect(exercise.state.attacks.at(-1)?.params).toEqual({ offsetS: 300 })
  })

  it('launches with the catalogue defaults when nothing is tuned', () => {
    const exercise = drill()
    expect(launch(exercise, 'shift-upstream', {}).ok).toBe(true)
    expect(exercise.state.effects.at(-1)?.effect).toMatchObject({ offsetS: 420 })
    expect(exercise.state.attacks.at(-1)?.params).toBeUndefined()
  })

  it.each([
    [{ method: 'delay' }, "'method' cannot be tuned; you may tune offsetS (Shift, 0.2 to 999 s)."],
    [{ offsetS: 1e300 }, 'Shift (offsetS) must be from 0.2 to 999 s, not 1e+300.'],
    [{ offsetS: -420 }, 'Shift (offsetS) must be from 0.2 to 999 s, not -420.'],
    [{ offsetS: '300' }, 'Shift (offsetS) takes a number of s, not "300".'],
    [{ offsetNs: 5 }, "'offsetNs' cannot be tuned; you may tune offsetS (Shift, 0.2 to 999 s)."],
    [
      { constructor: 5 },
      "'constructor' cannot be tuned; you may tune offsetS (Shift, 0.2 to 999 s).",
    ],
  ])('refuses %j, saying what may be tuned, and changes nothing', (params, message) => {
    const exercise = drill()
    const seq = exercise.state.seq
    expect(launch(exercise, 'shift-upstream', params)).toEqual({
      ok: false,
      error: { code: 'invalid', message: `Attack 'shift-upstream': ${message}` },
    })
    expect(exercise.state.seq).toBe(seq)
  })

  it('refuses any parameter of an attack that declares none', () => {
    const exercise = drill()
    expect(launch(exercise, 'kod-honest-upstream', { code: 'RATE' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('this attack has no parameters to tune') },
    })
  })
})

describe('an exercise recorded before catalogues declared tunables', () => {
  it('launches with defaults and refuses any parameter', () => {
    const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
    if (!parsed.ok) throw new Error('the drill scenario does not parse')
    const attacks = parsed.scenario.attacks.map(({ tunable: _tunable, ...attack }) => attack)
    const exercise = new LocalExercise(
      { ...parsed.scenario, attacks: attacks as typeof parsed.scenario.attacks },
      0,
    )
    expect(launch(exercise, 'shift-upstream', { offsetS: 300 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('this attack has no parameters to tune') },
    })
    expect(launch(exercise, 'shift-upstream', {}).ok).toBe(true)
  })
})
