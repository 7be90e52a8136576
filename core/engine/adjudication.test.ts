import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Viewer } from '../protocol/viewer'
import { parseScenario } from '../scenario/parseScenario'
import { viewEvents } from '../visibility/viewEvent'
import { LocalExercise } from './LocalExercise'

const red: Viewer = { role: 'participant', participantId: 'r', teamId: 'red', side: 'red' }
const soc: Viewer = { role: 'participant', participantId: 's', teamId: 'soc', side: 'blue' }

function exerciseOf(file: string): LocalExercise {
  const parsed = parseScenario(readFileSync(`scenarios/${file}.yaml`, 'utf8'), file)
  if (!parsed.ok) throw new Error(`${file} does not parse`)
  const exercise = new LocalExercise(parsed.scenario, 0)
  exercise.execute({ type: 'clock.start' }, 0)
  return exercise
}

const delay = {
  type: 'attack.launch',
  attackId: 'delay-upstream',
  target: 'up-7',
  rationale: 'Quieter than a rewrite: under the step threshold.',
} as const

describe('adjudication', () => {
  it("queues an approval-required attack with red's rationale; the twin moves only once approved", () => {
    const exercise = exerciseOf('drill-ntp-shift')
    const queued = exercise.execute(delay, 1000, red)
    expect(queued.ok).toBe(true)
    expect(exercise.state.attacks).toEqual([])
    expect(exercise.state.effects).toEqual([])
    const [request] = exercise.state.play.rulings
    expect(request).toMatchObject({
      kind: 'attack',
      itemId: 'delay-upstream',
      teamId: 'red',
      target: 'up-7',
      rationale: 'Quieter than a rewrite: under the step threshold.',
    })
    expect(request?.ruling).toBeUndefined()

    const ruled = exercise.execute(
      {
        type: 'adjudication.rule',
        requestId: request!.requestId,
        verdict: 'approve',
        note: 'You have the kit.',
      },
      2000,
    )
    expect(ruled.ok).toBe(true)
    const ruling = exercise.log.find((e) => e.type === 'adjudication.ruled')
    // Who decided and when is on the record.
    expect(ruling).toMatchObject({ by: 'facilitator', verdict: 'approved', at: 2000 })
    expect(exercise.state.attacks.map((a) => [a.attackId, a.requestId])).toEqual([
      ['delay-upstream', request!.requestId],
    ])
    expect(exercise.state.effects.map((e) => e.effect)).toMatchObject([
      { kind: 'ntp-shift', target: 'up-7', method: 'delay' },
    ])
    // Red reads the outcome and the note.
    const seen = viewEvents(exercise.log, red)
    expect(seen.find((e) => e.type === 'adjudication.ruled')).toMatchObject({
      note: 'You have the kit.',
    })
    expect(viewEvents(exercise.log, soc).some((e) => e.type.startsWith('adjudication.'))).toBe(
      false,
    )
  })

  it('never moves the twin for a denied attack, and red reads why', () => {
    const exercise = exerciseOf('drill-ntp-shift')
    exercise.execute(delay, 1000, red)
    const requestId = exercise.state.play.rulings[0]!.requestId
    expect(
      exercise.execute(
        { type: 'adjudication.rule', requestId, verdict: 'deny', note: 'No such kit.' },
        2000,
      ).ok,
    ).toBe(true)
    exercise.execute({ type: 'clock.jump', t: 3600 }, 3000)
    expect(exercise.state.attacks).toEqual([])
    // The scripted injects still move the twin; red's denied attack never does.
    expect(exercise.state.effects.filter((e) => e.source === 'attack')).toEqual([])
    expect(exercise.state.play.rulings[0]?.ruling).toMatchObject({
      verdict: 'denied',
      note: 'No such kit.',
    })
    // Ruled once: a second ruling is refused.
    expect(
      exercise.execute(
        { type: 'adjudication.rule', requestId, verdict: 'approve', note: '' },
        4000,
      ),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('modifies only within what the attack may tune', () => {
    const exercise = exerciseOf('drill-ntp-shift')
    exercise.execute(delay, 1000, red)
    const requestId = exercise.state.play.rulings[0]!.requestId
    const rule = (params: Record<string, number>) =>
      exercise.execute(
        { type: 'adjudication.rule', requestId, verdict: 'modify', params, note: 'Smaller.' },
        2000,
      )
    expect(rule({ offsetNs: 500_000_000 })).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect(rule({ asymmetryNs: 1 })).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect(exercise.state.effects).toEqual([])
    expect(rule({ offsetNs: 20_000_000 }).ok).toBe(true)
    expect(exercise.state.effects.at(-1)?.effect).toMatchObject({ offsetNs: 20_000_000 })
    expect(exercise.state.attacks.at(-1)?.params).toEqual({ offsetNs: 20_000_000 })
  })

  it('asks for a rationale, and queues one request per move', () => {
    const exercise = exerciseOf('drill-ntp-shift')
    const { rationale: _r, ...bare } = delay
    expect(exercise.execute(bare, 1000, red)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    })
    expect(exercise.execute(delay, 1000, red).ok).toBe(true)
    expect(exercise.execute(delay, 1100, red)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
  })

  it('sends every attack to the queue once the facilitator turns approval on, and only then', () => {
    const exercise = exerciseOf('drill-ntp-shift')
    const shift = {
      type: 'attack.launch',
      attackId: 'shift-upstream',
      target: 'up-7',
      rationale: 'More of the same.',
    } as const
    expect(
      exercise.execute({ type: 'adjudication.require', attacks: true }, 500, red),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(exercise.execute({ type: 'adjudication.require', attacks: true }, 500).ok).toBe(true)
    expect(viewEvents(exercise.log, red).at(-1)).toMatchObject({
      type: 'adjudication.required',
      attacks: true,
    })
    exercise.execute(shift, 1000, red)
    expect(exercise.state.attacks).toEqual([])
    expect(exercise.state.play.rulings).toHaveLength(1)
    exercise.execute({ type: 'adjudication.require', attacks: false }, 1500)
    exercise.execute({ ...shift, target: 'up-8' }, 2000, red)
    expect(exercise.state.attacks.map((a) => a.target)).toEqual(['up-8'])
  })

  it("holds a blue action that needs a controller's ruling until it is approved", () => {
    const exercise = exerciseOf('national-time-lab-intrusion')
    const labSec: Viewer = {
      role: 'participant',
      participantId: 'l',
      teamId: 'lab-sec',
      side: 'blue',
    }
    const take = {
      type: 'action.take',
      actionId: 'isolate-timescale-net',
      rationale: 'Cut the office path now.',
    } as const
    expect(exercise.execute(take, 1000, labSec).ok).toBe(true)
    expect(exercise.state.actions).toEqual([])
    const requestId = exercise.state.play.rulings[0]!.requestId
    exercise.execute(
      { type: 'adjudication.rule', requestId, verdict: 'approve', note: 'Done.' },
      2000,
    )
    expect(exercise.state.actions.map((a) => [a.actionId, a.teamId])).toEqual([
      ['isolate-timescale-net', 'lab-sec'],
    ])
  })

  it('keeps its rulings through a restart (the state is the fold of the log)', () => {
    const exercise = exerciseOf('drill-ntp-shift')
    exercise.execute(delay, 1000, red)
    const before = exercise.state
    exercise.restart()
    expect(exercise.state).toEqual(before)
  })
})
