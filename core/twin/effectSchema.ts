/** What attacks, mitigations and scripted injects do to the chain: effects, and red's catalogue. */
import { z } from 'zod'
import { durationSchema, idSchema } from '../vocabulary/fieldSchemas'

export const ATTACK_EFFECTS = [
  'gnss-jamming',
  'gnss-spoofing',
  'utc-parameters',
  'ntp-shift',
  'ntp-kod',
  'ptp-rogue-gm',
  'ptp-delay-asymmetry',
  'server-compromise',
  'false-leap-second',
  'frequency-steer',
  'outage',
] as const
export const MITIGATION_EFFECTS = [
  'switch-source',
  'force-holdover',
  'isolate',
  'enable-nts',
  'reject-leap',
  'gps-time-output',
  'restore',
] as const

const byteSchema = z.number().int().min(0).max(255)

// One list of variants for both forms: `target` required (an effect) or optional (a template in
// the attack catalogue or an action, whose target is chosen when it is launched or taken).
function effectVariants<T extends z.ZodType>(target: T) {
  const base = { target, durationS: durationSchema.optional() }
  return [
    z.strictObject({
      kind: z.literal('gnss-jamming'),
      ...base,
      /** Jam only these constellations (default: all the receiver uses). */
      constellations: z.array(idSchema).min(1).optional(),
    }),
    z.strictObject({
      kind: z.literal('gnss-spoofing'),
      ...base,
      /** Time push of the spoofed solution, ns per second (sign: direction). */
      rateNsPerS: z.number(),
      maxOffsetNs: z.number().positive().optional(),
    }),
    z.strictObject({ kind: z.literal('utc-parameters'), ...base, offsetNs: z.number() }),
    z
      .strictObject({
        kind: z.literal('ntp-shift'),
        ...base,
        offsetNs: z.number().optional(),
        offsetS: z.number().optional(),
        /** `server`: every client of the target server; `client`: every server of the target. */
        side: z.enum(['server', 'client']).default('server'),
        /** `rewrite` forges timestamps (NTS stops it); `delay` holds packets back (NTS does not). */
        method: z.enum(['rewrite', 'delay']).default('rewrite'),
      })
      .refine((effect) => (effect.offsetNs === undefined) !== (effect.offsetS === undefined), {
        message: 'one of offsetNs or offsetS',
        path: ['offsetNs'],
      }),
    z.strictObject({
      kind: z.literal('ntp-kod'),
      ...base,
      code: z.enum(['RATE', 'DENY']).default('DENY'),
    }),
    z.strictObject({
      kind: z.literal('ptp-rogue-gm'),
      ...base,
      priority1: byteSchema.default(0),
      priority2: byteSchema.default(0),
      clockClass: byteSchema.default(6),
      /** The quality it claims: as a locked grandmaster's by default (IEEE 1588 §7.6.2.5, .6). */
      clockAccuracy: byteSchema.default(0x21),
      offsetScaledLogVariance: z.number().int().min(0).max(0xffff).default(0x4e5d),
      /** `access`: plugged into another port (a G.8275.1 masterOnly port ignores it); `upstream`: on the link of the clock's own slave port. */
      port: z.enum(['access', 'upstream']).default('access'),
      /** The rogue's time error, ns (and a drift, ns/s, for a slow pull). */
      offsetNs: z.number().default(0),
      rateNsPerS: z.number().default(0),
      clockIdentity: z.string().min(1).max(40).default('ac:de:48:ff:fe:00:00:01'),
    }),
    z.strictObject({
      kind: z.literal('ptp-delay-asymmetry'),
      ...base,
      /** Extra master→slave delay d, ns: the slave ends up d/2 behind (negative d: ahead). */
      asymmetryNs: z.number(),
    }),
    z.strictObject({
      kind: z.literal('server-compromise'),
      ...base,
      offsetNs: z.number().default(0),
      /** Also announce a false leap second (as `false-leap-second` with its defaults). */
      leapFlag: z.boolean().default(false),
    }),
    z.strictObject({
      kind: z.literal('false-leap-second'),
      ...base,
      /** When the announced second is inserted (or deleted), after the effect starts. */
      leapAfterS: durationSchema.default(3_600),
      direction: z.enum(['insert', 'delete']).default('insert'),
    }),
    z.strictObject({ kind: z.literal('frequency-steer'), ...base, fractional: z.number() }),
    z.strictObject({ kind: z.literal('outage'), ...base }),
    z.strictObject({ kind: z.literal('switch-source'), ...base, to: idSchema }),
    z.strictObject({ kind: z.literal('force-holdover'), ...base }),
    z.strictObject({ kind: z.literal('isolate'), ...base }),
    z.strictObject({ kind: z.literal('enable-nts'), ...base }),
    z.strictObject({ kind: z.literal('reject-leap'), ...base }),
    /** A receiver reconfigured to output GPS time: the broadcast UTC parameters no longer reach it. */
    z.strictObject({ kind: z.literal('gps-time-output'), ...base }),
    z.strictObject({ kind: z.literal('restore'), ...base }),
  ] as const
}

/** An effect on one node of the chain (an attack, a mitigation, or a scripted change). */
export const effectSchema = z.discriminatedUnion('kind', effectVariants(idSchema))
/** An effect whose target may be left to the moment it is launched (attacks, actions). */
export const effectTemplateSchema = z.discriminatedUnion(
  'kind',
  effectVariants(idSchema.optional()),
)

export type Effect = z.output<typeof effectSchema>
export type EffectKind = Effect['kind']
export type EffectOf<K extends EffectKind> = Extract<Effect, { kind: K }>
export type EffectTemplate = z.output<typeof effectTemplateSchema>

/** An effect in force from `startT` until `endT` (or its `durationS`, or for good). */
export interface ActiveEffect {
  readonly effect: Effect
  readonly startT: number
  readonly endT?: number | undefined
}

/** An entry of red's attack catalogue. */
export const attackSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1).max(200),
  description: z.string().max(20_000).default(''),
  /** The effect with its default parameters; the target is chosen at launch. */
  effect: effectTemplateSchema,
  /** The nodes red may aim it at. */
  targets: z.array(idSchema).min(1),
  /** MITRE ATT&CK (Enterprise or ICS) technique ids. */
  technique: z
    .array(z.string().regex(/^T\d{4}(\.\d{3})?$/, 'an ATT&CK technique id such as T1557 or T0830'))
    .default([]),
})
export type Attack = z.output<typeof attackSchema>

/** The shift of an `ntp-shift` effect in nanoseconds, whichever unit it was written in. */
export function ntpShiftNs(effect: EffectOf<'ntp-shift'>): number {
  return effect.offsetNs ?? (effect.offsetS ?? 0) * 1e9
}

export type Resolved = { ok: true; effect: Effect } | { ok: false; message: string }

/** Completes a template (from an attack or an action) with its target and launch parameters. */
export function resolveEffect(
  template: EffectTemplate,
  target: string | undefined,
  params: Record<string, unknown> = {},
): Resolved {
  const parsed = effectSchema.safeParse({
    ...template,
    ...params,
    kind: template.kind,
    target: target ?? template.target,
  })
  if (parsed.success) return { ok: true, effect: parsed.data }
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  return { ok: false, message: `${where}${issue?.message ?? 'not a valid effect'}` }
}
