/**
 * The one place the replay folds the log: the state an audience saw after the event `seq`, by
 * the live room's own visibility rules (`core/visibility`), so "seen by team X" is the server's
 * rule, never a client-side filter.
 */
import type { HoldoverEvent } from '../../core/protocol/events'
import type { ReplayMoment } from '../../core/protocol/replay'
import { foldVisible } from '../../core/visibility/viewEvent'
import type { Audience } from '../../core/visibility/viewer'

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
