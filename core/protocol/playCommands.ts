/** Commands of live play: adjudication by the white cell, cross-team channels, acknowledged injects. */
import { z } from 'zod'
import { LIMITS } from '../vocabulary/constants'
import { idSchema } from '../vocabulary/fieldSchemas'

const paramsSchema = z.record(
  z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'a parameter name such as offsetS'),
  z.number().finite(),
)

export const playCommandSchemas = {
  'adjudication.require': z.strictObject({
    type: z.literal('adjudication.require'),
    /** true: every attack waits for the white cell's ruling; false: only those the scenario marks. */
    attacks: z.boolean(),
  }),
  'adjudication.rule': z.strictObject({
    type: z.literal('adjudication.rule'),
    /** The request's id, from its `adjudication.requested` event. */
    requestId: z.string().regex(/^r[0-9]{1,12}$/, 'a request id such as r42'),
    verdict: z.enum(['approve', 'deny', 'modify']),
    /** With `modify`: the attack's parameters as control sets them, within what it may tune. */
    params: paramsSchema.optional(),
    note: z.string().trim().max(LIMITS.chat).default(''),
  }),
  'channel.open': z.strictObject({
    type: z.literal('channel.open'),
    channelId: idSchema,
    name: z.string().trim().min(1).max(LIMITS.name),
    teams: z.array(idSchema).min(2).max(32),
    /** Needed to name a red team: red never joins a channel by accident. */
    includesRed: z.boolean().default(false),
  }),
  'channel.send': z.strictObject({
    type: z.literal('channel.send'),
    channelId: idSchema,
    text: z.string().trim().min(1).max(LIMITS.chat),
  }),
  'inject.acknowledge': z.strictObject({
    type: z.literal('inject.acknowledge'),
    /** The delivery's id (the same for every team an inject reached). */
    deliveryId: z.string().regex(/^d[0-9]{1,12}$/, 'a delivery id such as d12'),
  }),
} as const
