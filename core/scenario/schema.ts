/** The scenario file format: what a facilitator writes in `scenarios/*.yaml`. */
import { z } from 'zod'
import { chainShapeSchema } from '../twin/chainShape'
import { checkAttacks, checkChain } from '../twin/checkChain'
import { effectSchema, effectTemplateSchema } from '../twin/effectSchema'
import { CHANNELS, LIMITS, MAX_SPEED, MIN_SPEED, SIDES } from '../vocabulary/constants'
import { idSchema } from '../vocabulary/fieldSchemas'
import { parseScenarioTime } from '../vocabulary/scenarioTime'
import { checkCampaign } from './campaignSchema'
import { channelSchema, checkChannels } from './channelSchema'
import { checkReferences } from './checkReferences'
import { checkClockPlan, decisionPaceSchema, minWallSchema } from './clockPlan'
import { type CatalogueAttack, catalogueAttackSchema, checkTunables } from './tunables'

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
  /** The most participants the team's join code seats at once (DEFAULT_TEAM_SIZE when absent). */
  maxParticipants: z.number().int().min(1).max(5000).optional(),
})

/** A team's seats when its scenario does not say: a room's worth, so one code cannot fill an exercise. */
export const DEFAULT_TEAM_SIZE = 50

export const objectiveSchema = z.strictObject({
  id: idSchema,
  /** An HSEEP core capability, e.g. Situational Assessment, Operational Coordination. */
  capability: z.string().min(1).max(LIMITS.title),
  text: z.string().min(1).max(LIMITS.body),
  metWhen: z.string().max(LIMITS.body).default(''),
  /** What evaluators check off as the team plays (HSEEP critical tasks). */
  criticalTasks: z.array(z.string().min(1).max(LIMITS.title)).max(30).default([]),
})

/** A step of the clock plan: from scenario time `at`, the clock runs at `speed`, or holds there. */
export const clockStepSchema = z.strictObject({
  id: idSchema,
  at: scenarioTimeSchema,
  /** The phase this step begins, when it begins one. */
  phase: idSchema.optional(),
  /** Scenario seconds per wall second from here on, while the clock follows the plan. */
  speed: z.number().min(MIN_SPEED).max(MAX_SPEED).optional(),
  /** The clock stops here; the text (the white cell's only) says what the hold is for. */
  hold: z.string().min(1).max(LIMITS.title).optional(),
})

export const phaseSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(LIMITS.name),
  summary: z.string().max(LIMITS.body).default(''),
})

/** A single condition on what players did, or on the twin. */
export const simpleConditionSchema = z.union([
  /** The decision has closed (with this option, when given). */
  z.strictObject({ decision: idSchema, option: idSchema.optional() }),
  /** The action was taken (before `by`, when given). */
  z.strictObject({ taken: idSchema, by: scenarioTimeSchema.optional() }),
  /** A contingency: the action was not taken by `by`; fires at `by`. */
  z.strictObject({ notTaken: idSchema, by: scenarioTimeSchema }),
  /** The twin: a node of the chain reached this status (`failed` also counts as `degraded`). */
  z.strictObject({ node: idSchema, status: z.enum(['degraded', 'failed']) }),
])

/** A condition for injects that depend on what happened: one, or all / any of several. */
export const conditionSchema = z.union([
  simpleConditionSchema,
  /** Holds once every part holds. */
  z.strictObject({ all: z.array(simpleConditionSchema).min(2).max(8) }),
  /** Holds once any part holds. */
  z.strictObject({ any: z.array(simpleConditionSchema).min(2).max(8) }),
])

export const attachmentSchema = z.strictObject({
  name: z.string().min(1).max(LIMITS.title),
  kind: z.enum(['log', 'text', 'link']),
  content: z.string().max(LIMITS.body),
})

