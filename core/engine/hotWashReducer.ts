/** The hot wash's part of the reducer: the survey opens at the end, and responses come in. */
import type { EventOf } from '../protocol/events'
import { hotWashOf } from '../protocol/hotWashState'
import type { ExerciseState } from '../protocol/state'
import { COPYING, type Drafts } from './drafts'

export type HotWashEvent = EventOf<'hotwash.opened' | 'hotwash.submitted'>

/** Applies one hot-wash event to `next` (the state with the event's seq already set). */
export function applyHotWashEvent(
  next: ExerciseState,
  event: HotWashEvent,
  drafts: Drafts = COPYING,
): ExerciseState {
  const hotWash = hotWashOf(next)
  if (event.type === 'hotwash.opened') {
    return { ...next, hotWash: { ...hotWash, survey: event.objectives } }
  }
  const { type: _type, ...response } = event
  return {
    ...next,
    hotWash: { ...hotWash, responses: drafts.appended(hotWash.responses, response) },
  }
}
