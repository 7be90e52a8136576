import { useId, useRef, useState } from 'react'
import type { CommandInput, CommandReply } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import type { Scenario } from '../../core/scenario/schema'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { formatCountdown } from '../shared/duration'
import { ChannelTag } from '../shared/labels'
import { DelayForm } from './DelayForm'
import { EditInjectDialog } from './EditInjectDialog'
import { InjectDetails } from './InjectDetails'
import type { MselEntry, MselStatus } from './mselEntries'
import { describeTrigger, whyNeverDue } from './triggers'

export const STATUS_LABELS: Record<MselStatus, string> = {
  upcoming: 'Upcoming',
  waiting: 'Waiting on a trigger',
  fired: 'Fired',
  skipped: 'Skipped',
}

/** One inject of the live MSEL: when, to whom, its controls, and its details on request. */
export function MselItem({
  entry,
  scenario,
  state,
  nowT,
  disabled,
  view,
  run,
  send,
}: {
  entry: MselEntry
  scenario: Scenario
  state: ExerciseState
  /** Scenario time now, whole seconds, for the countdown. */
  nowT: number
  disabled: boolean
  /** By status: the list around says the status, the item its phase; by phase, the reverse. */
  view: 'status' | 'phase'
  run: (command: CommandInput) => Promise<boolean>
  send: (command: CommandInput) => Promise<CommandReply>
}) {
  const id = useId()
  const { inject } = entry
  const [open, setOpen] = useState(false)
  const [delaying, setDelaying] = useState(false)
  const [editing, setEditing] = useState(false)
  const delayButton = useRef<HTMLButtonElement>(null)
  const trigger = describeTrigger(inject, scenario)
  const recipients = inject.to
    .map((teamId) => scenario.teams.find((team) => team.id === teamId)?.name ?? teamId)
    .join(', ')
  const pending = entry.status !== 'fired'
  const neverDue = entry.status === 'waiting' ? whyNeverDue(inject, scenario, state) : null

  const endDelay = () => {
    setDelaying(false)
    delayButton.current?.focus()
  }

  return (
    <li
      className={`msel-item msel-item--${entry.status}`}
      data-inject-id={inject.id}
      data-status={entry.status}
      data-due-t={entry.status === 'upcoming' ? entry.dueT : undefined}
    >
      <p className="msel-item__when">
        {view === 'phase' ? (
          <span className={`msel-status msel-status--${entry.status}`}>
            {STATUS_LABELS[entry.status]}
          </span>
        ) : null}
        <When entry={entry} trigger={trigger} nowT={nowT} ended={state.ended} />
        {entry.status === 'waiting' && neverDue ? (
          <span className="muted" data-testid="never-due">
            ({neverDue}: it fires only by hand now)
          </span>
        ) : null}
      </p>
      <h4 className="msel-item__title">
        <button
          type="button"
          className="inject__toggle"
          aria-expanded={open}
          aria-controls={`${id}-details`}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true" className="inject__chevron">
            {open ? '▾' : '▸'}
          </span>
          <span>{inject.title}</span>
        </button>
      </h4>
      <p className="msel-item__meta">
        <ChannelTag channel={inject.channel} />
        <span>To {recipients}</span>
        {inject.phase && view === 'status' ? (
          <span className="muted">Phase: {phaseName(scenario, inject.phase)}</span>
        ) : null}
      </p>
      {pending ? (
        <div className="row-actions msel-item__actions">
          <button
            type="button"
            className="button button--small"
            disabled={disabled}
            aria-label={`Fire now: ${inject.title}`}
            onClick={() => run({ type: 'inject.fire', injectId: inject.id })}
          >
            Fire now
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={disabled}
            aria-label={`Edit before sending: ${inject.title}`}
            aria-haspopup="dialog"
            onClick={() => setEditing(true)}
          >
            Edit before sending…
          </button>
          {entry.status === 'upcoming' ? (
            <button
              ref={delayButton}
              type="button"
              className="button button--small"
              disabled={disabled}
              aria-label={`Delay: ${inject.title}`}
              aria-expanded={delaying}
              onClick={() => setDelaying(!delaying)}
            >
              Delay…
            </button>
          ) : null}
          {entry.status === 'upcoming' || entry.status === 'waiting' ? (
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
        </div>
      ) : null}
      {delaying && entry.status === 'upcoming' ? (
        <DelayForm inject={inject} disabled={disabled} run={run} onDone={endDelay} />
      ) : null}
      {open ? (
        <InjectDetails id={`${id}-details`} inject={inject} scenario={scenario} trigger={trigger} />
      ) : null}
      {editing ? (
        <EditInjectDialog
          inject={inject}
          recipients={recipients}
          send={send}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </li>
  )
}

/** When the inject is due, fired or skipped; what it waits for. */
function When({
  entry,
  trigger,
  nowT,
  ended,
}: {
  entry: MselEntry
  trigger: string
  nowT: number
  /** The exercise ended: nothing pending will fire, so no countdown. */
  ended: boolean
}) {
  switch (entry.status) {
    case 'upcoming': {
      if (ended) return <span className="muted">Not fired: the exercise ended</span>
      const countdown = formatCountdown(entry.dueT, nowT)
      return (
        <>
          <span className="mono" data-testid="due-time">
            {formatScenarioTime(entry.dueT)}
          </span>
          <span className="countdown" data-testid="countdown">
            {countdown === 'now' ? 'due now' : countdown}
          </span>
          {entry.moved ? <span className="muted">(moved)</span> : null}
          {entry.inject.at === undefined ? (
            <span className="muted" data-testid="trigger">
              ({trigger})
            </span>
          ) : null}
        </>
      )
    }
    case 'waiting':
      return <span data-testid="trigger">Waits: {trigger}</span>
    case 'fired':
      return (
        <span className="status-done">
          <span aria-hidden="true">✓ </span>Fired at{' '}
          <span className="mono">{formatScenarioTime(entry.firedT)}</span>
        </span>
      )
    case 'skipped':
      return (
        <span className="muted">
          <span aria-hidden="true">⊘ </span>Skipped at{' '}
          <span className="mono">{formatScenarioTime(entry.skippedT)}</span>
        </span>
      )
  }
}

function phaseName(scenario: Scenario, phase: string): string {
  return scenario.phases.find((candidate) => candidate.id === phase)?.name ?? phase
}