export const injectSchema = z.strictObject({
  id: idSchema,
  /** Fires at this scenario time. */
  at: scenarioTimeSchema.optional(),
  /** Fires `delay` after this other inject fired. */
  after: idSchema.optional(),
  /** Fires `delay` after this condition first holds. */
  when: conditionSchema.optional(),
  /** Does not fire if this condition held by its due time (it is then cancelled for good). */
  unless: conditionSchema.optional(),
  delay: scenarioTimeSchema.default(0),
  phase: z.string().max(LIMITS.name).default(''),
  from: z.string().max(LIMITS.title).default(''),
  to: z.array(idSchema).min(1),
  /** How it reaches the team: its inbox groups injects by channel. */
  channel: z.enum(CHANNELS).default('email'),
  title: z.string().min(1).max(LIMITS.title),
  body: z.string().max(LIMITS.body).default(''),
  attachments: z.array(attachmentSchema).max(20).default([]),
  /** Changes to the twin when the inject fires (scripted attacks, faults, repairs). */
  effects: z.array(effectSchema).max(20).default([]),
  expectedActions: z.array(z.string().max(LIMITS.title * 5)).default([]),
  objectives: z.array(idSchema).default([]),
  controllerNotes: z.string().max(LIMITS.body).default(''),
  evaluatorNotes: z.string().max(LIMITS.body).default(''),
})

export const decisionOptionSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1).max(LIMITS.title),
  description: z.string().max(LIMITS.body).default(''),
  /** Injects fired, each after its own `delay`, when the decision closes on this option. */
  injects: z.array(idSchema).default([]),
})

export const decisionSchema = z.strictObject({
  id: idSchema,
  /** The team that decides. */
  to: idSchema,
  question: z.string().min(1).max(LIMITS.title),
  body: z.string().max(LIMITS.body).default(''),
  /**
   * Opens at this scenario time, after this inject fired, or once this condition holds (each
   * + delay); none of them: opened by hand.
   */
  at: scenarioTimeSchema.optional(),
  after: idSchema.optional(),
  when: conditionSchema.optional(),
  delay: scenarioTimeSchema.default(0),
  /** How long the team has once the question is open. */
  within: scenarioTimeSchema,
  /** `lead`: the first answer decides. `vote`: at the deadline the most-chosen option wins. */
  decidedBy: z.enum(['lead', 'vote']).default('lead'),
  options: z.array(decisionOptionSchema).min(2).max(12),
  /** Applied when nobody answers by the deadline; without it the decision closes undecided. */
  default: idSchema.optional(),
  objectives: z.array(idSchema).default([]),
  /** While open, the clock runs at most this fast (1× by default), or pauses (`pause`). */
  clockSpeed: decisionPaceSchema,
  /** The least wall time (seconds) the decision stays open, whatever the clock's speed. */
  minWall: minWallSchema,
})

/** Something a team can do: a mitigation, a notification, a procedure. */
export const actionSchema = z.strictObject({
  id: idSchema,
  teams: z.array(idSchema).min(1),
  label: z.string().min(1).max(LIMITS.title),
  description: z.string().max(LIMITS.body).default(''),
  objectives: z.array(idSchema).default([]),
  /** Mitigations: what taking the action does to the twin (the target may come with the action). */
  effects: z.array(effectTemplateSchema).max(20).default([]),
  /** Nodes the team may aim the action at, when its effects leave the target open. */
  targets: z.array(idSchema).default([]),
  /** A controller rules on it (approves or denies, with a note) before it is taken. */
  needsRuling: z.boolean().default(false),
})

export const scenarioSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1).max(LIMITS.title),
    summary: z.string().min(1).max(LIMITS.body),
    audience: z.string().max(LIMITS.body).default(''),
    duration: scenarioTimeSchema,
    sources: z.array(z.string().min(1).max(LIMITS.body)).min(1),
    /** For scenarios built on public allegations: says so, and that the organisations are fictional. */
    allegation: z.string().max(LIMITS.body).optional(),
    facilitatorGuide: z
      .string()
      .max(LIMITS.body * 5)
      .default(''),
    teams: z.array(teamSchema).min(1),
    objectives: z.array(objectiveSchema).default([]),
    phases: z.array(phaseSchema).default([]),
    /** The clock plan: speeds and holds through the exercise (docs/scenario-format.md). */
    clockPlan: z.array(clockStepSchema).max(100).default([]),
    injects: z.array(injectSchema).default([]),
    decisions: z.array(decisionSchema).default([]),
    actions: z.array(actionSchema).default([]),
    /** The timing chain the twin simulates (docs/twin.md). */
    chain: chainShapeSchema.optional(),
    /** Red's attack catalogue, with what red may tune of each attack. */
    attacks: z.array(catalogueAttackSchema).default([]),
    /** Cross-team channels: a chat between the teams each names (docs/scenario-format.md). */
    channels: z.array(channelSchema).max(32).default([]),
    /**
     * Each team's notebook template (Markdown) by team id, seeded once into its notebook; a team
     * without one gets a default for its side. Keys are checked against the teams.
     */
    notebooks: z.record(z.string(), z.string().max(LIMITS.notebookTemplate)).default({}),
  })
  .superRefine((scenario, ctx) => {
    checkReferences(scenario, ctx)
    checkTwinReferences(scenario, ctx)
    checkCampaign(scenario.attacks, scenario.teams, ctx, ['attacks'])
    checkChannels(scenario.channels, scenario.teams, ctx)
    checkClockPlan(scenario.clockPlan, scenario.phases, ctx)
  })

