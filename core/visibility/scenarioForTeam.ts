/**
 * Fog of war on the scenario: what a team's participants may read of the file the exercise was
 * created from. The white cell's material (the MSEL, the guide, objectives, holds) and other
 * teams' briefings, actions and templates stay out, and so does most of the chain.
 */
import type { Action, Scenario } from '../scenario/schema'
import type { Side } from '../vocabulary/constants'

/** The scenario as a participant of `teamId` may see it: teams without others' briefings, no MSEL. */
export function scenarioForTeam(scenario: Scenario, teamId: string): Scenario {
  const side = scenario.teams.find((team) => team.id === teamId)?.side
  const actions = scenario.actions.filter((action) => action.teams.includes(teamId))
  const chain = scenario.chain && chainForTeam(scenario, teamId, side, actions)
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
    facilitatorGuide: '',
    objectives: [],
    phases: scenario.phases,
    clockPlan: [],
    injects: [],
    decisions: [],
    actions,
    ...(chain ? { chain } : {}),
    // Red knows how noisy each attack is, not the words blue's monitoring will show.
    attacks:
      side === 'red'
        ? scenario.attacks.map((attack) => ({ ...attack, noise: { ...attack.noise, alerts: [] } }))
        : [],
    channels: (scenario.channels ?? []).filter((channel) => channel.teams.includes(teamId)),
    // Its own template only: another team's says what that team will watch for.
    notebooks: Object.hasOwn(scenario.notebooks, teamId)
      ? { [teamId]: scenario.notebooks[teamId]! }
      : {},
  }
}

/**
 * The part of the chain a team knows: a blue team the nodes it monitors or can act on, red the
 * nodes its attacks can aim at. Who monitors what stays hidden; so does everything else.
 */
function chainForTeam(
  scenario: Scenario,
  teamId: string,
  side: Side | undefined,
  actions: readonly Action[],
): Scenario['chain'] {
  const nodes = scenario.chain?.nodes ?? []
  const known = new Set<string>()
  if (side === 'red') {
    for (const attack of scenario.attacks) for (const target of attack.targets) known.add(target)
  } else if (side === 'blue') {
    for (const node of nodes) if (node.monitoredBy.includes(teamId)) known.add(node.id)
    for (const action of actions) {
      for (const target of action.targets) known.add(target)
      for (const effect of action.effects) if (effect.target) known.add(effect.target)
    }
  }
  if (known.size === 0) return undefined
  return {
    nodes: nodes
      .filter((node) => known.has(node.id))
      .map((node) => ({
        ...node,
        sources: node.sources.filter((source) => known.has(source)),
        monitoredBy: node.monitoredBy.includes(teamId) ? [teamId] : [],
        monitoring: node.monitoredBy.includes(teamId) ? node.monitoring : [],
      })),
  }
}
