/**
 * The hot wash's vocabulary: the scale participants rate each objective on, and the size of
 * their answers. Free of zod, so the client bundle stays small.
 *
 * The scale is 1 to 5, "how well did the exercise meet this objective", as HSEEP's participant
 * feedback form rates its statements: numbers average into a per-objective mean for the report,
 * which HSEEP's P/S/M/U (the evaluators' verdict on a team) would not.
 */

export const HOT_WASH_SCORES = [1, 2, 3, 4, 5] as const
export type HotWashScore = (typeof HOT_WASH_SCORES)[number]

/** What each score means, as the survey shows it. */
export const HOT_WASH_SCORE_LABELS: Readonly<Record<HotWashScore, string>> = {
  1: 'Not met',
  2: 'Barely met',
  3: 'Partly met',
  4: 'Mostly met',
  5: 'Fully met',
}

export const HOT_WASH_LIMITS = {
  /** Characters in each free-text answer (what went well, what to improve). */
  text: 2_000,
  /** Objectives one response may rate: more than any scenario holds. */
  ratings: 100,
} as const
