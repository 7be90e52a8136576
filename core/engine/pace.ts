import type { ExerciseState, PaceState } from '../protocol/state'
import type { ClockStep } from '../scenario/clockPlan'
import type { Decision, Scenario } from '../scenario/schema'
import { lookUp } from '../vocabulary/records'
import type { Emitter } from './Emitter'

/** The plan's speed now: that of the last step reached that sets one, or null before any. */
export function planSpeed(scenario: Scenario, pace: PaceState): number | null {
  let speed: number | null = null
  for (const step of scenario.clockPlan) {
    if (lookUp(pace.reached, step.id) !== undefined && step.speed !== undefined) speed = step.speed
  }
  return speed
}

/** The next step of the plan not yet reached, or null when the plan is done. */
export function nextStep(scenario: Scenario, pace: PaceState): ClockStep | null {
  return scenario.clockPlan.find((step) => lookUp(pace.reached, step.id) === undefined) ?? null
}

/** The next hold of the plan not yet reached, or null. */
export function nextHold(scenario: Scenario, pace: PaceState): ClockStep | null {
  return (
    scenario.clockPlan.find(
      (step) => step.hold !== undefined && lookUp(pace.reached, step.id) === undefined,
    ) ?? null
  )
}

/** The fastest the open decisions let the clock run (Infinity when none holds it back). */
function decisionCap(state: ExerciseState, scenario: Scenario): number {
  let cap = Number.POSITIVE_INFINITY
  for (const decision of scenario.decisions) {
    if (lookUp(state.decisions, decision.id)?.state !== 'open') continue
    if (typeof decision.clockSpeed === 'number') cap = Math.min(cap, decision.clockSpeed)
  }
  return cap
}

/** The speed the clock should run at now: the plan's (or the facilitator's), capped by open decisions. */
export function pacedSpeed(state: ExerciseState, scenario: Scenario): number {
  const base = state.pace.following
    ? (planSpeed(scenario, state.pace) ?? state.pace.manualSpeed)
    : state.pace.manualSpeed
  return Math.min(base, decisionCap(state, scenario))
}

/**
 * Reaches a step of the plan at scenario time `t`: its speed applies while the clock follows
 * the plan (capped by open decisions), and its hold pauses the clock, except on a jump, which
 * moves past holds on purpose.
 */
export function reachStep(emitter: Emitter, step: ClockStep, t: number, jumping: boolean): void {
  const state = emitter.state
  const scenario = state.scenario
  if (!scenario) return
  const speed =
    step.speed !== undefined && state.pace.following
      ? Math.min(step.speed, decisionCap(state, scenario))
      : null
  const hold = step.hold !== undefined && !jumping && state.clock.running
  emitter.emit(
    {
      type: 'clock.planStep',
      stepId: step.id,
      speed: speed === state.clock.speed ? null : speed,
      hold,
    },
    t,
  )
}

/** Slows (or pauses) the clock for a decision that has just opened, as the scenario asks. */
export function slowForDecision(emitter: Emitter, decision: Decision, t: number): void {
  const clock = emitter.state.clock
  if (decision.clockSpeed === 'pause') {
    if (clock.running)
      emitter.emit({ type: 'clock.paused', reason: 'decision', decisionId: decision.id }, t)
    return
  }
  if (clock.speed > decision.clockSpeed) {
    emitter.emit({ type: 'clock.speedChanged', speed: decision.clockSpeed, reason: 'decision' }, t)
  }
}

/** Gives the clock back its pace once a decision has closed: resumed if it paused it, and sped up. */
export function restorePace(emitter: Emitter, decisionId: string, t: number): void {
  const scenario = emitter.state.scenario
  if (!scenario) return
  if (emitter.state.pace.pausedBy === decisionId && !emitter.state.clock.running) {
    emitter.emit({ type: 'clock.started', reason: 'decision' }, t)
  }
  const speed = pacedSpeed(emitter.state, scenario)
  if (speed !== emitter.state.clock.speed) {
    emitter.emit({ type: 'clock.speedChanged', speed, reason: 'decision' }, t)
  }
}
