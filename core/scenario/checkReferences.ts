/** Cross-reference checks of a scenario: ids unique, every reference resolves, no trigger cycles. */
import type { z } from 'zod'

type SimpleConditionRefs = {
  decision?: string
  option?: string | undefined
  taken?: string
  notTaken?: string
  node?: string
}
type ConditionRefs = SimpleConditionRefs & {
  all?: SimpleConditionRefs[]
  any?: SimpleConditionRefs[]
}

/** The parts of a scenario these checks read (kept structural so the schema can import this file). */
interface ScenarioRefs {
  teams: { id: string }[]
  objectives: { id: string }[]
  phases: { id: string }[]
  injects: {
    id: string
    at?: number | undefined
    after?: string | undefined
    when?: ConditionRefs | undefined
    unless?: ConditionRefs | undefined
    to: string[]
    phase: string
    objectives: string[]
  }[]
  decisions: {
    id: string
    to: string
    at?: number | undefined
    after?: string | undefined
    when?: ConditionRefs | undefined
    options: { id: string; injects: string[] }[]
    default?: string | undefined
    objectives: string[]
  }[]
  actions: { id: string; teams: string[]; objectives: string[] }[]
  /** Notebook templates by team id. */
  notebooks?: Record<string, string>
}

type Path = (string | number)[]

/** Adds an issue to `ctx` for every duplicate id, dangling reference or trigger cycle. */
export function checkReferences(scenario: ScenarioRefs, ctx: z.RefinementCtx): void {
  const report = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message })
  const ids = (items: { id: string }[]) => new Set(items.map((item) => item.id))
  const teams = ids(scenario.teams)
  const objectives = ids(scenario.objectives)
  const phases = ids(scenario.phases)
  const injects = ids(scenario.injects)
  const decisions = new Map(scenario.decisions.map((d) => [d.id, d]))
  const actions = ids(scenario.actions)
  const list = (known: Set<string>) => [...known].join(', ') || 'none'

  for (const section of [
    'teams',
    'objectives',
    'phases',
    'injects',
    'decisions',
    'actions',
  ] as const) {
    const seen = new Set<string>()
    scenario[section].forEach((item, i) => {
      if (seen.has(item.id)) report([section, i, 'id'], `a unique id ('${item.id}' is used twice)`)
      seen.add(item.id)
    })
  }
  const expectTeam = (id: string, path: Path) => {
    if (!teams.has(id)) report(path, `a team of this scenario (${list(teams)}), not '${id}'`)
  }
  for (const teamId of Object.keys(scenario.notebooks ?? {})) {
    expectTeam(teamId, ['notebooks', teamId])
  }
  const expectObjectives = (refs: string[], path: Path) =>
    refs.forEach((id, j) => {
      if (!objectives.has(id))
        report([...path, j], `an objective of this scenario (${list(objectives)}), not '${id}'`)
    })
  const expectInject = (id: string, path: Path) => {
    if (!injects.has(id)) report(path, `an inject of this scenario, not '${id}'`)
  }
  const expectAction = (id: string, path: Path) => {
    if (!actions.has(id)) report(path, `an action of this scenario (${list(actions)}), not '${id}'`)
  }

  const expectCondition = (whole: ConditionRefs, at: Path) => {
    const parts = whole.all ?? whole.any
    const located = parts
      ? parts.map((part, k) => ({ condition: part, path: [...at, whole.all ? 'all' : 'any', k] }))
      : [{ condition: whole, path: at }]
    for (const { condition, path } of located) {
      if (condition.decision !== undefined) {
        const decision = decisions.get(condition.decision)
        if (!decision)
          report([...path, 'decision'], `a decision of this scenario, not '${condition.decision}'`)
        else if (
          condition.option !== undefined &&
          !decision.options.some((o) => o.id === condition.option)
        ) {
          report(
            [...path, 'option'],
            `an option of decision '${decision.id}', not '${condition.option}'`,
          )
        }
      }
      if (condition.taken !== undefined) expectAction(condition.taken, [...path, 'taken'])
      if (condition.notTaken !== undefined) expectAction(condition.notTaken, [...path, 'notTaken'])
    }
  }

  scenario.injects.forEach((inject, i) => {
    const path = ['injects', i]
    inject.to.forEach((teamId, j) => {
      expectTeam(teamId, [...path, 'to', j])
    })
    expectObjectives(inject.objectives, [...path, 'objectives'])
    if (phases.size > 0 && inject.phase !== '' && !phases.has(inject.phase)) {
      report(
        [...path, 'phase'],
        `a phase of this scenario (${list(phases)}), not '${inject.phase}'`,
      )
    }
    const triggers = [
      inject.at !== undefined,
      inject.after !== undefined,
      inject.when !== undefined,
    ]
    if (triggers.filter(Boolean).length > 1) {
      report(path, 'one trigger at most: at, after or when')
    }
    if (inject.after !== undefined) expectInject(inject.after, [...path, 'after'])
    for (const key of ['when', 'unless'] as const) {
      const condition = inject[key]
      if (condition) expectCondition(condition, [...path, key])
    }
  })

  scenario.decisions.forEach((decision, i) => {
    const path = ['decisions', i]
    expectTeam(decision.to, [...path, 'to'])
    expectObjectives(decision.objectives, [...path, 'objectives'])
    const openings = [
      decision.at !== undefined,
      decision.after !== undefined,
      decision.when !== undefined,
    ]
    if (openings.filter(Boolean).length > 1) report(path, 'one opening at most: at, after or when')
    if (decision.after !== undefined) expectInject(decision.after, [...path, 'after'])
    if (decision.when) expectCondition(decision.when, [...path, 'when'])
    const options = new Set<string>()
    decision.options.forEach((option, j) => {
      if (options.has(option.id))
        report([...path, 'options', j, 'id'], `a unique option id ('${option.id}' is used twice)`)
      options.add(option.id)
      option.injects.forEach((id, k) => {
        expectInject(id, [...path, 'options', j, 'injects', k])
      })
    })
    if (decision.default !== undefined && !options.has(decision.default)) {
      report(
        [...path, 'default'],
        `one of the options (${list(options)}), not '${decision.default}'`,
      )
    }
  })

  scenario.actions.forEach((action, i) => {
    action.teams.forEach((teamId, j) => {
      expectTeam(teamId, ['actions', i, 'teams', j])
    })
    expectObjectives(action.objectives, ['actions', i, 'objectives'])
  })

  const cycle = findTriggerCycle(scenario)
  if (cycle) report([], `triggers without a cycle, but ${cycle.join(' → ')} waits on itself`)
}

