/**
 * Non-interference: whatever blue does, red sees no more than it would have seen had blue done
 * nothing. Red's attacks and blue's mitigations are drawn at random over the drill's chain.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Viewer } from '../protocol/viewer'
import { parseScenario } from '../scenario/parseScenario'
import { viewEvents } from '../visibility/viewEvent'
import { LocalExercise } from './LocalExercise'

const red: Viewer = { role: 'participant', participantId: 'r', teamId: 'red', side: 'red' }
const soc: Viewer = { role: 'participant', participantId: 's', teamId: 'soc', side: 'blue' }
const ot: Viewer = { role: 'participant', participantId: 'o', teamId: 'ot', side: 'blue' }
const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
if (!parsed.ok) throw new Error('the drill scenario does not parse')
const drill = parsed.scenario

const attackArb = fc.record({
  minute: fc.integer({ min: 0, max: 100 }),
  attack: fc.constantFrom(...drill.attacks),
  target: fc.constantFrom('up-5', 'up-6', 'up-7', 'up-8'),
})
const mitigationArb = fc.record({
  minute: fc.integer({ min: 0, max: 100 }),
  action: fc.constantFrom(
    { actionId: 'pin-to-reference', target: 'ntp1-corp', by: soc },
    { actionId: 'pin-to-reference', target: 'ntp2-corp', by: soc },
    { actionId: 'ot-holdover', target: 'gm-north', by: ot },
  ),
})

type Step =
  | { minute: number; kind: 'attack'; attackId: string; target: string }
  | { minute: number; kind: 'action'; actionId: string; target: string; by: Viewer }

/** What red sees of the twin, by the end of the drill, after the steps in time order. */
function redSees(steps: Step[]): string[] {
  const exercise = new LocalExercise(drill, 0)
  exercise.execute({ type: 'clock.start' }, 0)
  for (const step of [...steps].sort((a, b) => a.minute - b.minute)) {
    const now = step.minute * 60_000
    if (step.kind === 'attack') {
      exercise.execute(
        { type: 'attack.launch', attackId: step.attackId, target: step.target },
        now,
        red,
      )
    } else {
      exercise.execute(
        { type: 'action.take', actionId: step.actionId, target: step.target },
        now,
        step.by,
      )
    }
  }
  exercise.tick(120 * 60_000)
  return viewEvents(exercise.log, red).flatMap((e) =>
    e.type === 'twin.statusChanged' ? [`${e.t}:${e.nodeId}:${e.previous}>${e.status}`] : [],
  )
}

describe("red's view of the twin", () => {
  it('is never more than it would be had blue done nothing', () => {
    fc.assert(
      fc.property(
        fc.array(attackArb, { minLength: 1, maxLength: 3 }),
        fc.array(mitigationArb, { minLength: 1, maxLength: 3 }),
        (attacks, mitigations) => {
          const attackSteps: Step[] = attacks.map(({ minute, attack, target }) => ({
            minute,
            kind: 'attack',
            attackId: attack.id,
            target,
          }))
          const actionSteps: Step[] = mitigations.map(({ minute, action }) => ({
            minute,
            kind: 'action',
            ...action,
          }))
          const alone = new Set(redSees(attackSteps))
          const defended = redSees([...attackSteps, ...actionSteps])
          expect(defended.filter((seen) => !alone.has(seen))).toEqual([])
        },
      ),
      { numRuns: 40 },
    )
  })
})
