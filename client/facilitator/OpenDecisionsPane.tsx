import { useId } from 'react'
import { closesAt } from '../../core/engine/decisionWindow'
import type { CommandInput } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { formatWallLeft, useWallNow } from '../shared/useWallNow'

const EXTENSIONS_S = [120, 300] as const

/**
 * The decisions open now, with the wall time each team has left to answer whatever the clock's
 * speed, and a way to give a team more time. Read-only without `run` (for evaluators).
 */
export function OpenDecisionsPane({
  state,
  clockOffsetMs,
  disabled,
  run,
}: {
  state: ExerciseState
  clockOffsetMs: number
  disabled: boolean
  run?: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const now = useWallNow(clockOffsetMs)
  const teams = state.scenario?.teams ?? []
  const open = Object.values(state.decisions).filter((status) => status.state === 'open')
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="open-decisions">
      <h2 id={`${id}-title`}>Open decisions</h2>
      {open.length === 0 ? (
        <p className="empty">No decision is open.</p>
      ) : (
        <ul className="plain-list">
          {open.map((status) => {
            const closes = closesAt(state, status)
            const team = teams.find((candidate) => candidate.id === status.teamId)?.name
            return (
              <li key={status.decisionId} data-decision-id={status.decisionId}>
                <strong>{status.question}</strong> · {team ?? status.teamId} · deadline{' '}
                <span className="mono">{formatScenarioTime(status.deadlineT)}</span>{' '}
                <span data-testid="wall-left">
                  {closes === null
                    ? '(clock paused: the window waits)'
                    : `(${formatWallLeft(closes - now)} left)`}
                </span>
                {run ? (
                  <span className="button-row">
                    {EXTENSIONS_S.map((by) => (
                      <button
                        key={by}
                        type="button"
                        className="button button--small"
                        disabled={disabled}
                        aria-label={`Give ${team ?? status.teamId} ${by / 60} more minutes: ${status.question}`}
                        onClick={() =>
                          run({ type: 'decision.extend', decisionId: status.decisionId, by })
                        }
                      >
                        +{by / 60} min
                      </button>
                    ))}
                  </span>
                ) : null}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
