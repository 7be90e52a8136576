import { describe, expect, it } from 'vitest'
import type { Viewer } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import { AudienceFeed } from './AudienceFeed'
import { foldVisible } from './foldVisible'
import { LocalExercise } from './LocalExercise'

const blue: Viewer = { role: 'participant', participantId: 'b', teamId: 'blue', side: 'blue' }

function busy(): LocalExercise {
  const exercise = new LocalExercise(testScenario(), 0)
  for (let i = 0; i < 10; i++) {
    exercise.execute({ type: 'chat.send', channel: i % 3 === 0 ? 'red' : 'blue', text: `m${i}` }, i)
  }
  return exercise
}

describe('AudienceFeed', () => {
  it("numbers a team's events 1, 2, 3… with no gap where another team's were", () => {
    const exercise = busy()
    const feed = AudienceFeed.of({ role: 'team', teamId: 'red' }, exercise.log)
    const seqs = feed.eventsAfter(exercise.log, 0).map((e) => e.seq)
    expect(seqs).toEqual(seqs.map((_, i) => i + 1))
    expect(feed.seq).toBe(seqs.length)
    expect(exercise.log.length).toBeGreaterThan(seqs.length)
    expect(feed.state.chat.map((m) => [m.seq, m.text])).toEqual([
      [2, 'm0'],
      [3, 'm3'],
      [4, 'm6'],
      [5, 'm9'],
    ])
  })

  it('folds the same state as the events it shows, but for their numbers', () => {
    const exercise = busy()
    const feed = AudienceFeed.of({ role: 'team', teamId: 'blue' }, exercise.log)
    const { chat, seq: _seq, ...rest } = feed.state
    const { chat: logChat, seq: _logSeq, ...logRest } = foldVisible(exercise.log, blue)
    expect(rest).toEqual(logRest)
    expect(chat.map((m) => m.text)).toEqual(logChat.map((m) => m.text))
    expect(feed.eventsAfter(exercise.log, 3).map((e) => e.seq)).toEqual([4, 5, 6, 7])
  })

  it('adds live events in the same numbering as a feed built from the log', () => {
    const exercise = busy()
    const live = AudienceFeed.of({ role: 'team', teamId: 'red' }, exercise.log.slice(0, 4))
    const added = exercise.log.slice(4).flatMap((event) => live.add(event) ?? [])
    const built = AudienceFeed.of({ role: 'team', teamId: 'red' }, exercise.log)
    expect(added).toEqual(built.eventsAfter(exercise.log, live.seq - added.length))
  })
})
