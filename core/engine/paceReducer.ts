/** The pace's part of the reducer: who paces the clock after a speed change, and the plan's steps reached. */
import type { PaceReason } from '../protocol/events'
import type { PaceState } from '../protocol/state'
import { withEntry } from '../vocabulary/records'

/** The pace after a speed change: the facilitator's own takes the clock off the plan. */
export function paceAfterSpeed(pace: PaceState, speed: number, reason?: PaceReason): PaceState {
  if (reason === 'plan') return { ...pace, following: true }
  if (reason === 'decision') return pace
  return { ...pace, following: false, manualSpeed: speed }
}

/** The pace once a plan step is reached. */
export function paceAfterStep(pace: PaceState, stepId: string, t: number): PaceState {
  return { ...pace, reached: withEntry(pace.reached, stepId, t) }
}