/** The chain, attacks and every effect's target against each other and the teams. */
function checkTwinReferences(
  scenario: {
    teams: { id: string }[]
    chain?: z.output<typeof chainShapeSchema> | undefined
    attacks: CatalogueAttack[]
    injects: {
      effects: z.output<typeof effectSchema>[]
      when?: z.output<typeof conditionSchema> | undefined
      unless?: z.output<typeof conditionSchema> | undefined
    }[]
    actions: { effects: z.output<typeof effectTemplateSchema>[]; targets: string[] }[]
  },
  ctx: z.RefinementCtx,
): void {
  const chain = scenario.chain
  const nodeConditions = scenario.injects.flatMap((inject, i) =>
    (['when', 'unless'] as const).flatMap((key) => {
      const condition = inject[key]
      return condition && 'node' in condition
        ? [{ node: condition.node, path: ['injects', i, key, 'node'] }]
        : []
    }),
  )
  const uses =
    nodeConditions.length > 0 ||
    // Footholds alone (attacks without an effect) move nothing of the twin.
    scenario.attacks.some((attack) => attack.effect !== undefined) ||
    scenario.injects.some((i) => i.effects.length > 0) ||
    scenario.actions.some((a) => a.effects.length > 0)
  if (!chain) {
    if (uses)
      ctx.addIssue({
        code: 'custom',
        path: ['chain'],
        message: 'a chain: attacks and effects act on its nodes',
      })
    return
  }
  checkChain(chain, ctx, { teams: scenario.teams.map((team) => team.id), path: ['chain'] })
  checkAttacks(chain, scenario.attacks, ctx, { path: ['attacks'] })
  checkTunables(scenario.attacks, ctx, ['attacks'])
  const nodes = new Set(chain.nodes.map((node) => node.id))
  const expectNode = (id: string | undefined, path: (string | number)[]) => {
    if (id !== undefined && !nodes.has(id)) {
      ctx.addIssue({ code: 'custom', path, message: `a node of the chain, not '${id}'` })
    }
  }
  scenario.injects.forEach((inject, i) => {
    inject.effects.forEach((effect, j) => {
      expectNode(effect.target, ['injects', i, 'effects', j, 'target'])
    })
  })
  for (const { node, path } of nodeConditions) expectNode(node, path)
  scenario.actions.forEach((action, i) => {
    action.effects.forEach((effect, j) => {
      expectNode(effect.target, ['actions', i, 'effects', j, 'target'])
    })
    action.targets.forEach((target, j) => {
      expectNode(target, ['actions', i, 'targets', j])
    })
  })
}

export type Scenario = z.output<typeof scenarioSchema>
export type Team = z.output<typeof teamSchema>
export type Inject = z.output<typeof injectSchema>
export type Objective = z.output<typeof objectiveSchema>
export type Decision = z.output<typeof decisionSchema>
export type Action = z.output<typeof actionSchema>
export type Condition = z.output<typeof conditionSchema>
export type SimpleCondition = z.output<typeof simpleConditionSchema>

/** The simple conditions a condition is made of (itself, or its parts). */
export function conditionParts(condition: Condition): SimpleCondition[] {
  if ('all' in condition) return condition.all
  if ('any' in condition) return condition.any
  return [condition]
}
