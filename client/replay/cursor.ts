/**
 * The replay's cursor over the timeline: which entry a scenario time falls on, the marks the
 * scrubber shows (injects, attacks, alerts, decisions) and the previous or next of them.
 */
import type { TimelineEntry, TimelineKind } from '../../core/protocol/replay'

/** The kinds the scrubber marks. */
export const MARK_KINDS: readonly TimelineKind[] = ['inject', 'attack', 'alert', 'decision']

/** The speeds playback offers, scenario seconds per wall second. */
export const PLAYBACK_SPEEDS = [1, 10, 60, 600] as const

/** Index of the last entry at or before scenario time `t` (0 when none is). */
export function entryIndexAt(timeline: readonly TimelineEntry[], t: number): number {
  return lastIndexUpTo(timeline, (entry) => entry.t <= t)
}

/** Index of the last entry at or before wall time `at` (0 when none is). */
export function entryIndexAtWall(timeline: readonly TimelineEntry[], at: number): number {
  return lastIndexUpTo(timeline, (entry) => entry.at <= at)
}

/** The last index of the leading run of entries that pass `reached` (0 when none does). */
function lastIndexUpTo(
  timeline: readonly TimelineEntry[],
  reached: (entry: TimelineEntry) => boolean,
): number {
  let found = 0
  for (let i = 0; i < timeline.length && reached(timeline[i]!); i++) found = i
  return found
}

/** Indexes of the entries the scrubber marks, in order. */
export function markIndexes(timeline: readonly TimelineEntry[]): number[] {
  const marks: number[] = []
  timeline.forEach((entry, i) => {
    if (MARK_KINDS.includes(entry.kind)) marks.push(i)
  })
  return marks
}

/** The mark after (`1`) or before (`-1`) entry `index`, or `index` itself when there is none. */
export function adjacentMark(
  timeline: readonly TimelineEntry[],
  index: number,
  direction: 1 | -1,
): number {
  const marks = markIndexes(timeline)
  const found = direction === 1 ? marks.find((i) => i > index) : marks.findLast((i) => i < index)
  return found ?? index
}

/** What the timeline's filters keep: a team, a kind and a phase, each or all (null). */
export interface TimelineFilter {
  readonly teamId: string | null
  readonly kind: TimelineKind | null
  readonly phase: string | null
}

export const NO_FILTER: TimelineFilter = { teamId: null, kind: null, phase: null }

/** Whether `entry` passes `filter`. */
export function keeps(filter: TimelineFilter, entry: TimelineEntry): boolean {
  return (
    (filter.teamId === null || entry.teams.includes(filter.teamId)) &&
    (filter.kind === null || entry.kind === filter.kind) &&
    (filter.phase === null || entry.phase === filter.phase)
  )
}
