/**
 * A decision's window: it closes once its scenario deadline has passed and, whatever the clock's
 * speed, not before its minimum in wall time, so a team at 3600× still has the time to answer.
 */
import { scenarioTimeAt, wallTimeOf } from '../clock/ExerciseClock'
import type { CommandOf } from '../protocol/commands'
import { ERROR_CODES } from '../protocol/errors'
import type { DecisionStatus, ExerciseState } from '../protocol/state'
import { lookUp } from '../vocabulary/records'
import type { Emitter } from './Emitter'
import { type Refusal, refuse } from './refusal'

/**
 * The scenario time an open decision closes at, as the clock runs now. During a jump from
 * `jumpFromT`, the wall-time minimum holds no further than where the jump started.
 */
export function closeDueT(
  state: ExerciseState,
  status: DecisionStatus,
  jumpFromT?: number,
): number {
  if (status.deadlineAt === null) return status.deadlineT
  const byWall = scenarioTimeAt(state.clock, status.deadlineAt)
  return Math.max(status.deadlineT, jumpFromT === undefined ? byWall : Math.min(byWall, jumpFromT))
}

/** The wall time (epoch ms) an open decision closes at, as the clock runs now; null while the clock is paused. */
export function closesAt(
  state: Pick<ExerciseState, 'clock'>,
  status: DecisionStatus,
): number | null {
  const scenarioDeadline = wallTimeOf(state.clock, status.deadlineT)
  if (scenarioDeadline === null) return null
  return Math.max(scenarioDeadline, status.deadlineAt ?? scenarioDeadline)
}

/** Gives a team `by` more seconds on an open decision: in scenario time and in wall time alike. */
export function extendDecision(
  emitter: Emitter,
  command: CommandOf<'decision.extend'>,
  t: number,
): Refusal | null {
  const status = lookUp(emitter.state.decisions, command.decisionId)
  if (!status) {
    return refuse(ERROR_CODES.notFound, `No decision '${command.decisionId}' has opened.`)
  }
  if (status.state !== 'open') {
    return refuse(ERROR_CODES.conflict, `Decision '${status.decisionId}' has already closed.`)
  }
  const now = emitter.now
  emitter.emit(
    {
      type: 'decision.extended',
      decisionId: status.decisionId,
      teamId: status.teamId,
      by: command.by,
      deadlineT: Math.max(status.deadlineT, t) + command.by,
      deadlineAt: Math.max(status.deadlineAt ?? now, now) + command.by * 1000,
    },
    t,
  )
  return null
}