/** A chain of triggers that leads back to its start, or null. Nodes: `inject:x`, `decision:y`. */
function findTriggerCycle(scenario: ScenarioRefs): string[] | null {
  const edges = new Map<string, string[]>()
  const edge = (from: string, to: string) => edges.set(from, [...(edges.get(from) ?? []), to])
  // An edge points from a thing to what it waits for.
  for (const inject of scenario.injects) {
    if (inject.after !== undefined) edge(`inject:${inject.after}`, `inject:${inject.id}`)
    for (const part of inject.when ? (inject.when.all ?? inject.when.any ?? [inject.when]) : []) {
      if (part.decision !== undefined) edge(`decision:${part.decision}`, `inject:${inject.id}`)
    }
  }
  for (const decision of scenario.decisions) {
    if (decision.after !== undefined) edge(`inject:${decision.after}`, `decision:${decision.id}`)
    for (const part of decision.when
      ? (decision.when.all ?? decision.when.any ?? [decision.when])
      : []) {
      if (part.decision !== undefined) edge(`decision:${part.decision}`, `decision:${decision.id}`)
    }
    for (const option of decision.options) {
      for (const id of option.injects) edge(`decision:${decision.id}`, `inject:${id}`)
    }
  }
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node]
    state.set(node, 'visiting')
    stack.push(node)
    for (const next of edges.get(node) ?? []) {
      const found = visit(next)
      if (found) return found
    }
    stack.pop()
    state.set(node, 'done')
    return null
  }
  for (const node of edges.keys()) {
    const found = visit(node)
    if (found) return found
  }
  return null
}
