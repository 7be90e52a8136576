/** The hot wash in the exercise state: the survey once the exercise has ended, and its responses. */
import type { EventOf } from '../protocol/events'
import type { SurveyObjective } from '../protocol/hotWashEvents'
import { COPYING, type Drafts } from './drafts'
import type { ExerciseState } from './state'

/** A response as the state keeps it: the event without its type (the white cell's only). */
export type HotWashResponse = Omit<EventOf<'hotwash.submitted'>, 'type'>

export interface HotWashState {
  /** The objectives the survey rates, from the end of the exercise on; null before it. */
  readonly survey: readonly SurveyObjective[] | null
  /** The responses, in order: every one for the white cell, none for a team. */
  readonly responses: readonly HotWashResponse[]
}

export const EMPTY_HOT_WASH: HotWashState = { survey: null, responses: [] }

export type HotWashEvent = EventOf<'hotwash.opened' | 'hotwash.submitted'>

/** The hot wash of `state`, empty in states kept before there was one. */
export function hotWashOf(state: ExerciseState): HotWashState {
  return state.hotWash ?? EMPTY_HOT_WASH
}

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

/** Whether a response with `ballot` is already in. */
export function hasResponded(state: ExerciseState, ballot: string): boolean {
  return hotWashOf(state).responses.some((response) => response.ballot === ballot)
}
