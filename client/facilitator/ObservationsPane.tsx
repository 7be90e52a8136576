import { useId } from 'react'
import type { CommandInput } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import type { Scenario } from '../../core/scenario/schema'
import { ObservationForm } from '../evaluator/ObservationForm'
import { ObservationLog } from '../evaluator/ObservationLog'

/** The evaluators' observations, live, for the white cell; the facilitator may record one too. */
export function ObservationsPane({
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
  const evaluators = Object.values(state.evaluators)
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="observations-pane">
      <h2 id={`${id}-title`}>Observations</h2>
      <p className="muted">
        {evaluators.length === 0
          ? 'No evaluator has joined yet; give them the evaluator code (Teams).'
          : `Evaluators: ${evaluators.map((evaluator) => evaluator.name).join(', ')}.`}
      </p>
      <ObservationLog scenario={scenario} observations={state.observations} />
      <details>
        <summary>Record an observation yourself</summary>
        <ObservationForm scenario={scenario} disabled={disabled} run={run} />
      </details>
    </section>
  )
}
