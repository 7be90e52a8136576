/**
 * The state an audience saw at a moment of the replay, from the exercise's `ExerciseLog`: its
 * keyframes for the truth and each team keep a seek within `keyframeEvery` events of a
 * snapshot, and a team's view is the live room's (`core/visibility`), so "seen by team X" is the
 * server's rule, never a client-side filter.
 */
import type { ExerciseLog } from '../../core/engine/ExerciseLog'
import type { ReplayMoment } from '../../core/protocol/replay'
import type { Audience } from '../../core/protocol/viewer'

/** The state `audience` held once the events up to `seq` (1 to the log's head) had reached it. */
export function replayStateAt(log: ExerciseLog, seq: number, audience: Audience): ReplayMoment {
  const event = log.events[seq - 1]
  return { seq, t: event?.t ?? 0, at: event?.at ?? 0, state: log.viewAt(seq, audience) }
}
