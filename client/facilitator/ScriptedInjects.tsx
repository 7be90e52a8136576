import { useId } from 'react'
import { formatScenarioTime } from '../../core/clock/scenarioTime'
import { injectDueT } from '../../core/engine/schedule'
import type { ExerciseState } from '../../core/engine/state'
import type { CommandInput } from '../../core/protocol'
import type { Scenario } from '../../core/scenario/schema'
import { ChannelTag } from '../shared/labels'

/** The scenario's scripted injects (the MSEL): when, to whom, on which channel; fired, or Fire and Skip. */
export function ScriptedInjects({
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
  const teamName = (teamId: string) =>
    scenario.teams.find((team) => team.id === teamId)?.name ?? teamId
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Scripted injects</h2>
      {scenario.injects.length === 0 ? (
        <p className="empty">This scenario has no scripted injects.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="scripted-injects">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Inject</th>
                <th scope="col">To</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {scenario.injects.map((inject) => {
                const firedAt = state.fired[inject.id]
                const skippedAt = state.skipped[inject.id]
                const dueT = injectDueT(state, scenario, inject)
                const moved = inject.id in state.rescheduled
                return (
                  <tr
                    key={inject.id}
                    data-inject-id={inject.id}
                    data-fired={firedAt !== undefined}
                    className={
                      firedAt !== undefined || skippedAt !== undefined ? 'row--done' : undefined
                    }
                  >
                    <td className="mono">
                      {dueTime(inject.at, dueT, firedAt !== undefined || skippedAt !== undefined)}
                      {moved && dueT !== null ? <span className="muted"> (moved)</span> : null}
                    </td>
                    <th scope="row" className="cell--title">
                      {inject.title}
                    </th>
                    <td>{inject.to.map(teamName).join(', ')}</td>
                    <td>
                      <ChannelTag channel={inject.channel} />
                    </td>
                    <td>
                      {firedAt !== undefined ? (
                        <span className="status-done">
                          <span aria-hidden="true">✓ </span>Fired at{' '}
                          <span className="mono">{formatScenarioTime(firedAt)}</span>
                        </span>
                      ) : (
                        <span className="row-actions">
                          {skippedAt !== undefined ? (
                            <span className="muted">
                              Skipped at{' '}
                              <span className="mono">{formatScenarioTime(skippedAt)}</span>
                            </span>
                          ) : null}
                          <button
                            type="button"
                            className="button button--small"
                            disabled={disabled}
                            aria-label={`Fire: ${inject.title}`}
                            onClick={() => run({ type: 'inject.fire', injectId: inject.id })}
                          >
                            Fire
                          </button>
                          {skippedAt === undefined ? (
                            <button
                              type="button"
                              className="button button--small button--quiet"
                              disabled={disabled}
                              aria-label={`Skip: ${inject.title}`}
                              onClick={() => run({ type: 'inject.skip', injectId: inject.id })}
                            >
                              Skip
                            </button>
                          ) : null}
                        </span>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** When an inject is (or was) due: its current due time, its scripted time, or "on trigger". */
function dueTime(scriptedAt: number | undefined, dueT: number | null, settled: boolean): string {
  if (dueT !== null) return formatScenarioTime(dueT)
  if (scriptedAt !== undefined) return formatScenarioTime(scriptedAt)
  return settled ? '—' : 'On trigger'
}
