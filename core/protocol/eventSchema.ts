/** Runtime schema of logged events, for logs that come from outside (an imported exercise). */
import { z } from 'zod'
import { RATINGS } from '../scenario/ratings'
import { scenarioSchema } from '../scenario/schema'
import { effectSchema } from '../twin/effectSchema'
import { SECTORS } from '../twin/parameters'
import { MODES } from '../twin/segment'
import { STATUSES } from '../twin/status'
import { CHANNELS, LIMITS } from '../vocabulary/constants'
import { idSchema } from '../vocabulary/fieldSchemas'
import type { HoldoverEvent } from './events'
import { hotWashEventSchemas } from './hotWashEventSchema'
import { playEventSchemas } from './playEventSchema'

const meta = {
  seq: z.number().int().min(1),
  at: z.number().finite(),
  t: z.number().finite().min(0),
}
const text = (max: number) => z.string().max(max)

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...meta,
    type: z.literal('exercise.created'),
    exerciseId: text(64),
    title: text(LIMITS.title),
    scenario: scenarioSchema,
    seed: z.number().int(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('participant.joined'),
    participantId: text(64),
    teamId: idSchema,
    name: text(LIMITS.name),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('participant.removed'),
    participantId: text(64),
    teamId: idSchema,
    name: text(LIMITS.name),
    by: text(64),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('participant.moved'),
    participantId: text(64),
    name: text(LIMITS.name),
    fromTeamId: idSchema,
    teamId: idSchema,
  }),
  z.strictObject({ ...meta, type: z.literal('joinCode.rotated'), teamId: idSchema }),
  z.strictObject({
    ...meta,
    type: z.literal('clock.started'),
    reason: z.literal('decision').optional(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('clock.paused'),
    reason: z.literal('decision').optional(),
    decisionId: idSchema.optional(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('clock.speedChanged'),
    speed: z.number().min(1).max(3600),
    reason: z.enum(['plan', 'decision']).optional(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('clock.planStep'),
    stepId: z.union([idSchema, z.literal('')]),
    speed: z.number().min(1).max(3600).nullable(),
    hold: z.boolean(),
  }),
  z.strictObject({ ...meta, type: z.literal('clock.jumped'), fromT: z.number().min(0) }),
  z.strictObject({
    ...meta,
    type: z.literal('inject.delivered'),
    injectId: idSchema.nullable(),
    deliveryId: text(64),
    teamId: idSchema,
    channel: z.enum(CHANNELS),
    from: text(LIMITS.title),
    title: text(LIMITS.title),
    body: text(LIMITS.body),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('chat.message'),
    teamId: idSchema,
    participantId: text(64).nullable(),
    name: text(LIMITS.name),
    text: text(LIMITS.chat),
  }),
  z.strictObject({ ...meta, type: z.literal('inject.skipped'), injectId: idSchema }),
  z.strictObject({
    ...meta,
    type: z.literal('inject.rescheduled'),
    injectId: idSchema,
    dueT: z.number().min(0),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('decision.opened'),
    decisionId: idSchema,
    teamId: idSchema,
    question: text(LIMITS.title),
    body: text(LIMITS.body),
    options: z.array(
      z.strictObject({ id: idSchema, label: text(LIMITS.title), description: text(LIMITS.body) }),
    ),
    decidedBy: z.enum(['lead', 'vote']),
    deadlineT: z.number().min(0),
    deadlineAt: z.number().finite().optional(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('decision.extended'),
    decisionId: idSchema,
    teamId: idSchema,
    by: z.number().min(0),
    deadlineT: z.number().min(0),
    deadlineAt: z.number().finite(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('decision.answered'),
    decisionId: idSchema,
    teamId: idSchema,
    participantId: text(64).nullable(),
    optionId: idSchema,
  }),
  z.strictObject({
    ...meta,
    type: z.literal('decision.closed'),
    decisionId: idSchema,
    teamId: idSchema,
    optionId: idSchema.nullable(),
    reason: z.enum(['answered', 'vote', 'default', 'undecided']),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('action.taken'),
    actionId: idSchema,
    teamId: idSchema,
    participantId: text(64).nullable(),
    target: text(64).nullable(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('attack.launched'),
    attackId: idSchema,
    teamId: idSchema,
    participantId: text(64).nullable(),
    target: idSchema.nullable(),
    params: z.record(text(64), z.number()).optional(),
    rationale: text(LIMITS.chat).optional(),
    requestId: text(64).optional(),
    landsT: z.number().min(0).optional(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('twin.effectApplied'),
    effectId: text(64),
    source: z.enum(['attack', 'action', 'inject']),
    sourceId: idSchema,
    effect: effectSchema,
    endT: z.number().min(0).nullable(),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('twin.statusChanged'),
    nodeId: idSchema,
    label: text(LIMITS.title).optional(),
    sector: z.enum(SECTORS).optional(),
    status: z.enum(STATUSES),
    previous: z.enum(STATUSES),
    timeErrorNs: z.number(),
    wanderNs: z.number().optional(),
    consequence: text(500).optional(),
    mode: z.enum(MODES),
    teams: z.array(idSchema),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('twin.alert'),
    alertId: text(200),
    nodeId: idSchema,
    teamId: idSchema,
    raised: z.boolean(),
    observable: text(64),
    message: text(LIMITS.body),
  }),
  ...playEventSchemas(meta),
  ...hotWashEventSchemas(meta),
  z.strictObject({ ...meta, type: z.literal('exercise.ended') }),
  z.strictObject({
    ...meta,
    type: z.literal('evaluator.joined'),
    evaluatorId: text(64),
    name: text(LIMITS.name),
  }),
  z.strictObject({
    ...meta,
    type: z.literal('observation.recorded'),
    observationId: text(64),
    objectiveId: idSchema,
    teamId: idSchema,
    rating: z.enum(RATINGS),
    text: text(LIMITS.chat),
    authorId: text(64),
    authorName: text(LIMITS.name),
  }),
])

/** Checks that `events` is a whole log: valid events, seq 1, 2, 3…, starting with `exercise.created`. */
export function parseEventLog(
  events: unknown,
): { ok: true; events: HoldoverEvent[] } | { ok: false; message: string } {
  const parsed = z.array(eventSchema).min(1).max(1_000_000).safeParse(events)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return { ok: false, message: `events.${issue.path.join('.')}: ${issue.message}` }
  }
  const log = parsed.data as HoldoverEvent[]
  if (log[0]!.type !== 'exercise.created') {
    return { ok: false, message: 'events[0] must be exercise.created' }
  }
  const gap = log.findIndex((event, i) => event.seq !== i + 1)
  if (gap !== -1) return { ok: false, message: `events[${gap}].seq must be ${gap + 1}` }
  return { ok: true, events: log }
}
