import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EMPTY_STATE } from '../protocol/state'
import { parseScenario } from '../scenario/parseScenario'
import { ExerciseLog } from './ExerciseLog'
import { foldVisible } from './foldVisible'
import { LocalExercise } from './LocalExercise'
import { playRandomly } from './randomPlay'
import { applyEvent, foldEvents } from './reducer'

/** A shipped scenario played headless by random players, with keyframes every 50 events. */
function played(file: string, seed: number) {
  const parsed = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file)
  if (!parsed.ok) throw new Error(`${file} does not parse`)
  const exercise = new LocalExercise(parsed.scenario, 1_800_000_000_000, { keyframeEvery: 50 })
  playRandomly(exercise, { seed, untilSeq: 400 })
  return exercise
}

const drill = played('drill-ntp-shift.yaml', 3)
const teams = drill.state.scenario!.teams.map((team) => team.id)

describe('the exercise log', () => {
  it('folds a played log in one pass to the state event-by-event application gives', () => {
    let stepwise = EMPTY_STATE
    for (const event of drill.log) stepwise = applyEvent(stepwise, event)
    expect(foldEvents(drill.log)).toEqual(stepwise)
    expect(drill.state).toEqual(stepwise)
  })

  it('keeps every state it has handed out as it was', () => {
    const log = new ExerciseLog({ keyframeEvery: 50 })
    log.append(drill.log.slice(0, 200))
    const early = log.state
    const copy = structuredClone(early)
    log.append(drill.log.slice(200))
    expect(early).toEqual(copy)
  })

  it('gives the same state from the nearest keyframe as from a full fold, for every audience', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: drill.log.length }), (seq) => {
        const prefix = drill.log.slice(0, seq)
        const folded = foldEvents(prefix)
        expect(drill.history.stateAt(seq)).toEqual(folded)
        // A team at that moment is `viewState` of this truth (viewState.property.test.ts checks
        // it against the fold of what the team saw), so the truth's keyframes serve every team.
        for (const teamId of teams) {
          const audience = { role: 'team', teamId } as const
          // Its own numbering aside, a team's live view is the fold of what it may see.
          const built = ExerciseLog.fromEvents(prefix).view(audience)
          const { seq: _seq, ...visible } = foldVisible(prefix, audience)
          expect(built.chat.map((m) => m.text)).toEqual(visible.chat.map((m) => m.text))
          expect(built.scenario).toEqual(visible.scenario)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('gives a team the same view whether it followed from the start or on first use', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: drill.log.length }),
        fc.constantFrom(...teams),
        (seq, teamId) => {
          const prefix = drill.log.slice(0, seq)
          const onUse = ExerciseLog.fromEvents(prefix, { keyframeEvery: 50, teams: 'firstUse' })
          const audience = { role: 'team', teamId } as const
          expect(onUse.view(audience)).toEqual(ExerciseLog.fromEvents(prefix).view(audience))
          expect(onUse.eventsAfter(0, audience)).toEqual(
            ExerciseLog.fromEvents(prefix).eventsAfter(0, audience),
          )
        },
      ),
      { numRuns: 40 },
    )
  })

  it('keeps no keyframes when told to, and gives every audience what a keyframed log does', () => {
    // A live room's log: appended a commit at a time, read at its head after each.
    const live = new ExerciseLog({ keyframeEvery: Number.POSITIVE_INFINITY })
    for (let i = 0; i < drill.log.length; i += 7) {
      const appended = live.append(drill.log.slice(i, i + 7))
      for (const teamId of teams) {
        const audience = { role: 'team', teamId } as const
        const seq = live.seqOf(audience)
        const shared = appended.byTeam.get(teamId) ?? []
        const whole = drill.history.eventsAfter(seq - shared.length, audience)
        expect(shared).toEqual(whole.slice(0, shared.length))
        expect(live.eventsAfter(seq - shared.length, audience)).toEqual(shared)
      }
    }
    for (const teamId of teams) {
      const audience = { role: 'team', teamId } as const
      expect(live.view(audience)).toEqual(drill.history.view(audience))
    }
    expect(live.state).toEqual(drill.state)
    expect(live.stateAt(77)).toEqual(drill.history.stateAt(77))
    expect(() => new ExerciseLog({ keyframeEvery: 0 })).toThrow(RangeError)
    expect(() => new ExerciseLog({ keyframeEvery: 2.5 })).toThrow(RangeError)
  })

  it('reads the truth at its head from the fold it keeps, folding nothing again', () => {
    // Keyframes every 50 events, and the head 399 events past the first: a seek would refold.
    const log = ExerciseLog.fromEvents(drill.log.slice(0, 399), { keyframeEvery: 50 })
    expect(log.stateAt(399)).toBe(log.state)
  })

  it('refuses an event that does not follow its head', () => {
    const log = ExerciseLog.fromEvents(drill.log.slice(0, 10))
    expect(() => log.append([drill.log[11]!])).toThrow(RangeError)
    expect(() => log.append([drill.log[9]!])).toThrow(RangeError)
    // A batch with a gap inside appends nothing, not the events before the gap.
    expect(() => log.append([drill.log[10]!, drill.log[12]!])).toThrow(RangeError)
    expect(log.headSeq).toBe(10)
    expect(log.state).toEqual(foldEvents(drill.log.slice(0, 10)))
  })
})
