import { useId } from 'react'
import { wallTimeOf } from '../../core/clock/ExerciseClock'
import { nextHold, nextStep, planSpeed } from '../../core/engine/pace'
import type { CommandInput } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import type { Scenario } from '../../core/scenario/schema'
import { lookUp } from '../../core/vocabulary/records'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { formatSpeed } from '../shared/ScenarioClock'
import { formatWallLeft, useWallNow } from '../shared/useWallNow'

/**
 * The clock plan as the white cell runs it: each step (phase, speed, hold), which are behind,
 * which comes next; whether the clock follows the plan, and the way back to it.
 */
export function ClockPlanPane({
  scenario,
  state,
  disabled,
  run,
}: {
  scenario: Scenario
  state: ExerciseState
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const next = nextStep(scenario, state.pace)
  const phaseName = (phaseId: string | undefined) =>
    scenario.phases.find((phase) => phase.id === phaseId)?.name ?? phaseId
  if (scenario.clockPlan.length === 0) {
    return (
      <section className="panel" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Clock plan</h2>
        <p className="empty">This scenario has no clock plan: the clock runs as you set it.</p>
      </section>
    )
  }
  const planned = planSpeed(scenario, state.pace)
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="clock-plan">
      <h2 id={`${id}-title`}>Clock plan</h2>
      <p data-testid="plan-following">
        {state.pace.following
          ? `The clock follows the plan${planned === null ? '' : ` (${formatSpeed(planned)}× now)`}; open decisions slow it.`
          : `Off the plan: you set ${formatSpeed(state.pace.manualSpeed)}×. Holds still stop the clock.`}{' '}
        {state.pace.following ? null : (
          <button
            type="button"
            className="button button--small"
            disabled={disabled}
            onClick={() => run({ type: 'clock.followPlan' })}
          >
            Return to the plan
          </button>
        )}
      </p>
      <ol className="plain-list plan-steps">
        {scenario.clockPlan.map((step) => {
          const reachedT = lookUp(state.pace.reached, step.id)
          const where = reachedT !== undefined ? 'reached' : step.id === next?.id ? 'next' : 'later'
          return (
            <li key={step.id} data-step-id={step.id} data-state={where}>
              <span className="mono">{formatScenarioTime(step.at)}</span>{' '}
              {step.phase ? <strong>{phaseName(step.phase)}</strong> : null}
              {step.speed !== undefined ? ` · ${formatSpeed(step.speed)}×` : ''}
              {step.hold !== undefined ? ` · hold: ${step.hold}` : ''}
              <span className="muted">
                {' '}
                ({where === 'reached' ? 'reached' : where === 'next' ? 'next' : 'to come'})
              </span>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/** The next hold of the plan, announced beside the clock: when, and in how much wall time. */
export function NextHold({
  state,
  clockOffsetMs,
}: {
  state: ExerciseState
  clockOffsetMs: number
}) {
  const now = useWallNow(clockOffsetMs)
  const scenario = state.scenario
  if (!scenario || state.ended) return null
  // Paused at a hold just reached: say so, with what the hold is for.
  const holding = state.clock.running
    ? undefined
    : scenario.clockPlan.find(
        (step) =>
          step.hold !== undefined &&
          step.at === state.clock.anchorT &&
          lookUp(state.pace.reached, step.id) !== undefined,
      )
  if (holding) {
    return (
      <p className="next-hold" data-testid="holding" role="status">
        Holding at <span className="mono">{formatScenarioTime(holding.at)}</span>: {holding.hold}.
        Resume the clock when the room is ready.
      </p>
    )
  }
  const hold = nextHold(scenario, state.pace)
  if (!hold) return null
  const at = wallTimeOf(state.clock, hold.at)
  return (
    <p className="next-hold" data-testid="next-hold" aria-live="polite">
      Next hold <span className="mono">{formatScenarioTime(hold.at)}</span>
      {at !== null ? ` (in ${formatWallLeft(at - now)} at this speed)` : ''}: {hold.hold}
    </p>
  )
}
