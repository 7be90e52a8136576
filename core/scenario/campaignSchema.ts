/** The campaign fields of red's catalogue entries, and their checks against the catalogue and the teams. */
import { z } from 'zod'
import { CHANNELS, LIMITS, type Side } from '../vocabulary/constants'
import { durationSchema, idSchema } from '../vocabulary/fieldSchemas'
import { NOISE_LEVELS } from './campaign'

/** Something an attack makes a blue team's monitoring show when it lands: an inject to that team. */
export const noiseAlertSchema = z.strictObject({
  to: z.array(idSchema).min(1),
  channel: z.enum(CHANNELS).default('siem'),
  from: z.string().max(LIMITS.title).default(''),
  title: z.string().min(1).max(LIMITS.title),
  body: z.string().max(LIMITS.body).default(''),
})

/** How noisy an attack is: a level, a sentence for red, and what blue's monitoring shows. */
export const noiseSchema = z.strictObject({
  level: z.enum(NOISE_LEVELS),
  summary: z.string().max(LIMITS.body).default(''),
  alerts: z.array(noiseAlertSchema).max(8).default([]),
})

export const campaignFields = {
  /** The white cell approves (or denies, or modifies) each launch before it runs. */
  needsApproval: z.boolean().default(false),
  /** Attacks that must have taken effect before this one can be launched (the foothold chain). */
  requires: z.array(idSchema).max(16).default([]),
  /** Scenario time from launch (or approval) until the effect lands: `executeIn: T+00:20`. */
  executeIn: durationSchema.default(0),
  noise: noiseSchema.default({ level: 'quiet', summary: '', alerts: [] }),
}

/** Each `requires` names another attack, the chain has no loop, and noise goes to blue teams. */
export function checkCampaign(
  attacks: readonly { id: string; requires: string[]; noise: { alerts: { to: string[] }[] } }[],
  teams: readonly { id: string; side: Side }[],
  ctx: z.RefinementCtx,
  path: (string | number)[],
): void {
  const ids = new Set(attacks.map((attack) => attack.id))
  const blue = new Set(teams.filter((team) => team.side === 'blue').map((team) => team.id))
  attacks.forEach((attack, i) => {
    attack.requires.forEach((id, j) => {
      if (!ids.has(id) || id === attack.id)
        ctx.addIssue({
          code: 'custom',
          path: [...path, i, 'requires', j],
          message: `another attack of the catalogue, not '${id}'`,
        })
    })
    attack.noise.alerts.forEach((alert, j) => {
      alert.to.forEach((teamId, k) => {
        if (!blue.has(teamId))
          ctx.addIssue({
            code: 'custom',
            path: [...path, i, 'noise', 'alerts', j, 'to', k],
            message: `a blue team, not '${teamId}'`,
          })
      })
    })
  })
  const requires = new Map(attacks.map((attack) => [attack.id, attack.requires]))
  attacks.forEach((attack, i) => {
    const seen = new Set<string>()
    const stack = [...attack.requires]
    while (stack.length > 0) {
      const id = stack.pop()!
      if (id === attack.id) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, i, 'requires'],
          message: `a chain without a loop ('${attack.id}' ends up requiring itself)`,
        })
        return
      }
      if (seen.has(id)) continue
      seen.add(id)
      stack.push(...(requires.get(id) ?? []))
    }
  })
}
