/**
 * The clock plan: the phases of an exercise with the speed the clock runs at in each, and the
 * holds where it stops for discussion; and how a decision paces the clock while it is open.
 */
import { z } from 'zod'
import { MAX_SPEED, MIN_SPEED } from '../vocabulary/constants'

/** How an open decision paces the clock: a speed it slows to (1× by default), or `pause`. */
export const decisionPaceSchema = z
  .union([z.number().min(MIN_SPEED).max(MAX_SPEED), z.literal('pause')])
  .default(1)

/** The least wall time a decision stays open, in seconds, whatever the clock's speed. */
export const DEFAULT_MIN_WALL_S = 120
export const minWallSchema = z.number().min(0).max(86_400).default(DEFAULT_MIN_WALL_S)

/** A step of the plan, as the schema reads it (the schema itself is in schema.ts, with the other parts). */
export interface ClockStep {
  readonly id: string
  readonly at: number
  readonly phase?: string | undefined
  readonly speed?: number | undefined
  readonly hold?: string | undefined
}

/** Checks the plan against itself and the phases: ids unique, times increasing, each step doing something. */
export function checkClockPlan(
  plan: readonly ClockStep[],
  phases: readonly { id: string }[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>()
  const phaseIds = new Set(phases.map((phase) => phase.id))
  plan.forEach((step, i) => {
    const path = ['clockPlan', i]
    if (seen.has(step.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'id'],
        message: `a unique step id, not a second '${step.id}'`,
      })
    }
    seen.add(step.id)
    const previous = plan[i - 1]
    if (previous && step.at <= previous.at) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'at'],
        message: `a time after the previous step's (${previous.at} s): steps are in order`,
      })
    }
    if (step.speed === undefined && step.hold === undefined) {
      ctx.addIssue({ code: 'custom', path, message: 'a speed, a hold, or both' })
    }
    if (step.phase !== undefined && !phaseIds.has(step.phase)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'phase'],
        message: `a phase of this scenario (${[...phaseIds].join(', ') || 'none declared'}), not '${step.phase}'`,
      })
    }
  })
}
