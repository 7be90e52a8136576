/** HSEEP performance ratings, as evaluators give them against an objective. */

export const RATINGS = ['P', 'S', 'M', 'U'] as const
export type Rating = (typeof RATINGS)[number]

/** What each rating means (HSEEP, exercise evaluation guides). */
export const RATING_LABELS: Readonly<Record<Rating, string>> = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
}
