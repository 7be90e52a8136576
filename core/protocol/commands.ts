/** Client → server commands: one zod schema per command, checked before anything else runs. */
import { z } from 'zod'
import { RATINGS } from '../scenario/ratings'
import { CHANNELS, LIMITS, MAX_SPEED, MIN_SPEED } from '../vocabulary/constants'
import { idSchema } from '../vocabulary/fieldSchemas'
import { hotWashCommandSchemas } from './hotWashCommands'
import { playCommandSchemas } from './playCommands'

const PARAM_NAME = /^[a-z][A-Za-z0-9]{0,63}$/

const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a participant id')

const exerciseIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an exercise id')

export const commandSchemas = {
  'exercise.open': z.strictObject({
    type: z.literal('exercise.open'),
    exerciseId: exerciseIdSchema,
    /** The last seq this client holds: it then gets only the events after it. */
    sinceSeq: z.number().int().min(0).optional(),
    /**
     * The facilitator only: follow the exercise as this team sees it, read-only (its snapshot,
     * events in its own numbering, twin frames, its notebook to read); every other command and
     * every document write on this socket is refused. `sinceSeq` is then in the team's numbering.
     */
    viewAs: idSchema.optional(),
  }),
  'clock.start': z.strictObject({ type: z.literal('clock.start') }),
  'clock.pause': z.strictObject({ type: z.literal('clock.pause') }),
  'clock.setSpeed': z.strictObject({
    type: z.literal('clock.setSpeed'),
    speed: z.number().min(MIN_SPEED).max(MAX_SPEED),
  }),
  'clock.jump': z.strictObject({
    type: z.literal('clock.jump'),
    /** Scenario time to jump to, in seconds. */
    t: z
      .number()
      .min(0)
      .max(366 * 86_400),
  }),
  /** The clock follows the scenario's clock plan again, at the plan's speed for now. */
  'clock.followPlan': z.strictObject({ type: z.literal('clock.followPlan') }),
  'inject.fire': z.strictObject({
    type: z.literal('inject.fire'),
    injectId: idSchema,
    /** Edits made before sending: they replace the scripted title or body for this delivery. */
    title: z.string().trim().min(1).max(LIMITS.title).optional(),
    body: z.string().max(LIMITS.body).optional(),
  }),
  'inject.skip': z.strictObject({ type: z.literal('inject.skip'), injectId: idSchema }),
  'inject.delay': z.strictObject({
    type: z.literal('inject.delay'),
    injectId: idSchema,
    /** Scenario seconds to add to the inject's due time. */
    by: z
      .number()
      .positive()
      .max(366 * 86_400),
  }),
  'decision.open': z.strictObject({ type: z.literal('decision.open'), decisionId: idSchema }),
  'inject.send': z.strictObject({
    type: z.literal('inject.send'),
    to: z.union([idSchema, z.array(idSchema).min(1).max(64)]),
    title: z.string().trim().min(1).max(LIMITS.title),
    body: z.string().max(LIMITS.body),
    channel: z.enum(CHANNELS).default('email'),
    from: z.string().max(LIMITS.title).default('Exercise control'),
  }),
  'attack.launch': z.strictObject({
    type: z.literal('attack.launch'),
    attackId: idSchema,
    /** One of the attack's targets; none for a foothold, which has none. */
    target: idSchema.optional(),
    /** Why red makes this move: what the white cell reads when it rules on it. */
    rationale: z.string().trim().max(LIMITS.chat).optional(),
    /** Values for the parameters the catalogue lets red tune (its `tunable`), by field name. */
    params: z
      .custom<Record<string, unknown>>(
        // Checked on the raw keys: a record schema silently drops `__proto__` instead.
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).every((name) => PARAM_NAME.test(name)),
        'parameters by name, such as { offsetS: 300 }',
      )
      .meta({ type: 'object' })
      .pipe(z.record(z.string(), z.union([z.number(), z.string().max(200), z.boolean()])))
      .optional(),
  }),
  'action.take': z.strictObject({
    type: z.literal('action.take'),
    actionId: idSchema,
    target: idSchema.optional(),
    /** Why the team takes it: what the controller reads when the action needs a ruling. */
    rationale: z.string().trim().max(LIMITS.chat).optional(),
  }),
  'decision.answer': z.strictObject({
    type: z.literal('decision.answer'),
    decisionId: idSchema,
    optionId: idSchema,
  }),
  'decision.extend': z.strictObject({
    type: z.literal('decision.extend'),
    decisionId: idSchema,
    /** Seconds added to the deadline, in scenario time and in the wall-time minimum alike. */
    by: z.number().int().min(1).max(86_400),
  }),
  'observation.record': z.strictObject({
    type: z.literal('observation.record'),
    objectiveId: idSchema,
    teamId: idSchema,
    /** HSEEP: P without challenges, S some, M major, U unable to be performed. */
    rating: z.enum(RATINGS),
    text: z.string().trim().max(LIMITS.chat),
  }),
  'chat.send': z.strictObject({
    type: z.literal('chat.send'),
    /** A team id: the team's own channel. */
    channel: idSchema,
    text: z.string().trim().min(1).max(LIMITS.chat),
  }),
  'exercise.end': z.strictObject({ type: z.literal('exercise.end') }),
  ...playCommandSchemas,
  ...hotWashCommandSchemas,
  'participant.remove': z.strictObject({
    type: z.literal('participant.remove'),
    /** The participant to remove: its sockets are cut and its token refused from then on. */
    participantId: participantIdSchema,
  }),
  'participant.move': z.strictObject({
    type: z.literal('participant.move'),
    /** The participant to move: its sockets are handed a seat on `teamId` and reconnect there. */
    participantId: participantIdSchema,
    teamId: idSchema,
  }),
  'team.rotateCode': z.strictObject({
    type: z.literal('team.rotateCode'),
    /** The team whose join code is replaced: the old code stops working at once. */
    teamId: idSchema,
  }),
} as const

export type CommandType = keyof typeof commandSchemas
export const COMMAND_TYPES = Object.keys(commandSchemas) as CommandType[]

export const commandSchema = z.discriminatedUnion(
  'type',
  Object.values(commandSchemas) as [
    (typeof commandSchemas)[CommandType],
    ...(typeof commandSchemas)[CommandType][],
  ],
)

export type Command = z.output<typeof commandSchema>
export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>
/** What a client writes; defaults are filled in by the schema. */
export type CommandInput = z.input<typeof commandSchema>
