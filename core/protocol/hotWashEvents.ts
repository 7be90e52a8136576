/** Events of the hot wash: the survey opening at the end, and the responses (the white cell's only). */
import type { HotWashScore } from '../scenario/hotWashScale'

/** An objective as the survey shows it to everyone (its evaluation criteria stay with the white cell). */
export interface SurveyObjective {
  readonly id: string
  readonly capability: string
  readonly text: string
}

/** Who signed a response; an anonymous one has none. */
export interface HotWashAuthor {
  readonly participantId: string
  readonly teamId: string
  readonly name: string
}

export type HotWashEventBody =
  | {
      /** The exercise ended: every participant may now answer the survey on these objectives. */
      readonly type: 'hotwash.opened'
      readonly objectives: readonly SurveyObjective[]
    }
  | {
      readonly type: 'hotwash.submitted'
      /**
       * The response's ballot: a keyed hash of the exercise and participant that only the server
       * can compute, so the log knows each participant answered once without naming anyone.
       */
      readonly ballot: string
      readonly wentWell: string
      readonly toImprove: string
      /** Objective id → score; the objectives the participant rated. */
      readonly ratings: Readonly<Record<string, HotWashScore>>
      /** Present only when the participant chose to sign. */
      readonly author: HotWashAuthor | null
    }
