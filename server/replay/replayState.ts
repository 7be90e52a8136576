/**
 * The one place the replay folds the log: the state an audience saw after the event `seq`, by
 * the live room's own visibility rules (`core/visibility`), so "seen by team X" is the server's
 * rule, never a client-side filter.
 */
import type { ExerciseState } from '../../core/engine/state'
import type { HoldoverEvent } from '../../core/protocol/events'
import { foldVisible } from '../../core/visibility/viewEvent'
import type { Audience } from '../../core/visibility/viewer'

/** What an audience saw at one moment of the log. */
export interface ReplayMoment {
  /** The log's seq the moment follows. */
  readonly seq: number
  /** Scenario time of that event, seconds. */
  readonly t: number
  /** Wall time of that event, epoch ms. */
  readonly at: number
  readonly state: ExerciseState
}

/** The state `audience` held once the events up to `seq` of `log` (in seq order) had reached it. */
export function replayStateAt(
  log: readonly HoldoverEvent[],
  seq: number,
  audience: Audience,
): ReplayMoment {
  const prefix = log.filter((event) => event.seq <= seq)
  const last = prefix.at(-1)
  return {
    seq: last?.seq ?? 0,
    t: last?.t ?? 0,
    at: last?.at ?? 0,
    state: foldVisible(prefix, audience),
  }
}
