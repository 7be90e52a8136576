/** How scripted things fall due, in words a facilitator reads at a glance. */
import { conditionHoldsFrom, injectDueT } from '../../core/engine/schedule'
import type { ExerciseState } from '../../core/protocol/state'
import type { ScenarioNames } from '../../core/scenario/scenarioNames'
import { scenarioNames } from '../../core/scenario/scenarioNames'
import type {
  Condition,
  Decision,
  Inject,
  Scenario,
  SimpleCondition,
} from '../../core/scenario/schema'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { formatDuration } from '../shared/duration'

/**
 * Every way `inject` can fall due, joined with "or", in the names people read (inject titles,
 * decision questions and options, action labels, node labels): `at T+00:10:00`, `after "NTP
 * offset above threshold" + 5 min`, `when "Declare a major incident?" = "Declare" + 2 min`,
 * `when "Check the reference" is taken + 3 min`, `if "Tell OT" not taken by T+00:50:00`; an
 * inject with none is held for the facilitator.
 */
export function describeTrigger(inject: Inject, scenario: Scenario): string {
  const names = scenarioNames(scenario)
  const q = quoted(names)
  const plus = inject.delay > 0 ? ` + ${formatDuration(inject.delay)}` : ''
  const ways: string[] = []
  if (inject.at !== undefined) ways.push(`at ${formatScenarioTime(inject.at)}`)
  if (inject.after !== undefined) ways.push(`after ${q.inject(inject.after)}${plus}`)
  const when = inject.when
  if (when && 'decision' in when) {
    ways.push(
      when.option === undefined
        ? `when ${q.decision(when.decision)} closes${plus}`
        : `when ${q.decision(when.decision)} = ${q.option(when.decision, when.option)}${plus}`,
    )
  } else if (when && 'taken' in when) {
    const by = when.by === undefined ? '' : ` by ${formatScenarioTime(when.by)}`
    ways.push(`when ${q.action(when.taken)} is taken${by}${plus}`)
  } else if (when && 'notTaken' in when) {
    ways.push(`if ${q.action(when.notTaken)} not taken by ${formatScenarioTime(when.by)}${plus}`)
  } else if (when) {
    // The twin, or several conditions at once.
    ways.push(`when ${describeCondition(when, scenario)}${plus}`)
  }
  // A consequence of a decision's option (core/engine/schedule.ts fires it when that option wins).
  for (const decision of scenario.decisions) {
    for (const option of decision.options) {
      if (option.injects.includes(inject.id)) {
        ways.push(`when ${q.decision(decision.id)} = ${q.option(decision.id, option.id)}${plus}`)
      }
    }
  }
  const distinct = [...new Set(ways)]
  const text = distinct.length === 0 ? 'held: fires only by hand' : distinct.join(' or ')
  return inject.unless ? `${text}, unless ${describeCondition(inject.unless, scenario)}` : text
}

/** The scenario's names in quotes, so that a long title reads as one thing in a sentence. */
function quoted(names: ScenarioNames) {
  return {
    inject: (id: string) => `"${names.inject(id)}"`,
    decision: (id: string) => `"${names.decision(id)}"`,
    option: (decisionId: string, optionId: string) => `"${names.option(decisionId, optionId)}"`,
    action: (id: string) => `"${names.action(id)}"`,
    node: (id: string) => names.node(id),
  }
}

/** A condition in words: `"Declare a major incident?" = "Declare"`, `"Check the reference" is taken`, … */
export function describeCondition(condition: Condition, scenario: Scenario): string {
  const q = quoted(scenarioNames(scenario))
  const simple = (each: SimpleCondition) => describeSimple(each, q)
  if ('all' in condition) return condition.all.map(simple).join(' and ')
  if ('any' in condition) return condition.any.map(simple).join(' or ')
  return simple(condition)
}

function describeSimple(condition: SimpleCondition, q: ReturnType<typeof quoted>): string {
  if ('decision' in condition) {
    return condition.option === undefined
      ? `${q.decision(condition.decision)} has closed`
      : `${q.decision(condition.decision)} = ${q.option(condition.decision, condition.option)}`
  }
  if ('taken' in condition) {
    const by = condition.by === undefined ? '' : ` by ${formatScenarioTime(condition.by)}`
    return `${q.action(condition.taken)} is taken${by}`
  }
  if ('node' in condition) return `${q.node(condition.node)} is ${condition.status} (twin)`
  return `${q.action(condition.notTaken)} was not taken by ${formatScenarioTime(condition.by)}`
}

/** When a decision opens, in words: `at T+00:35:00`, `after "Helpdesk: logins fail" + 5 min`, `when …`, or by hand. */
export function describeOpening(decision: Decision, scenario: Scenario): string {
  if (decision.at !== undefined) return `at ${formatScenarioTime(decision.at)}`
  if (decision.after !== undefined) {
    const plus = decision.delay > 0 ? ` + ${formatDuration(decision.delay)}` : ''
    return `after ${quoted(scenarioNames(scenario)).inject(decision.after)}${plus}`
  }
  if (decision.when !== undefined) {
    const plus = decision.delay > 0 ? ` + ${formatDuration(decision.delay)}` : ''
    return `when ${describeCondition(decision.when, scenario)}${plus}`
  }
  return 'only when opened by hand'
}

/**
 * For an inject that waits on triggers, why none of them can fire it any more (`notify-ot was
 * taken at T+00:12:00`, `siem-offset was skipped`, `declare-major-incident closed on declare`),
 * or null when one still may, or when it is held for the facilitator anyway.
 */
export function whyNeverDue(
  inject: Inject,
  scenario: Scenario,
  state: ExerciseState,
): string | null {
  const dead: string[] = []
  const q = quoted(scenarioNames(scenario))
  let live = false
  const closedOn = (decisionId: string, optionId: string | undefined) => {
    const status = state.decisions[decisionId]
    if (status?.state !== 'closed' || optionId === undefined || status.optionId === optionId) {
      live = true
    } else {
      const on = status.optionId === null ? 'no option' : q.option(decisionId, status.optionId)
      dead.push(`${q.decision(decisionId)} closed on ${on}`)
    }
  }
  if (inject.after !== undefined) {
    if (inject.after in state.skipped && !(inject.after in state.fired)) {
      dead.push(`${q.inject(inject.after)} was skipped`)
    } else live = true
  }
  const when = inject.when
  if (when && 'decision' in when) closedOn(when.decision, when.option)
  else if (when && 'notTaken' in when) {
    const takenT = state.actionsTaken[when.notTaken]
    if (takenT !== undefined && takenT <= when.by) {
      dead.push(`${q.action(when.notTaken)} was taken at ${formatScenarioTime(takenT)}`)
    } else live = true
  } else if (when) live = true
  for (const decision of scenario.decisions) {
    for (const option of decision.options) {
      if (option.injects.includes(inject.id)) closedOn(decision.id, option.id)
    }
  }
  if (inject.unless) {
    const cancelledFrom = conditionHoldsFrom(state, inject.unless)
    const { unless: _unless, ...uncancelled } = inject
    const dueT = injectDueT(state, scenario, uncancelled)
    if (cancelledFrom !== null && dueT !== null && cancelledFrom <= dueT) {
      return `cancelled: ${describeCondition(inject.unless, scenario)}`
    }
  }
  return live || dead.length === 0 ? null : [...new Set(dead)].join('; ')
}
