import { describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../protocol/events'
import type { Viewer } from '../protocol/viewer'
import { FACILITATOR } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import { viewEvents } from '../visibility/viewEvent'
import { decide } from './decide'
import { numberDrafts } from './numberDrafts'
import { foldEvents } from './reducer'

const red: Viewer = { role: 'participant', participantId: 'p-red', teamId: 'red', side: 'red' }
const NOW = 1_000_000

function exercise(): HoldoverEvent[] {
  return [
    {
      type: 'exercise.created',
      seq: 1,
      at: NOW,
      t: 0,
      exerciseId: 'x',
      title: 'Removal',
      scenario: testScenario(),
      seed: 1,
    },
    {
      type: 'participant.joined',
      seq: 2,
      at: NOW,
      t: 0,
      participantId: 'p-red',
      teamId: 'red',
      name: 'Mallory',
    },
  ]
}

/** The log after the facilitator's command, and its state. */
function run(
  log: HoldoverEvent[],
  command: Parameters<typeof decide>[1],
  actor: Viewer = FACILITATOR,
  hotWash = false,
) {
  const state = foldEvents(log)
  const decided = decide(state, command, actor, NOW + 1000, { hotWash })
  if (!decided.ok) return { decided, log, state }
  const next = [...log, ...numberDrafts(decided.events, state.seq)]
  return { decided, log: next, state: foldEvents(next) }
}

describe('removing a participant', () => {
  it('records who removed whom, seen by the facilitator and that team only, and refuses them after', () => {
    const removed = run(exercise(), { type: 'participant.remove', participantId: 'p-red' })
    expect(removed.decided.ok).toBe(true)
    const event = removed.log.at(-1)!
    expect(event).toMatchObject({
      type: 'participant.removed',
      participantId: 'p-red',
      teamId: 'red',
      name: 'Mallory',
      by: 'facilitator',
    })
    expect(removed.state.participants['p-red']?.removedAt).toBe(NOW + 1000)
    expect(viewEvents([event], { role: 'team', teamId: 'red' })).toHaveLength(1)
    expect(viewEvents([event], { role: 'team', teamId: 'blue' })).toHaveLength(0)
    const chat = run(removed.log, { type: 'chat.send', channel: 'red', text: 'still here?' }, red)
    expect(chat.decided).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'You were removed from this exercise by the facilitator.',
      },
    })
  })

  it('works after the end, when nothing else does but hot-wash chat', () => {
    const ended = run(exercise(), { type: 'exercise.end' })
    const chatAfter = run(
      ended.log,
      { type: 'chat.send', channel: 'red', text: 'hot wash' },
      red,
      false,
    )
    expect(chatAfter.decided).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const chatInHotWash = run(
      ended.log,
      { type: 'chat.send', channel: 'red', text: 'hot wash' },
      red,
      true,
    )
    expect(chatInHotWash.decided.ok).toBe(true)
    const start = run(ended.log, { type: 'clock.start' }, FACILITATOR, true)
    expect(start.decided).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(run(ended.log, { type: 'participant.remove', participantId: 'p-red' }).decided.ok).toBe(
      true,
    )
  })
})
