import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Viewer } from '../protocol/viewer'
import { ATTACK_TECHNIQUES } from '../scenario/campaign'
import { parseScenario } from '../scenario/parseScenario'
import { testScenario } from '../scenario/testScenario'
import { viewEvents } from '../visibility/viewEvent'
import { LocalExercise } from './LocalExercise'

const red: Viewer = { role: 'participant', participantId: 'r', teamId: 'red', side: 'red' }
const labSec: Viewer = { role: 'participant', participantId: 'l', teamId: 'lab-sec', side: 'blue' }
const HOUR = 3600

function nationalLab(): LocalExercise {
  const file = 'scenarios/national-time-lab-intrusion.yaml'
  const parsed = parseScenario(readFileSync(file, 'utf8'), file)
  if (!parsed.ok) throw new Error('the national-lab scenario does not parse')
  const exercise = new LocalExercise(parsed.scenario, 0)
  exercise.execute({ type: 'clock.start' }, 0)
  return exercise
}

const launch = (exercise: LocalExercise, attackId: string, now: number) =>
  exercise.execute({ type: 'attack.launch', attackId }, now, red)

describe("red's campaign", () => {
  it('refuses a launch whose precondition has not taken effect, saying which', () => {
    const exercise = nationalLab()
    const seq = exercise.state.seq
    expect(launch(exercise, 'harvest-vpn-codes', 1000)).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          '“Harvest VPN passwords and SMS one-time codes from the phones” needs “Implant two staff phones through a messaging-app exploit” to have taken effect first.',
      },
    })
    expect(exercise.state.seq).toBe(seq)
  })

  it('lands each step after its time to execute, and only then opens the next', () => {
    const exercise = nationalLab()
    expect(launch(exercise, 'implant-phones', 1000).ok).toBe(true)
    // Launched at T+00:00:01 (a second of wall time at 1×); six hours to execute.
    expect(exercise.state.attacks[0]).toMatchObject({ target: null, landsT: 1 + 6 * HOUR })
    // Launched, not landed: the next step still waits.
    expect(launch(exercise, 'harvest-vpn-codes', 2000).ok).toBe(false)
    exercise.execute({ type: 'clock.jump', t: 6 * HOUR }, 3000)
    expect(launch(exercise, 'harvest-vpn-codes', 3000).ok).toBe(false)
    exercise.execute({ type: 'clock.jump', t: 7 * HOUR }, 3500)
    const landed = exercise.log.find((e) => e.type === 'attack.landed')
    expect(landed).toMatchObject({ attackId: 'implant-phones', t: 1 + 6 * HOUR })
    expect(launch(exercise, 'harvest-vpn-codes', 4000).ok).toBe(true)
  })

  it("shows a noisy step's alert to the blue team that would see it, when it lands", () => {
    const exercise = nationalLab()
    let now = 1000
    for (const step of ['implant-phones', 'harvest-vpn-codes', 'vpn-to-jump-host']) {
      expect(launch(exercise, step, now).ok).toBe(true)
      const landsT = exercise.state.attacks.at(-1)!.landsT!
      now += 1000
      exercise.execute({ type: 'clock.jump', t: landsT }, now)
    }
    const seen = viewEvents(exercise.log, labSec).filter((e) => e.type === 'inject.delivered')
    expect(seen.map((e) => e.title)).toContain(
      '[MEDIUM] VPN session from a hosting provider, outside hours',
    )
    // Red knows how noisy the step is, not the words blue reads.
    const redScenario = viewEvents(exercise.log, red).find((e) => e.type === 'exercise.created')
    expect(JSON.stringify(redScenario)).not.toContain('outside hours')
    expect(JSON.stringify(redScenario)).toContain('A VPN session from a hosting provider at night')
  })

  it('names every ATT&CK technique the shipped scenarios use', () => {
    for (const file of [
      'drill-ntp-shift',
      'national-time-lab-intrusion',
      'gnss-bad-utc-correction',
      'false-leap-second',
      'constellation-timing-outage',
    ]) {
      const parsed = parseScenario(readFileSync(`scenarios/${file}.yaml`, 'utf8'), file)
      if (!parsed.ok) throw new Error(`${file} does not parse`)
      for (const attack of parsed.scenario.attacks)
        for (const id of attack.technique)
          expect(ATTACK_TECHNIQUES, `${file}: ${id}`).toHaveProperty(id)
    }
  })

  it('refuses a catalogue whose chain loops or requires an unknown attack', () => {
    const step = (id: string, requires: string[]) => ({ id, label: id, requires })
    expect(() => testScenario({ attacks: [step('a', ['b']), step('b', ['a'])] })).toThrow(
      /without a loop/,
    )
    expect(() => testScenario({ attacks: [step('a', ['zz'])] })).toThrow(
      /another attack of the catalogue, not 'zz'/,
    )
  })
})
