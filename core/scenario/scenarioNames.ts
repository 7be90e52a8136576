/** The names people read for the ids a scenario uses: teams, chain nodes, actions, attacks, injects, decisions. */
import type { Scenario } from './schema'

/** Lookups from a scenario's ids to their display names; an unknown id shows as itself. */
export interface ScenarioNames {
  team(teamId: string): string
  node(nodeId: string): string
  action(actionId: string): string
  attack(attackId: string): string
  /** A scripted inject's title. */
  inject(injectId: string): string
  /** A decision's question. */
  decision(decisionId: string): string
  /** An option's label within its decision. */
  option(decisionId: string, optionId: string): string
}

/** The name lookups of `scenario` (null before the snapshot: every id as itself). */
export function scenarioNames(scenario: Scenario | null | undefined): ScenarioNames {
  const teams = new Map(scenario?.teams.map((team) => [team.id, team.name]))
  const nodes = new Map(scenario?.chain?.nodes.map((node) => [node.id, node.label]))
  const actions = new Map(scenario?.actions.map((action) => [action.id, action.label]))
  const attacks = new Map(scenario?.attacks.map((attack) => [attack.id, attack.label]))
  const injects = new Map(scenario?.injects.map((inject) => [inject.id, inject.title]))
  const decisions = new Map(scenario?.decisions.map((decision) => [decision.id, decision]))
  return {
    team: (id) => teams.get(id) ?? id,
    node: (id) => nodes.get(id) ?? id,
    action: (id) => actions.get(id) ?? id,
    attack: (id) => attacks.get(id) ?? id,
    inject: (id) => injects.get(id) ?? id,
    decision: (id) => decisions.get(id)?.question ?? id,
    option: (decisionId, optionId) =>
      decisions.get(decisionId)?.options.find((option) => option.id === optionId)?.label ??
      optionId,
  }
}
