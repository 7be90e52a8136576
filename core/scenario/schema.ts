/** The scenario file format: what a facilitator writes in `scenarios/*.yaml`. */
import { z } from 'zod'
import { parseScenarioTime } from '../clock/scenarioTime'

export const SIDES = ['red', 'blue', 'observer'] as const
export type Side = (typeof SIDES)[number]

export const CHANNELS = [
  'email',
  'phone',
  'siem',
  'monitoring',
  'news',
  'social',
  'regulator',
  'radio',
  'chat',
  'briefing',
] as const
export type Channel = (typeof CHANNELS)[number]

export const LIMITS = {
  title: 200,
  body: 20_000,
  name: 80,
  chat: 4_000,
} as const

export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an id: lowercase letters, digits and dashes (at most 64)')

/** `T+hh:mm` or `T+hh:mm:ss` (or a number of seconds), read as seconds. */
export const scenarioTimeSchema = z.union([
  z
    .number()
    .min(0)
    .max(366 * 86_400),
  z.string().transform((text, ctx) => {
    const seconds = parseScenarioTime(text)
    if (seconds === null) {
      ctx.addIssue({ code: 'custom', message: 'a scenario time such as T+01:30 or T+01:30:15' })
      return z.NEVER
    }
    return seconds
  }),
])

export const teamSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(LIMITS.name),
  side: z.enum(SIDES),
  briefing: z.string().max(LIMITS.body).default(''),
})

export const objectiveSchema = z.strictObject({
  id: idSchema,
  capability: z.string().min(1).max(LIMITS.title),
  text: z.string().min(1).max(LIMITS.body),
  metWhen: z.string().max(LIMITS.body).default(''),
})

export const injectSchema = z.strictObject({
  id: idSchema,
  at: scenarioTimeSchema,
  phase: z.string().max(LIMITS.name).default(''),
  from: z.string().max(LIMITS.title).default(''),
  to: z.array(idSchema).min(1),
  channel: z.enum(CHANNELS),
  title: z.string().min(1).max(LIMITS.title),
  body: z.string().max(LIMITS.body).default(''),
  expectedActions: z.array(z.string().max(LIMITS.title * 5)).default([]),
  objectives: z.array(idSchema).default([]),
  notes: z.string().max(LIMITS.body).default(''),
})

export const scenarioSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1).max(LIMITS.title),
    summary: z.string().min(1).max(LIMITS.body),
    audience: z.string().max(LIMITS.body).default(''),
    duration: scenarioTimeSchema,
    sources: z
      .array(
        z
          .string()
          .min(1)
          .max(LIMITS.title * 5),
      )
      .min(1),
    allegation: z.string().max(LIMITS.body).optional(),
    teams: z.array(teamSchema).min(1),
    objectives: z.array(objectiveSchema).default([]),
    injects: z.array(injectSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    const teamIds = new Set(scenario.teams.map((team) => team.id))
    const objectiveIds = new Set(scenario.objectives.map((objective) => objective.id))
    reportDuplicates(
      scenario.teams.map((team) => team.id),
      ['teams'],
      ctx,
    )
    reportDuplicates(
      scenario.injects.map((inject) => inject.id),
      ['injects'],
      ctx,
    )
    scenario.injects.forEach((inject, i) => {
      inject.to.forEach((teamId, j) => {
        if (!teamIds.has(teamId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['injects', i, 'to', j],
            message: `a team of this scenario (${[...teamIds].join(', ')}), not '${teamId}'`,
          })
        }
      })
      inject.objectives.forEach((objectiveId, j) => {
        if (!objectiveIds.has(objectiveId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['injects', i, 'objectives', j],
            message: `an objective of this scenario, not '${objectiveId}'`,
          })
        }
      })
    })
  })

function reportDuplicates(ids: string[], path: string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>()
  ids.forEach((id, i) => {
    if (seen.has(id)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'id'],
        message: `a unique id ('${id}' is used twice)`,
      })
    }
    seen.add(id)
  })
}

export type Scenario = z.output<typeof scenarioSchema>
export type Team = z.output<typeof teamSchema>
export type Inject = z.output<typeof injectSchema>
export type Objective = z.output<typeof objectiveSchema>

/** The scenario as a participant of `teamId` may see it: teams without others' briefings, no MSEL. */
export function scenarioForTeam(scenario: Scenario, teamId: string): Scenario {
  return {
    id: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    audience: scenario.audience,
    duration: scenario.duration,
    sources: scenario.sources,
    ...(scenario.allegation === undefined ? {} : { allegation: scenario.allegation }),
    teams: scenario.teams.map((team) => ({
      ...team,
      briefing: team.id === teamId ? team.briefing : '',
    })),
    objectives: [],
    injects: [],
  }
}
