/** Red's attack catalogue as a scenario declares it: each attack with the parameters red may tune. */
import { z } from 'zod'
import {
  attackSchema,
  effectSchema,
  effectTemplateSchema,
  resolveEffect,
} from '../twin/effectSchema'
import { LIMITS } from '../vocabulary/constants'
import { idSchema } from '../vocabulary/fieldSchemas'
import { campaignFields } from './campaignSchema'
import { tunableDefault } from './launchParams'

/** One parameter red may tune at launch; its default is the value the attack's effect states. */
export const tunableSchema = z
  .strictObject({
    label: z.string().min(1).max(LIMITS.name),
    /** The unit the value is in, as the effect field takes it: s, ns, ns/s, 1 (a ratio). */
    unit: z.string().min(1).max(16),
    min: z.number().finite(),
    max: z.number().finite(),
    step: z.number().positive().finite().optional(),
  })
  .refine((tunable) => tunable.min < tunable.max, {
    message: 'min below max',
    path: ['max'],
  })

/** A field of the effect: camelCase letters and digits (so no inherited name such as __proto__). */
const fieldNameSchema = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'a field of the effect, such as offsetS')

/**
 * An entry of red's catalogue: the twin's attack, what red may tune (nothing by default), and its
 * place in the campaign. A foothold (a phished phone, harvested credentials) moves nothing of the
 * twin: it has no effect and no target, and opens the way to the attacks that require it.
 */
export const catalogueAttackSchema = attackSchema.extend({
  effect: effectTemplateSchema.optional(),
  targets: z.array(idSchema).default([]),
  tunable: z.record(fieldNameSchema, tunableSchema).default({}),
  ...campaignFields,
})
export type CatalogueAttack = z.output<typeof catalogueAttackSchema>

// Fixed by the catalogue: what the attack is and where it aims are never red's to tune.
const FIXED_FIELDS = new Set(['kind', 'target'])

/** Each tunable against its attack: a numeric field the effect states, in bounds at both ends. */
export function checkTunables(
  attacks: readonly CatalogueAttack[],
  ctx: z.RefinementCtx,
  path: (string | number)[],
): void {
  attacks.forEach((attack, i) => {
    for (const [name, tunable] of Object.entries(attack.tunable)) {
      const at = [...path, i, 'tunable', name]
      const report = (message: string) => ctx.addIssue({ code: 'custom', path: at, message })
      const fallback = tunableDefault(attack, name)
      if (!attack.effect) {
        report('an effect to tune: this attack moves nothing of the twin')
        continue
      }
      if (FIXED_FIELDS.has(name) || fallback === undefined) {
        report(
          `a numeric field that the effect states (its default), such as ${numericFields(attack).join(', ') || 'none here'}`,
        )
        continue
      }
      if (fallback < tunable.min || fallback > tunable.max) {
        report(`bounds that hold the default ${fallback} (from ${tunable.min} to ${tunable.max})`)
        continue
      }
      for (const value of [tunable.min, tunable.max]) {
        const resolved = resolveEffect(attack.effect, attack.targets[0], { [name]: value })
        const valid = resolved.ok && effectSchema.safeParse(resolved.effect).success
        if (!valid) {
          report(
            `bounds the effect accepts (${value} is not: ${resolved.ok ? 'invalid' : resolved.message})`,
          )
          break
        }
      }
    }
  })
}

function numericFields(attack: CatalogueAttack): string[] {
  return Object.entries(attack.effect ?? {})
    .filter(([name, value]) => typeof value === 'number' && !FIXED_FIELDS.has(name))
    .map(([name]) => name)
}
