import { describe, expect, it } from 'vitest'
import { foldEvents } from '../../core/engine/reducer'
import type { HoldoverEvent, Snapshot } from '../../core/protocol'
import { holdEvents, holdSnapshot } from './heldExercise'

const scenario = {
  id: 'mini',
  title: 'Mini',
  summary: 'A small scenario.',
  teams: [{ id: 'soc', name: 'SOC', side: 'blue', briefing: '' }],
  injects: [],
} as unknown as Extract<HoldoverEvent, { type: 'exercise.created' }>['scenario']

const created: HoldoverEvent = {
  type: 'exercise.created',
  seq: 1,
  at: 1000,
  t: 0,
  exerciseId: 'x',
  title: 'Mini run',
  scenario,
  seed: 1,
}

function delivered(seq: number, title: string): HoldoverEvent {
  return {
    type: 'inject.delivered',
    seq,
    at: 1000 + seq,
    t: seq,
    injectId: null,
    deliveryId: `d${seq}`,
    teamId: 'soc',
    channel: 'email',
    from: 'Control',
    title,
    body: '',
  }
}

function snapshotAt(seq: number, events: HoldoverEvent[]): Snapshot {
  return {
    exerciseId: 'x',
    seq,
    state: foldEvents(events),
    viewer: { role: 'participant', participantId: 'p', teamId: 'soc', side: 'blue' },
    serverTime: 2000,
  }
}

describe('holdEvents', () => {
  it('folds new events with the core reducer and tracks the last seq', () => {
    const held = holdEvents(holdSnapshot(snapshotAt(1, [created])), [
      delivered(2, 'a'),
      delivered(3, 'b'),
    ])
    expect(held.lastSeq).toBe(3)
    expect(held.state.deliveries.map((d) => d.title)).toEqual(['a', 'b'])
  })

  it('ignores what it already holds, so an ack and a broadcast of the same event count once', () => {
    const first = holdEvents(holdSnapshot(snapshotAt(1, [created])), [delivered(2, 'a')])
    const again = holdEvents(first, [delivered(2, 'a')])
    expect(again).toBe(first)
    const overlapping = holdEvents(first, [delivered(2, 'a'), delivered(3, 'b')])
    expect(overlapping.state.deliveries.map((d) => d.seq)).toEqual([2, 3])
  })

  it('keeps the snapshot seq when the viewer saw none of the latest events', () => {
    // A participant's state.seq is its last visible event; the log may be further on.
    const held = holdSnapshot(snapshotAt(7, [created, delivered(2, 'a')]))
    expect(held.state.seq).toBe(2)
    expect(held.lastSeq).toBe(7)
    expect(holdEvents(held, [delivered(5, 'old')])).toBe(held)
    expect(holdEvents(held, [delivered(8, 'new')]).lastSeq).toBe(8)
  })

  it('applies a batch out of order in seq order, once', () => {
    const held = holdEvents(holdSnapshot(snapshotAt(1, [created])), [
      delivered(3, 'b'),
      delivered(2, 'a'),
      delivered(3, 'b'),
    ])
    expect(held.state.deliveries.map((d) => d.title)).toEqual(['a', 'b'])
  })
})
