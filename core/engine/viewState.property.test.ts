import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../scenario/parseScenario'
import { viewState } from '../visibility/viewState'
import { foldVisible } from './foldVisible'
import { LocalExercise } from './LocalExercise'
import { playEnding, playRandomly } from './randomPlay'
import { foldEvents } from './reducer'

/** A shipped scenario played headless by seeded random players, red busy, to its hot wash. */
function played(file: string, seed: number, untilSeq: number) {
  const parsed = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file)
  if (!parsed.ok) throw new Error(`${file} does not parse`)
  const exercise = new LocalExercise(parsed.scenario, 1_800_000_000_000)
  const wall = playRandomly(exercise, { seed, untilSeq, speed: 60, attackRate: 0.3 })
  playEnding(exercise, wall + 1000)
  return exercise
}

const logs = [
  played('drill-ntp-shift.yaml', 4, 500),
  played('national-time-lab-intrusion.yaml', 5, 500),
  played('constellation-timing-outage.yaml', 1, 500),
]

describe('viewState', () => {
  it.each(logs.map((exercise) => [exercise.state.scenario!.id, exercise] as const))(
    'gives each team of %s, at any moment, the fold of what it may see',
    (_id, exercise) => {
      const teams = exercise.state.scenario!.teams.map((team) => team.id)
      fc.assert(
        fc.property(fc.integer({ min: 0, max: exercise.log.length }), (seq) => {
          const prefix = exercise.log.slice(0, seq)
          const truth = foldEvents(prefix)
          for (const teamId of teams) {
            const audience = { role: 'team', teamId } as const
            // The fold's seq is the last event the team saw; viewState's is the moment's.
            expect(viewState(truth, audience), `${teamId} at ${seq}`).toEqual({
              ...foldVisible(prefix, audience),
              seq,
            })
          }
        }),
        { numRuns: 25 },
      )
    },
  )

  it('plays logs where teams moved people, opened channels and were ruled on', () => {
    // What the property above covers is only as good as the logs: each kind of event a
    // team's share depends on occurs in them.
    const types = new Set(logs.flatMap((exercise) => exercise.log.map((event) => event.type)))
    for (const type of [
      'participant.moved',
      'participant.removed',
      'channel.opened',
      'decision.extended',
      'hotwash.submitted',
      'channel.message',
      'adjudication.ruled',
      'adjudication.required',
      'decision.closed',
      'twin.statusChanged',
      'twin.alert',
      'inject.acknowledged',
    ] as const) {
      expect(types, type).toContain(type)
    }
  })

  it('gives the facilitator and an evaluator the truth itself', () => {
    const truth = logs[0]!.state
    expect(viewState(truth, { role: 'facilitator' })).toBe(truth)
    expect(viewState(truth, { role: 'evaluator', evaluatorId: 'e1' })).toBe(truth)
  })
})
