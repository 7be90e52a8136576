/**
 * The schedule: when each scripted thing falls due, derived from the state alone (never stored),
 * so a pause, a jump, a restart or a replay all see the same schedule.
 */
import type { Decision, Inject, Scenario } from '../scenario/schema'
import type { ExerciseState } from './state'

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

// At the same scenario time: decisions close first (their consequences may be due at once),
// then scripted injects, then decisions open (a question follows the inject that prompts it).
const KIND_RANK = { 'decision.close': 0, inject: 1, 'decision.open': 2 } as const

/** Every pending item whose due time is known now, in the order it would fire. */
export function pendingSchedule(state: ExerciseState): Pending[] {
  const scenario = state.scenario
  if (!scenario || state.ended) return []
  const pending: Pending[] = []
  scenario.injects.forEach((inject, order) => {
    const dueT = injectDueT(state, scenario, inject)
    if (dueT !== null) pending.push({ kind: 'inject', inject, dueT, order })
  })
  scenario.decisions.forEach((decision, order) => {
    const status = state.decisions[decision.id]
    if (!status) {
      const dueT = decision.at ?? afterDueT(state, decision.after, decision.delay)
      if (dueT !== null) pending.push({ kind: 'decision.open', decision, dueT, order })
    } else if (status.state === 'open') {
      pending.push({ kind: 'decision.close', decision, dueT: status.deadlineT, order })
    }
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
  if (inject.id in state.fired || inject.id in state.skipped) return null
  const rescheduled = state.rescheduled[inject.id]
  if (rescheduled !== undefined) return rescheduled
  const candidates: number[] = []
  if (inject.at !== undefined) candidates.push(inject.at)
  const afterT = afterDueT(state, inject.after, inject.delay)
  if (afterT !== null) candidates.push(afterT)
  const when = inject.when
  if (when && 'decision' in when) {
    const closed = state.decisions[when.decision]
    if (
      closed?.state === 'closed' &&
      (when.option === undefined || closed.optionId === when.option)
    ) {
      candidates.push(closed.closedT + inject.delay)
    }
  } else if (when && 'taken' in when) {
    const takenT = state.actionsTaken[when.taken]
    if (takenT !== undefined && (when.by === undefined || takenT <= when.by))
      candidates.push(takenT + inject.delay)
  } else if (when && 'notTaken' in when) {
    const takenT = state.actionsTaken[when.notTaken]
    if (takenT === undefined || takenT > when.by) candidates.push(when.by + inject.delay)
  }
  // A consequence of a decision that closed on an option listing this inject.
  for (const decision of scenario.decisions) {
    const closed = state.decisions[decision.id]
    if (closed?.state !== 'closed' || closed.optionId === null) continue
    const option = decision.options.find((candidate) => candidate.id === closed.optionId)
    if (option?.injects.includes(inject.id)) candidates.push(closed.closedT + inject.delay)
  }
  return candidates.length === 0 ? null : Math.min(...candidates)
}

function afterDueT(state: ExerciseState, after: string | undefined, delay: number): number | null {
  if (after === undefined) return null
  const firedT = state.fired[after]
  return firedT === undefined ? null : firedT + delay
}
