import { useId } from 'react'
import type { CommandInput } from '../../core/protocol'
import type { RulingRecord } from '../../core/protocol/playState'
import type { ActionRecord } from '../../core/protocol/state'
import type { Action } from '../../core/scenario/schema'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { ConfirmStep } from '../shared/ConfirmStep'
import { RationaleField, RulingList, useRationale } from './Rulings'

/** What the team can do (a mitigation, a notification), each taken after a confirmation. */
export function TeamActions({
  actions,
  records,
  rulings = [],
  nameOf,
  labelOf = (nodeId) => nodeId,
  disabled,
  run,
}: {
  actions: readonly Action[]
  /** The team's actions taken so far. */
  records: readonly ActionRecord[]
  /** The team's requests for a controller's ruling. */
  rulings?: readonly RulingRecord[]
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
            rulings={rulings.filter((r) => r.kind === 'action' && r.itemId === action.id)}
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
  rulings,
  nameOf,
  labelOf,
  disabled,
  run,
}: {
  action: Action
  taken: readonly ActionRecord[]
  rulings: readonly RulingRecord[]
  nameOf: (participantId: string | null) => string
  labelOf: (nodeId: string) => string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const aimed = action.targets.length > 0
  const again = taken.length > 0
  const ruled = !!action.needsRuling
  const rationale = useRationale(ruled)

  return (
    <li
      className={again ? 'action action--taken' : 'action'}
      data-action-id={action.id}
      data-taken={again}
    >
      <h3 className="action__label">{action.label}</h3>
      {action.description ? <p className="action__description">{action.description}</p> : null}
      {again ? (
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
      {ruled ? <p className="muted">Needs a controller's ruling before it is taken.</p> : null}
      <RulingList rulings={rulings} labelOf={labelOf} />
      {ruled ? <RationaleField rationale={rationale} required disabled={disabled} /> : null}
      <ConfirmStep
        targets={action.targets}
        labelOf={labelOf}
        pickerClassName="field action__target"
        confirmClassName="confirm confirm--calm"
        confirmButtonClassName="button button--primary"
        confirmLabel="Yes, take it"
        question={(target) => (
          <>
            Take “{action.label}”{aimed ? ` on ${labelOf(target)}` : ''} now?{' '}
            {ruled
              ? 'It goes to exercise control, and is taken only once approved.'
              : 'Exercise control sees it at once, and it cannot be undone.'}
          </>
        )}
        disabled={disabled}
        // When the action leaves its target open, the team picks one of `targets`.
        onConfirm={async (target) => {
          const ok = await run({
            type: 'action.take',
            actionId: action.id,
            ...(aimed ? { target } : {}),
            ...rationale.field(),
          })
          if (ok) rationale.reset()
        }}
        trigger={({ ref, ask }) => (
          <button
            ref={ref}
            type="button"
            className={again ? 'button button--small button--quiet' : 'button button--small'}
            disabled={disabled}
            aria-label={`${again ? 'Take again' : 'Take action'}: ${action.label}`}
            onClick={() => {
              if (rationale.check()) ask()
            }}
          >
            {again ? 'Take again…' : 'Take action…'}
          </button>
        )}
      />
    </li>
  )
}
