import { describe, expect, it } from 'vitest'
import type { Command } from '../protocol/commands'
import type { Viewer } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import { LocalExercise } from './LocalExercise'

const red: Viewer = { role: 'participant', participantId: 'p-red', teamId: 'red', side: 'red' }
const MIN = 60_000

function exercise() {
  const local = new LocalExercise(
    testScenario({
      injects: [{ id: 'alarm', at: 'T+00:10', to: ['blue'], channel: 'email', title: 'Alarm' }],
      decisions: [
        {
          id: 'isolate',
          to: 'blue',
          question: 'Isolate?',
          after: 'alarm',
          within: 'T+00:15',
          options: [
            { id: 'yes', label: 'Yes' },
            { id: 'no', label: 'No' },
          ],
        },
      ],
      actions: [{ id: 'notify-regulator', teams: ['blue'], label: 'Notify the regulator' }],
    }),
    0,
  )
  local.execute({ type: 'clock.start' }, 0)
  return local
}

/** The reply with the id asked about replaced, so that replies about two ids can be compared. */
function reply(local: LocalExercise, command: Command, id: string, now: number) {
  return JSON.stringify(local.execute(command, now, red)).replaceAll(id, '<id>')
}

describe('refusals tell a team nothing about the others', () => {
  it("answers another team's decision alike before it opens, while open, and when it does not exist", () => {
    const local = exercise()
    const answer = (decisionId: string) =>
      ({ type: 'decision.answer', decisionId, optionId: 'yes' }) as const
    const before = reply(local, answer('isolate'), 'isolate', MIN)
    local.tick(11 * MIN)
    expect(local.state.decisions.isolate?.state).toBe('open')
    const open = reply(local, answer('isolate'), 'isolate', 11 * MIN)
    const missing = reply(local, answer('ghost'), 'ghost', 11 * MIN)
    expect(open).toBe(before)
    expect(missing).toBe(before)
    expect(JSON.parse(before)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(before).not.toMatch(/another team|is open\./)
  })

  it("answers another team's action and a missing one alike", () => {
    const local = exercise()
    const take = (actionId: string) => ({ type: 'action.take', actionId }) as const
    expect(reply(local, take('notify-regulator'), 'notify-regulator', MIN)).toBe(
      reply(local, take('ghost'), 'ghost', MIN),
    )
  })

  it("answers another team's chat channel and a missing one alike", () => {
    const local = exercise()
    const chat = (channel: string) => ({ type: 'chat.send', channel, text: 'hello' }) as const
    const blue = reply(local, chat('blue'), 'blue', MIN)
    expect(reply(local, chat('ghost'), 'ghost', MIN)).toBe(blue)
    expect(JSON.parse(blue)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('still tells the facilitator which decisions and teams do not exist', () => {
    const local = exercise()
    expect(
      local.execute({ type: 'chat.send', channel: 'ghost', text: 'hello' }, MIN),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('red, blue') },
    })
  })
})
