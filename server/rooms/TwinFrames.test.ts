import { describe, expect, it } from 'vitest'
import { exampleTwinExercise } from '../../core/engine/twinViewExercise'
import type { TwinFrame } from '../../core/protocol/twinViewFrame'
import { FULL_FRAME_EVERY, TwinFrames } from './TwinFrames'

function publisher(listening: Set<string>) {
  const sent: { key: string; frame: TwinFrame }[] = []
  const frames = new TwinFrames('x', {
    publish: (_exerciseId, key, frame) => sent.push({ key, frame }),
    listening: (_exerciseId, key) => listening.has(key),
  })
  return { frames, sent }
}

describe('TwinFrames', () => {
  it('publishes one frame per listening audience per tick, however many sockets follow it', () => {
    const exercise = exampleTwinExercise({ jammed: ['rcv-core-1'] })
    const listening = new Set(['facilitator', 'team:telco'])
    const { frames, sent } = publisher(listening)
    frames.push(exercise.state, 60_000)
    frames.push(exercise.state, 60_250)
    expect(sent.map(({ key, frame }) => [key, frame.full])).toEqual([
      ['facilitator', true],
      ['team:telco', true],
      ['facilitator', false],
      ['team:telco', false],
    ])
    // The same tick again: nothing moved, nothing sent.
    frames.push(exercise.state, 60_250)
    expect(sent).toHaveLength(4)
  })

  it('starts an audience over with a full frame when it comes back, and sends one full frame every so often', () => {
    const exercise = exampleTwinExercise({ jammed: ['rcv-core-1'] })
    const listening = new Set(['team:telco'])
    const { frames, sent } = publisher(listening)
    frames.push(exercise.state, 1_000)
    listening.delete('team:telco')
    frames.push(exercise.state, 2_000)
    listening.add('team:telco')
    frames.push(exercise.state, 3_000)
    expect(sent.map(({ frame }) => [frame.t, frame.full])).toEqual([
      [1, true],
      [3, true],
    ])
    for (let tick = 4; tick < 4 + 2 * FULL_FRAME_EVERY; tick++)
      frames.push(exercise.state, tick * 1000)
    const fulls = sent.filter(({ frame }) => frame.full).length
    expect(fulls).toBe(4)
  })
})
