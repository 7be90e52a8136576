import { useId, useState } from 'react'
import type { CommandInput, CommandReply } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import { mselToCsv } from '../../core/scenario/msel'
import type { Scenario } from '../../core/scenario/schema'
import { errorMessage, saveFile } from '../shared/api'
import { useScenarioNow } from '../shared/useScenarioNow'
import { MselItem, STATUS_LABELS } from './MselItem'
import type { MselEntry } from './mselEntries'
import { entriesByStatus, groupByPhase, MSEL_STATUSES, mselEntries } from './mselEntries'

type View = 'status' | 'phase'

const EMPTY_SECTION: Record<(typeof MSEL_STATUSES)[number], string> = {
  upcoming: 'Nothing is scheduled.',
  waiting: 'Nothing waits on a trigger.',
  fired: 'Nothing fired yet.',
  skipped: 'Nothing skipped.',
}

/**
 * The live MSEL: every scripted inject by status (upcoming with a countdown, waiting on a
 * trigger, fired, skipped) or by phase, with Fire now, Edit before sending, Delay and Skip.
 */
export function Msel({
  scenario,
  state,
  clockOffsetMs,
  disabled,
  run,
  send,
  onError,
}: {
  scenario: Scenario
  state: ExerciseState
  clockOffsetMs: number
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
  send: (command: CommandInput) => Promise<CommandReply>
  onError: (message: string) => void
}) {
  const id = useId()
  const [view, setView] = useState<View>('status')
  /** `all`, or `phase:<key>` of one group of groupByPhase. */
  const [phaseFilter, setPhaseFilter] = useState('all')
  const nowT = useScenarioNow(state.clock, clockOffsetMs)
  const allEntries = mselEntries(state, scenario)
  const phases = groupByPhase(allEntries, scenario.phases)
  const chosenPhase = phases.find((group) => `phase:${group.key}` === phaseFilter)
  const entries = chosenPhase ? chosenPhase.items : allEntries

  // The MSEL is a function of the scenario this console holds: no round trip, and an evaluator
  // (who holds no admin token) downloads the same file.
  const download = () => {
    try {
      const csv = new Blob([`\uFEFF${mselToCsv(scenario)}\r\n`], { type: 'text/csv' })
      saveFile(csv, `${scenario.id}-msel.csv`)
    } catch (caught) {
      onError(`The MSEL could not be written: ${errorMessage(caught)}`)
    }
  }

  const list = (items: readonly MselEntry[], label: string) => (
    <ol className="msel-list" aria-label={label}>
      {items.map((entry) => (
        <MselItem
          key={entry.inject.id}
          entry={entry}
          scenario={scenario}
          state={state}
          nowT={nowT}
          disabled={disabled}
          view={view}
          run={run}
          send={send}
        />
      ))}
    </ol>
  )

  const byStatus = entriesByStatus(entries)
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="msel">
      <div className="panel__head">
        <h2 id={`${id}-title`}>MSEL: scripted injects</h2>
        <button type="button" className="button button--small" onClick={download}>
          Download MSEL (CSV)
        </button>
      </div>
      {allEntries.length === 0 ? (
        <p className="empty">This scenario has no scripted injects.</p>
      ) : (
        <>
          <div className="msel-toolbar">
            <fieldset className="speed-group">
              <legend>Show</legend>
              <button
                type="button"
                className="button button--toggle button--small"
                aria-pressed={view === 'status'}
                onClick={() => setView('status')}
              >
                By status
              </button>
              <button
                type="button"
                className="button button--toggle button--small"
                aria-pressed={view === 'phase'}
                onClick={() => setView('phase')}
              >
                By phase
              </button>
            </fieldset>
            {phases.length > 1 ? (
              <div className="field">
                <label htmlFor={`${id}-phase`}>Filter by phase</label>
                <select
                  id={`${id}-phase`}
                  className="input"
                  value={chosenPhase ? phaseFilter : 'all'}
                  onChange={(event) => setPhaseFilter(event.target.value)}
                >
                  <option value="all">All phases</option>
                  {phases.map((group) => (
                    <option key={group.key} value={`phase:${group.key}`}>
                      {group.name} ({group.items.length})
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </div>
          {view === 'status'
            ? MSEL_STATUSES.map((status) => (
                <section
                  key={status}
                  className="msel-section"
                  aria-labelledby={`${id}-${status}`}
                  data-testid={`msel-${status}`}
                >
                  <h3 id={`${id}-${status}`}>
                    {STATUS_LABELS[status]} ({byStatus[status].length})
                  </h3>
                  {byStatus[status].length === 0 ? (
                    <p className="empty">{EMPTY_SECTION[status]}</p>
                  ) : (
                    list(byStatus[status], STATUS_LABELS[status])
                  )}
                </section>
              ))
            : (chosenPhase ? [chosenPhase] : phases).map((group, index) => (
                <section
                  key={group.key}
                  className="msel-section"
                  aria-labelledby={`${id}-phase-${index}`}
                  data-phase={group.key}
                >
                  <h3 id={`${id}-phase-${index}`}>{group.name}</h3>
                  {group.summary ? <p className="muted">{group.summary}</p> : null}
                  {group.items.length === 0 ? (
                    <p className="empty">No scripted injects in this phase.</p>
                  ) : (
                    list(group.items, group.name)
                  )}
                </section>
              ))}
        </>
      )}
    </section>
  )
}
