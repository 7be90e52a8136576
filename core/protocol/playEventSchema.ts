/** Runtime schemas of the live-play events (playEvents.ts), for logs that come from outside. */
import { z } from 'zod'
import { LIMITS } from '../vocabulary/constants'
import { idSchema } from '../vocabulary/fieldSchemas'

const text = (max: number) => z.string().max(max)

/** The schemas, each with the event meta fields given. */
export function playEventSchemas<M extends z.ZodRawShape>(meta: M) {
  const kind = z.enum(['attack', 'action'])
  return [
    z.strictObject({
      ...meta,
      type: z.literal('adjudication.required'),
      attacks: z.boolean(),
      teams: z.array(idSchema),
    }),
    z.strictObject({
      ...meta,
      type: z.literal('adjudication.requested'),
      requestId: text(64),
      kind,
      itemId: idSchema,
      teamId: idSchema,
      participantId: text(64).nullable(),
      target: idSchema.nullable(),
      params: z.record(text(64), z.number()).optional(),
      rationale: text(LIMITS.chat),
    }),
    z.strictObject({
      ...meta,
      type: z.literal('adjudication.ruled'),
      requestId: text(64),
      kind,
      itemId: idSchema,
      teamId: idSchema,
      verdict: z.enum(['approved', 'denied', 'modified']),
      params: z.record(text(64), z.number()).optional(),
      note: text(LIMITS.chat),
      by: text(64),
    }),
    z.strictObject({
      ...meta,
      type: z.literal('attack.landed'),
      attackId: idSchema,
      launchSeq: z.number().int().min(1),
      teamId: idSchema,
      target: idSchema.nullable(),
    }),
    z.strictObject({
      ...meta,
      type: z.literal('channel.opened'),
      channelId: idSchema,
      name: text(LIMITS.name),
      teams: z.array(idSchema),
    }),
    z.strictObject({
      ...meta,
      type: z.literal('channel.message'),
      channelId: idSchema,
      teams: z.array(idSchema),
      teamId: idSchema.nullable(),
      participantId: text(64).nullable(),
      name: text(LIMITS.name),
      text: text(LIMITS.chat),
    }),
    z.strictObject({
      ...meta,
      type: z.literal('inject.acknowledged'),
      deliveryId: text(64),
      teamId: idSchema,
      participantId: text(64),
      name: text(LIMITS.name),
    }),
  ] as const
}
