/**
 * The schedule: when each scripted thing falls due, derived from the state alone (never stored),
 * so a pause, a jump, a restart or a replay all see the same schedule.
 */
import type { AttackRecord, ExerciseState } from '../protocol/state'
import type { ClockStep } from '../scenario/clockPlan'
import type { Condition, Decision, Inject, Scenario, SimpleCondition } from '../scenario/schema'
import { hasEntry, lookUp } from '../vocabulary/records'
import { closeDueT } from './decisionWindow'

export type Pending =
  | {
      readonly kind: 'inject'
      readonly inject: Inject
      readonly dueT: number
      readonly order: number
    }
  | {
      readonly kind: 'decision.open'
      readonly decision: Decision
      readonly dueT: number
      readonly order: number
    }
  | {
      readonly kind: 'decision.close'
      readonly decision: Decision
      readonly dueT: number
      readonly order: number
    }
  | {
      /** A launched attack whose effect lands after it executes (its `executeIn`). */
      readonly kind: 'attack.land'
      readonly attack: AttackRecord
      readonly dueT: number
      readonly order: number
    }
  | {
      readonly kind: 'plan.step'
      readonly step: ClockStep
      readonly dueT: number
      readonly order: number
    }

// At the same scenario time: decisions close first (their consequences may be due at once),
// then scripted injects, then decisions open (a question follows the inject that prompts it),
// then the clock plan's step (a hold comes after what arrives at its time). An attack landing
// comes before the injects of that moment, which may wait on its effect.
const KIND_RANK = {
  'decision.close': 0,
  'attack.land': 1,
  inject: 2,
  'decision.open': 3,
  'plan.step': 4,
} as const

export interface ScheduleOptions {
  /**
   * The scenario time a jump started from: a jump moves time on purpose, so from there on a
   * decision closes at its scenario deadline, its wall-time minimum waived.
   */
  readonly jumpFromT?: number
}

/** Every pending item whose due time is known now, in the order it would fire. */
export function pendingSchedule(state: ExerciseState, options: ScheduleOptions = {}): Pending[] {
  const scenario = state.scenario
  if (!scenario || state.ended) return []
  const pending: Pending[] = []
  scenario.injects.forEach((inject, order) => {
    const dueT = injectDueT(state, scenario, inject)
    if (dueT !== null) pending.push({ kind: 'inject', inject, dueT, order })
  })
  scenario.decisions.forEach((decision, order) => {
    const status = lookUp(state.decisions, decision.id)
    if (!status) {
      const holds = decision.when ? conditionHoldsFrom(state, decision.when) : null
      const dueT =
        decision.at ??
        afterDueT(state, decision.after, decision.delay) ??
        (holds === null ? null : holds + decision.delay)
      if (dueT !== null) pending.push({ kind: 'decision.open', decision, dueT, order })
    } else if (status.state === 'open') {
      const dueT = closeDueT(state, status, options.jumpFromT)
      pending.push({ kind: 'decision.close', decision, dueT, order })
    }
  })
  state.attacks.forEach((attack, order) => {
    if (attack.landsT !== undefined && attack.landedT === undefined)
      pending.push({ kind: 'attack.land', attack, dueT: attack.landsT, order })
  })
  scenario.clockPlan.forEach((step, order) => {
    if (lookUp(state.pace.reached, step.id) === undefined)
      pending.push({ kind: 'plan.step', step, dueT: step.at, order })
  })
  return pending.sort(
    (a, b) => a.dueT - b.dueT || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.order - b.order,
  )
}

/** The scenario time at which a scripted inject falls due, or null when it is not (or no longer) due. */
export function injectDueT(
  state: ExerciseState,
  scenario: Scenario,
  inject: Inject,
): number | null {
  if (hasEntry(state.fired, inject.id) || hasEntry(state.skipped, inject.id)) return null
  const rescheduled = lookUp(state.rescheduled, inject.id)
  if (rescheduled !== undefined) return rescheduled
  const candidates: number[] = []
  if (inject.at !== undefined) candidates.push(inject.at)
  const afterT = afterDueT(state, inject.after, inject.delay)
  if (afterT !== null) candidates.push(afterT)
  const holds = inject.when ? conditionHoldsFrom(state, inject.when) : null
  if (holds !== null) candidates.push(holds + inject.delay)
  // A consequence of a decision that closed on an option listing this inject.
  for (const decision of scenario.decisions) {
    const closed = lookUp(state.decisions, decision.id)
    if (closed?.state !== 'closed' || closed.optionId === null) continue
    const option = decision.options.find((candidate) => candidate.id === closed.optionId)
    if (option?.injects.includes(inject.id)) candidates.push(closed.closedT + inject.delay)
  }
  if (candidates.length === 0) return null
  const dueT = Math.min(...candidates)
  // `unless`: a condition that held by the due time cancels the inject.
  const cancelledFrom = inject.unless ? conditionHoldsFrom(state, inject.unless) : null
  return cancelledFrom !== null && cancelledFrom <= dueT ? null : dueT
}

/**
 * The scenario time from which a condition holds, as far as the log tells now, or null. A
 * `notTaken` condition holds from its deadline as long as the action was not taken by then; a
 * `node` condition from the first time the twin recorded that status (or worse) for the node;
 * `all` once every part holds, `any` once one does.
 */
export function conditionHoldsFrom(state: ExerciseState, condition: Condition): number | null {
  if ('all' in condition) {
    const times = condition.all.map((part) => simpleHoldsFrom(state, part))
    return times.some((t) => t === null) ? null : Math.max(...(times as number[]))
  }
  if ('any' in condition) {
    const times = condition.any
      .map((part) => simpleHoldsFrom(state, part))
      .filter((t) => t !== null)
    return times.length === 0 ? null : Math.min(...times)
  }
  return simpleHoldsFrom(state, condition)
}

function simpleHoldsFrom(state: ExerciseState, condition: SimpleCondition): number | null {
  if ('decision' in condition) {
    const closed = lookUp(state.decisions, condition.decision)
    const matches =
      closed?.state === 'closed' &&
      (condition.option === undefined || closed.optionId === condition.option)
    return matches ? closed.closedT : null
  }
  if ('taken' in condition) {
    const takenT = lookUp(state.actionsTaken, condition.taken)
    return takenT !== undefined && (condition.by === undefined || takenT <= condition.by)
      ? takenT
      : null
  }
  if ('node' in condition) {
    const reached = state.statusLog.find(
      (record) =>
        record.nodeId === condition.node &&
        (record.status === 'failed' || record.status === condition.status),
    )
    return reached ? reached.t : null
  }
  const takenT = lookUp(state.actionsTaken, condition.notTaken)
  return takenT === undefined || takenT > condition.by ? condition.by : null
}

function afterDueT(state: ExerciseState, after: string | undefined, delay: number): number | null {
  if (after === undefined) return null
  const firedT = lookUp(state.fired, after)
  return firedT === undefined ? null : firedT + delay
}
