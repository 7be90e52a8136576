/** Ids that name what every object inherits must be ordinary ids: refused clearly, or found. */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Command } from '../protocol/commands'
import { parseCommand } from '../protocol/parseCommand'
import type { Viewer } from '../protocol/viewer'
import { FACILITATOR } from '../protocol/viewer'
import { parseScenario } from '../scenario/parseScenario'
import { testScenario } from '../scenario/testScenario'
import { decide } from './decide'
import { LocalExercise } from './LocalExercise'

const INHERITED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const

const red: Viewer = { role: 'participant', participantId: 'p-red', teamId: 'red', side: 'red' }
const soc: Viewer = { role: 'participant', participantId: 'p-soc', teamId: 'soc', side: 'blue' }

/** Every command with a valid example and the fields of it that carry an id. */
const COMMANDS: { command: Record<string, unknown>; idFields: string[] }[] = [
  { command: { type: 'exercise.open', exerciseId: 'x' }, idFields: ['exerciseId'] },
  { command: { type: 'inject.fire', injectId: 'kickoff' }, idFields: ['injectId'] },
  { command: { type: 'inject.skip', injectId: 'kickoff' }, idFields: ['injectId'] },
  { command: { type: 'inject.delay', injectId: 'kickoff', by: 60 }, idFields: ['injectId'] },
  {
    command: { type: 'decision.open', decisionId: 'declare-major-incident' },
    idFields: ['decisionId'],
  },
  { command: { type: 'inject.send', to: 'soc', title: 'T', body: '' }, idFields: ['to'] },
  {
    command: { type: 'attack.launch', attackId: 'shift-upstream', target: 'up-7' },
    idFields: ['attackId', 'target'],
  },
  {
    command: { type: 'action.take', actionId: 'pin-to-reference', target: 'ntp1-corp' },
    idFields: ['actionId', 'target'],
  },
  {
    command: { type: 'decision.answer', decisionId: 'declare-major-incident', optionId: 'wait' },
    idFields: ['decisionId', 'optionId'],
  },
  { command: { type: 'chat.send', channel: 'soc', text: 'hi' }, idFields: ['channel'] },
]

function drill(): LocalExercise {
  const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
  if (!parsed.ok) throw new Error('the drill scenario does not parse')
  const local = new LocalExercise(parsed.scenario, 0)
  local.execute({ type: 'clock.start' }, 0)
  // Past T+00:35, so the SOC's decision is open and every kind of record holds something.
  local.tick(40 * 60_000)
  local.execute({ type: 'action.take', actionId: 'check-reference' }, 40 * 60_000, soc)
  return local
}

describe('inherited names as ids', () => {
  it('are refused clearly in every id field of every command, by every role, changing nothing', () => {
    const local = drill()
    const before = JSON.stringify(local.state)
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMANDS),
        fc.nat(),
        fc.constantFrom(...INHERITED),
        fc.constantFrom<Viewer>(FACILITATOR, red, soc),
        ({ command, idFields }, pick, name, actor) => {
          const field = idFields[pick % idFields.length]!
          const raw = { ...command, [field]: name }
          const parsed = parseCommand(raw)
          // The boundary may refuse it (ids are lowercase); the engine must refuse it too, if
          // it ever got that far, and never by throwing.
          const attempts = [raw as Command, ...(parsed.ok ? [parsed.command] : [])]
          if (!parsed.ok) expect(parsed.error.code).toBe('invalid')
          for (const attempt of attempts) {
            const decided = decide(local.state, attempt, actor, 40 * 60_000)
            if (attempt.type === 'exercise.open') continue
            expect(decided.ok, `${attempt.type}.${field} = ${name}`).toBe(false)
            if (!decided.ok) {
              expect(decided.error.code).not.toBe('internal')
              expect(decided.error.message).toMatch(/^[A-Z]/)
              expect(decided.error.message).not.toMatch(/\n\s+at |Error:|undefined|\[object/)
            }
          }
        },
      ),
      { numRuns: 400 },
    )
    expect(JSON.stringify(local.state)).toBe(before)
  })

  it('are ordinary ids in a scenario that uses them', () => {
    const local = new LocalExercise(
      testScenario({
        injects: [{ id: 'constructor', to: ['blue'], channel: 'email', title: 'Named oddly' }],
        decisions: [
          {
            id: 'constructor',
            to: 'blue',
            question: 'Odd?',
            within: 'T+00:10',
            options: [
              { id: 'constructor', label: 'Yes' },
              { id: 'no', label: 'No' },
            ],
          },
        ],
      }),
      0,
    )
    expect(local.execute({ type: 'inject.fire', injectId: 'constructor' }, 0)).toMatchObject({
      ok: true,
    })
    expect(local.state.deliveries.map((d) => d.title)).toEqual(['Named oddly'])
    expect(local.execute({ type: 'decision.open', decisionId: 'constructor' }, 0).ok).toBe(true)
    const blue: Viewer = { role: 'participant', participantId: 'p', teamId: 'blue', side: 'blue' }
    expect(
      local.execute(
        { type: 'decision.answer', decisionId: 'constructor', optionId: 'constructor' },
        0,
        blue,
      ),
    ).toMatchObject({ ok: true })
    expect(local.state.decisions.constructor).toMatchObject({
      state: 'closed',
      optionId: 'constructor',
    })
  })
})
