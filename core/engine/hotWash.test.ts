import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { CommandInput } from '../protocol/commands'
import type { HoldoverEvent } from '../protocol/events'
import { parseCommand } from '../protocol/parseCommand'
import type { Viewer } from '../protocol/viewer'
import { FACILITATOR } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import { viewEvents } from '../visibility/viewEvent'
import { type DecideContext, decide } from './decide'
import { numberDrafts } from './numberDrafts'
import { foldEvents } from './reducer'

const NOW = 1_000_000
const alice: Viewer = {
  role: 'participant',
  participantId: 'p-alice',
  teamId: 'blue',
  side: 'blue',
}
const bob: Viewer = { role: 'participant', participantId: 'p-bob', teamId: 'blue', side: 'blue' }
const mallory: Viewer = { role: 'participant', participantId: 'p-mal', teamId: 'red', side: 'red' }
const evaluator: Viewer = { role: 'evaluator', evaluatorId: 'e-ada' }
const ballotOf = (participantId: string) =>
  createHash('sha256').update(`key|${participantId}`).digest('base64url').slice(0, 22)
const DURING_HOT_WASH: DecideContext = { hotWash: true, ballotOf }

const scenario = testScenario({
  objectives: [
    {
      id: 'detect',
      capability: 'Situational Assessment',
      text: 'Recognise the time shift.',
      metWhen: 'The offset is reported before T+01:00.',
      criticalTasks: ['Notice the alert'],
    },
    { id: 'coordinate', capability: 'Operational Coordination', text: 'Bridge the teams.' },
  ],
})

function started(): HoldoverEvent[] {
  const meta = { at: NOW, t: 0 }
  const joined = (viewer: Viewer, name: string, seq: number): HoldoverEvent => {
    if (viewer.role !== 'participant') throw new Error('a participant')
    const { participantId, teamId } = viewer
    return { type: 'participant.joined', seq, ...meta, participantId, teamId, name }
  }
  return [
    {
      type: 'exercise.created',
      seq: 1,
      ...meta,
      exerciseId: 'x',
      title: 'Drill',
      scenario,
      seed: 1,
    },
    joined(alice, 'Alice Liddell', 2),
    joined(bob, 'Bob Marley', 3),
    joined(mallory, 'Mallory', 4),
  ]
}

/** The log with `command` from `actor` applied when accepted, and the engine's answer. */
function run(
  log: HoldoverEvent[],
  command: CommandInput,
  actor: Viewer = FACILITATOR,
  context: DecideContext = DURING_HOT_WASH,
) {
  const parsed = parseCommand(command)
  if (!parsed.ok) throw new Error(parsed.error.message)
  const state = foldEvents(log)
  const decided = decide(state, parsed.command, actor, NOW + 60_000, context)
  return {
    decided,
    log: decided.ok ? [...log, ...numberDrafts(decided.events, state.seq)] : log,
  }
}

function ended(): HoldoverEvent[] {
  return run(started(), { type: 'exercise.end' }).log
}

const response = (overrides: Record<string, unknown> = {}): CommandInput =>
  ({
    type: 'hotwash.submit',
    wentWell: 'The bridge call with the OT team.',
    toImprove: 'Escalate sooner.',
    ratings: { detect: 4, coordinate: 2 },
    signed: false,
    ...overrides,
  }) as CommandInput

describe('the hot wash', () => {
  it("opens for every team when the exercise ends, on the objectives but not the white cell's criteria", () => {
    const log = ended()
    for (const team of ['red', 'blue']) {
      const seen = foldEvents(viewEvents(log, { role: 'team', teamId: team }))
      expect(seen.hotWash.survey).toEqual([
        { id: 'detect', capability: 'Situational Assessment', text: 'Recognise the time shift.' },
        { id: 'coordinate', capability: 'Operational Coordination', text: 'Bridge the teams.' },
      ])
    }
    expect(JSON.stringify(log.at(-1))).not.toMatch(/Notice the alert|before T\+01:00/)
    expect(foldEvents(started()).hotWash.survey).toBeNull()
  })

  it('keeps an anonymous response for the white cell, naming nobody, and sends it to no team', () => {
    const { decided, log } = run(ended(), response(), alice)
    expect(decided).toMatchObject({ ok: true })
    const event = log.at(-1)!
    expect(event).toMatchObject({
      type: 'hotwash.submitted',
      wentWell: 'The bridge call with the OT team.',
      ratings: { detect: 4, coordinate: 2 },
      author: null,
    })
    expect(JSON.stringify(event)).not.toMatch(/p-alice|Alice|blue/)
    expect(foldEvents(log).hotWash.responses).toHaveLength(1)
    for (const team of ['red', 'blue']) {
      const seen = viewEvents(log, { role: 'team', teamId: team })
      expect(seen.map((e) => e.type)).not.toContain('hotwash.submitted')
      expect(foldEvents(seen).hotWash.responses).toEqual([])
    }
  })

  it('names the author of a signed response', () => {
    const { log } = run(ended(), response({ signed: true }), bob)
    expect(log.at(-1)).toMatchObject({
      type: 'hotwash.submitted',
      author: { participantId: 'p-bob', teamId: 'blue', name: 'Bob Marley' },
    })
  })

  it('takes one response per participant: a second, signed or not, is refused and the first stands', () => {
    const once = run(ended(), response(), alice).log
    const again = run(once, response({ signed: true, wentWell: 'Changed my mind' }), alice)
    expect(again.decided).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('already sent') },
    })
    expect(foldEvents(again.log).hotWash.responses.map((r) => r.wentWell)).toEqual([
      'The bridge call with the OT team.',
    ])
    expect(run(once, response(), bob).decided.ok).toBe(true)
  })

  it('refuses a response before the end, and after the hot wash closed', () => {
    expect(run(started(), response(), alice).decided).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'The hot wash survey opens when the exercise ends.' },
    })
    expect(run(ended(), response(), alice, { ballotOf }).decided).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('has ended') },
    })
  })

  it('refuses a score for an objective the scenario does not have, naming those it has', () => {
    expect(run(ended(), response({ ratings: { detect: 4, recover: 5 } }), alice).decided).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message:
          "This scenario has no objective 'recover' to rate; its objectives are detect, coordinate.",
      },
    })
  })

  it('is for participants: the facilitator and evaluators are refused', () => {
    expect(run(ended(), response(), FACILITATOR).decided).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('for the participants') },
    })
    expect(run(ended(), response(), evaluator).decided).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('refuses at the boundary answers past their length, scores off the scale and odd objective keys', () => {
    const problems = [
      response({ wentWell: 'x'.repeat(2_001) }),
      response({ toImprove: 'x'.repeat(2_001) }),
      response({ ratings: { detect: 6 } }),
      response({ ratings: { detect: 2.5 } }),
      response({ ratings: JSON.parse('{"__proto__": 3}') }),
      response({ signed: 'yes' }),
      response({ participantId: 'p-bob' }),
    ]
    for (const problem of problems) {
      expect(parseCommand(problem), JSON.stringify(problem).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      })
    }
    expect(parseCommand(response({ ratings: {}, wentWell: '', toImprove: '' })).ok).toBe(true)
  })
})
