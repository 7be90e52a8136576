/** Runtime schemas of the hot-wash events (hotWashEvents.ts), for logs that come from outside. */
import { z } from 'zod'
import { HOT_WASH_LIMITS, HOT_WASH_SCORES } from '../scenario/hotWashScale'
import { LIMITS } from '../vocabulary/constants'
import { idSchema } from '../vocabulary/fieldSchemas'

const text = (max: number) => z.string().max(max)

/** The schemas, each with the event meta fields given. */
export function hotWashEventSchemas<M extends z.ZodRawShape>(meta: M) {
  return [
    z.strictObject({
      ...meta,
      type: z.literal('hotwash.opened'),
      objectives: z.array(
        z.strictObject({ id: idSchema, capability: text(LIMITS.title), text: text(LIMITS.body) }),
      ),
    }),
    z.strictObject({
      ...meta,
      type: z.literal('hotwash.submitted'),
      ballot: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a ballot'),
      wentWell: text(HOT_WASH_LIMITS.text),
      toImprove: text(HOT_WASH_LIMITS.text),
      ratings: z.record(idSchema, z.literal(HOT_WASH_SCORES)),
      author: z
        .strictObject({ participantId: text(64), teamId: idSchema, name: text(LIMITS.name) })
        .nullable(),
    }),
  ] as const
}
