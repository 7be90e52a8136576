/** A fold of only what one audience may see (visibility/viewEvent.ts): the state its snapshot carries. */
import type { HoldoverEvent } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import { EMPTY_STATE } from '../protocol/state'
import type { Audience, Viewer } from '../protocol/viewer'
import { viewEvent } from '../visibility/viewEvent'
import { applyEvent } from './reducer'

/** Folds only what `viewer` may see: the state a snapshot for this viewer carries. */
export function foldVisible(
  events: Iterable<HoldoverEvent>,
  viewer: Viewer | Audience,
  from: ExerciseState = EMPTY_STATE,
): ExerciseState {
  let state = from
  for (const event of events) {
    const seen = viewEvent(event, viewer)
    if (seen) state = applyEvent(state, seen)
  }
  return state
}
