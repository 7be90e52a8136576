/** The replay routes' answers (docs/protocol.md, "Replay"): the timeline and a moment of it. */
import type { ExerciseState } from './state'

/** What a timeline entry is about: the filters and the scrubber's marks go by it. */
export const TIMELINE_KINDS = [
  'inject',
  'attack',
  'alert',
  'decision',
  'action',
  'chat',
  'notebook',
  'clock',
  'other',
] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

/** One line of the timeline: an event of the log, or a run of notebook edits. */
export interface TimelineEntry {
  /** The log's seq this entry is, or (for notebook edits) follows. */
  readonly seq: number
  /** Wall time, epoch ms. */
  readonly at: number
  /** Scenario time, seconds. */
  readonly t: number
  readonly kind: TimelineKind
  /** Ids of the teams it concerns; empty for the whole exercise. */
  readonly teams: readonly string[]
  /** Id of the phase it fell in, or null before the first. */
  readonly phase: string | null
  readonly label: string
  /** For notebook edits: the document edited. */
  readonly doc?: string
}

/** `GET /api/exercises/:id/replay`. */
export interface ReplayTimeline {
  readonly exerciseId: string
  readonly title: string
  readonly teams: readonly { id: string; name: string; side: string }[]
  readonly phases: readonly { id: string; name: string }[]
  /** Seq of the log's last event. */
  readonly headSeq: number
  readonly ended: boolean
  readonly timeline: readonly TimelineEntry[]
}

/** `GET /api/exercises/:id/replay/state`: what an audience saw after event `seq`. */
export interface ReplayMoment {
  readonly seq: number
  /** Scenario time of that event, seconds. */
  readonly t: number
  /** Wall time of that event, epoch ms. */
  readonly at: number
  readonly state: ExerciseState
}
