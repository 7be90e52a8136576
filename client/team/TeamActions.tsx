import { useEffect, useId, useRef, useState } from 'react'
import { formatScenarioTime } from '../../core/clock/scenarioTime'
import type { ActionRecord } from '../../core/engine/state'
import type { CommandInput } from '../../core/protocol'
import type { Action } from '../../core/scenario/schema'

/** What the team can do (a mitigation, a notification), each taken after a confirmation. */
export function TeamActions({
  actions,
  records,
  nameOf,
  labelOf = (nodeId) => nodeId,
  disabled,
  run,
}: {
  actions: readonly Action[]
  /** The team's actions taken so far. */
  records: readonly ActionRecord[]
  nameOf: (participantId: string | null) => string
  /** A node of the timing chain by the name the team knows it by (for action targets). */
  labelOf?: (nodeId: string) => string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  if (actions.length === 0) return null
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="team-actions">
      <h2 id={`${id}-title`}>Actions</h2>
      <ul className="action-list">
        {actions.map((action) => (
          <ActionItem
            key={action.id}
            action={action}
            taken={records.filter((record) => record.actionId === action.id)}
            nameOf={nameOf}
            labelOf={labelOf}
            disabled={disabled}
            run={run}
          />
        ))}
      </ul>
    </section>
  )
}

function ActionItem({
  action,
  taken,
  nameOf,
  labelOf,
  disabled,
  run,
}: {
  action: Action
  taken: readonly ActionRecord[]
  nameOf: (participantId: string | null) => string
  labelOf: (nodeId: string) => string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  // When the action leaves its target open, the team picks one of `targets`.
  const [target, setTarget] = useState(action.targets[0] ?? '')
  const aimed = action.targets.length > 0
  const confirmRef = useRef<HTMLButtonElement>(null)
  const takeRef = useRef<HTMLButtonElement>(null)
  const wasConfirming = useRef(false)

  // Focus follows the step: to "Yes" when asked, back to the button when the question goes away.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
    else if (wasConfirming.current) takeRef.current?.focus()
    wasConfirming.current = confirming
  }, [confirming])

  const take = async () => {
    setBusy(true)
    await run({ type: 'action.take', actionId: action.id, ...(aimed ? { target } : {}) })
    setBusy(false)
    setConfirming(false)
  }

  return (
    <li
      className={taken.length > 0 ? 'action action--taken' : 'action'}
      data-action-id={action.id}
      data-taken={taken.length > 0}
    >
      <h3 className="action__label">{action.label}</h3>
      {action.description ? <p className="action__description">{action.description}</p> : null}
      {taken.length > 0 ? (
        <ul className="plain-list action__taken" data-testid="action-taken">
          {taken.map((record) => (
            <li key={record.seq}>
              <span aria-hidden="true">✓ </span>Taken at{' '}
              <span className="mono">{formatScenarioTime(record.t)}</span>
              {record.target ? ` on ${labelOf(record.target)}` : ''} by{' '}
              {nameOf(record.participantId)}
            </li>
          ))}
        </ul>
      ) : null}
      {aimed ? (
        <div className="field action__target">
          <label htmlFor={`${id}-target`}>Target</label>
          <select
            id={`${id}-target`}
            className="input"
            value={target}
            disabled={confirming}
            onChange={(event) => setTarget(event.target.value)}
          >
            {action.targets.map((nodeId) => (
              <option key={nodeId} value={nodeId}>
                {labelOf(nodeId)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {confirming ? (
        <fieldset className="confirm confirm--calm" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            Take “{action.label}”{aimed ? ` on ${labelOf(target)}` : ''} now? Exercise control sees
            it at once, and it cannot be undone.
          </p>
          <button
            ref={confirmRef}
            type="button"
            className="button button--primary"
            onClick={take}
            disabled={disabled || busy}
          >
            Yes, take it
          </button>{' '}
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      ) : (
        <button
          ref={takeRef}
          type="button"
          className={
            taken.length > 0 ? 'button button--small button--quiet' : 'button button--small'
          }
          disabled={disabled}
          aria-label={`${taken.length > 0 ? 'Take again' : 'Take action'}: ${action.label}`}
          onClick={() => setConfirming(true)}
        >
          {taken.length > 0 ? 'Take again…' : 'Take action…'}
        </button>
      )}
    </li>
  )
}
