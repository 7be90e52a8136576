/** The hot wash's command: a participant's answers to the survey that opens when the exercise ends. */
import { z } from 'zod'
import { HOT_WASH_LIMITS, HOT_WASH_SCORES } from '../scenario/hotWashScale'
import { idSchema } from '../vocabulary/fieldSchemas'

const OBJECTIVE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/

const answerSchema = z.string().trim().max(HOT_WASH_LIMITS.text)

export const hotWashCommandSchemas = {
  'hotwash.submit': z.strictObject({
    type: z.literal('hotwash.submit'),
    /** What went well, in the participant's words ('' for nothing to say). */
    wentWell: answerSchema,
    /** What to improve. */
    toImprove: answerSchema,
    /** A score per objective rated (1 not met … 5 fully met); objectives left out were not rated. */
    ratings: z
      .custom<Record<string, unknown>>(
        // Checked on the raw keys: a record schema silently drops `__proto__` instead.
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= HOT_WASH_LIMITS.ratings &&
          Object.keys(value).every((key) => OBJECTIVE_ID.test(key)),
        `scores by objective id, such as { detect: 4 }, at most ${HOT_WASH_LIMITS.ratings}`,
      )
      .meta({ type: 'object' })
      .pipe(
        z.record(
          idSchema,
          z.literal(HOT_WASH_SCORES, { error: 'a score from 1 (not met) to 5 (fully met)' }),
        ),
      ),
    /** true: the response carries the participant's name; false: it is anonymous. */
    signed: z.boolean(),
  }),
} as const
