/** The hot wash in the exercise state: the survey once the exercise has ended, and its responses. */
import type { EventOf } from './events'
import type { SurveyObjective } from './hotWashEvents'

/** A response as the state keeps it: the event without its type (the white cell's only). */
export type HotWashResponse = Omit<EventOf<'hotwash.submitted'>, 'type'>

export interface HotWashState {
  /** The objectives the survey rates, from the end of the exercise on; null before it. */
  readonly survey: readonly SurveyObjective[] | null
  /** The responses, in order: every one for the white cell, none for a team. */
  readonly responses: readonly HotWashResponse[]
}

export const EMPTY_HOT_WASH: HotWashState = { survey: null, responses: [] }

/** The hot wash of `state`, empty in states kept before there was one. */
export function hotWashOf(state: { readonly hotWash?: HotWashState }): HotWashState {
  return state.hotWash ?? EMPTY_HOT_WASH
}

/** Whether a response with `ballot` is already in. */
export function hasResponded(state: { readonly hotWash?: HotWashState }, ballot: string): boolean {
  return hotWashOf(state).responses.some((response) => response.ballot === ballot)
}
