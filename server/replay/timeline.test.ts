import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LocalExercise } from '../../core/engine/LocalExercise'
import { playEnding, playRandomly } from '../../core/engine/randomPlay'
import { parseScenario } from '../../core/scenario/parseScenario'
import { testScenario } from '../../core/scenario/testScenario'
import type { DocumentUpdateRecord } from '../store/Store'
import { buildTimeline } from './timeline'

const edit = (id: number, at: number, author: string | null): DocumentUpdateRecord => ({
  exerciseId: 'ex',
  doc: 'notebook:blue',
  id,
  at,
  t: 0,
  author,
  update: new Uint8Array([0, 0]),
})

describe('the replay timeline', () => {
  it('words every kind of event a played exercise logs, never showing a bare event type', () => {
    const parsed = parseScenario(
      readFileSync('scenarios/national-time-lab-intrusion.yaml', 'utf8'),
      'national-time-lab-intrusion.yaml',
    )
    if (!parsed.ok) throw new Error('the scenario does not parse')
    const exercise = new LocalExercise(parsed.scenario, 1_800_000_000_000)
    const wall = playRandomly(exercise, { seed: 5, untilSeq: 500, speed: 60, attackRate: 0.3 })
    playEnding(exercise, wall + 1000)
    const timeline = buildTimeline(exercise.log, exercise.state, [])
    const types = new Set(exercise.log.map((event) => event.type))
    expect(types.size).toBeGreaterThan(20)
    for (const entry of timeline) {
      expect(entry.label, `seq ${entry.seq}`).not.toMatch(/^[a-zA-Z]+\.[a-zA-Z]+$/)
      expect(entry.label).not.toContain('undefined')
    }
    const labels = timeline.map((entry) => entry.label)
    expect(labels).toContainEqual(
      expect.stringMatching(/^Twin effect .+ on .+, from (an attack|a response|an inject)$/),
    )
    expect(labels).toContainEqual(expect.stringMatching(/ moved from .+ to /))
    expect(labels).toContain('Hot wash survey opened')
  })

  it('reads each event by team name and puts notebook edits between the events around them', () => {
    const exercise = new LocalExercise(testScenario(), 1_000)
    exercise.execute({ type: 'chat.send', channel: 'blue', text: 'offset on ntp1' }, 2_000)
    exercise.execute(
      {
        type: 'inject.send',
        to: 'blue',
        title: 'Check ntp1',
        body: '',
        channel: 'email',
        from: 'SOC lead',
      },
      60_000,
    )
    const timeline = buildTimeline(exercise.log, exercise.state, [
      edit(1, 1_500, null),
      edit(2, 10_000, 'facilitator'),
      // Updates close together from one author read as one edit.
      edit(3, 12_000, 'facilitator'),
      edit(4, 90_000, 'facilitator'),
    ])
    expect(timeline.map((entry) => [entry.kind, entry.label])).toEqual([
      ['other', expect.stringContaining('Exercise created')],
      ['notebook', 'Blue notebook edited by the template'],
      ['chat', expect.stringMatching(/\(Blue\): offset on ntp1$/)],
      ['notebook', 'Blue notebook edited by the white cell'],
      ['inject', 'Inject to Blue: Check ntp1'],
      ['notebook', 'Blue notebook edited by the white cell'],
    ])
    // An edit follows the last event recorded before it: the state beside it is that event's.
    expect(timeline[3]).toMatchObject({ seq: timeline[2]!.seq, at: 12_000, teams: ['blue'] })
  })
})
