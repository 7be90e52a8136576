import { useId } from 'react'
import type { ExerciseState } from '../../core/protocol/state'
import { describeTuned } from '../../core/scenario/launchParams'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'

/** The facilitator's list of red's launches, newest first: when, what, on which node, by whom. */
export function AttacksLaunched({
  state,
  labelOf,
  teamName,
}: {
  state: ExerciseState
  labelOf: (nodeId: string) => string
  teamName: (teamId: string) => string
}) {
  const id = useId()
  const attackOf = (attackId: string) =>
    state.scenario?.attacks.find((attack) => attack.id === attackId)
  if ((state.scenario?.attacks.length ?? 0) === 0) return null
  const newestFirst = [...state.attacks].sort((a, b) => b.seq - a.seq)
  return (
    <section className="sector-board" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Attacks launched ({state.attacks.length})</h3>
      {newestFirst.length === 0 ? (
        <p className="empty">Red has launched nothing yet.</p>
      ) : (
        <ul className="plain-list" data-testid="attacks-launched">
          {newestFirst.map((attack) => (
            <li key={attack.seq} data-attack-id={attack.attackId}>
              <span className="mono">{formatScenarioTime(attack.t)}</span>{' '}
              {attackOf(attack.attackId)?.label ?? attack.attackId}
              {attack.target === null ? '' : ` on ${labelOf(attack.target)}`}
              {attack.params ? `, ${describeTuned(attackOf(attack.attackId), attack.params)}` : ''}{' '}
              <span className="muted">({teamName(attack.teamId)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
