/**
 * The state an audience saw at a moment of the replay, from the exercise's `ExerciseLog`: the
 * truth's keyframes keep a seek within `keyframeEvery` events of a snapshot, and a team's share of
 * that truth is `viewState` (`core/visibility`), the server's rule, never a client-side filter.
 * A team's records carry the log's seqs here, the replay's own positions, rather than the
 * numbering of the team's live feed.
 */
import type { ExerciseLog } from '../../core/engine/ExerciseLog'
import type { ReplayMoment } from '../../core/protocol/replay'
import type { Audience } from '../../core/protocol/viewer'
import { viewState } from '../../core/visibility/viewState'

/** The state `audience` held once the events up to `seq` (1 to the log's head) had reached it. */
export function replayStateAt(log: ExerciseLog, seq: number, audience: Audience): ReplayMoment {
  const event = log.events[seq - 1]
  return { seq, t: event?.t ?? 0, at: event?.at ?? 0, state: viewState(log.stateAt(seq), audience) }
}
