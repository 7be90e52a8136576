import { describe, expect, it } from 'vitest'
import type { TimelineEntry } from '../../core/protocol/replay'
import {
  adjacentMark,
  entryIndexAt,
  entryIndexAtWall,
  keeps,
  markIndexes,
  NO_FILTER,
} from './cursor'

const entry = (t: number, kind: TimelineEntry['kind'], teams: string[] = []): TimelineEntry => ({
  seq: t + 1,
  at: 1000 + t,
  t,
  kind,
  teams,
  phase: t < 100 ? 'detect' : 'respond',
  label: `${kind} at ${t}`,
})

const timeline = [
  entry(0, 'other'),
  entry(10, 'inject', ['soc']),
  entry(20, 'chat', ['soc']),
  entry(30, 'attack', ['red']),
  entry(30, 'clock'),
  entry(120, 'alert', ['soc']),
]

describe('the replay cursor', () => {
  it('lands on the last entry at or before a scenario time', () => {
    expect(entryIndexAt(timeline, 0)).toBe(0)
    expect(entryIndexAt(timeline, 25)).toBe(2)
    expect(entryIndexAt(timeline, 30)).toBe(4)
    expect(entryIndexAt(timeline, 10_000)).toBe(5)
    expect(entryIndexAtWall(timeline, 1025)).toBe(2)
  })

  it('marks injects, attacks, alerts and decisions, and steps between them', () => {
    expect(markIndexes(timeline)).toEqual([1, 3, 5])
    expect(adjacentMark(timeline, 0, 1)).toBe(1)
    expect(adjacentMark(timeline, 2, 1)).toBe(3)
    expect(adjacentMark(timeline, 2, -1)).toBe(1)
    expect(adjacentMark(timeline, 5, 1)).toBe(5)
    expect(adjacentMark(timeline, 1, -1)).toBe(1)
  })

  it('filters by team, kind and phase', () => {
    const kept = (filter: typeof NO_FILTER) => timeline.filter((e) => keeps(filter, e)).length
    expect(kept(NO_FILTER)).toBe(6)
    expect(kept({ ...NO_FILTER, teamId: 'soc' })).toBe(3)
    expect(kept({ ...NO_FILTER, teamId: 'soc', kind: 'alert' })).toBe(1)
    expect(kept({ ...NO_FILTER, phase: 'respond' })).toBe(1)
  })
})
