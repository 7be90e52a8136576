import { useId, useState } from 'react'
import type { CommandInput } from '../../core/protocol'
import type { RulingRecord } from '../../core/protocol/playState'
import type { ExerciseState, Participant } from '../../core/protocol/state'
import { describeTuned, tunablesOf } from '../../core/scenario/launchParams'
import { type ScenarioNames, scenarioNames } from '../../core/scenario/scenarioNames'
import type { Scenario } from '../../core/scenario/schema'
import { LIMITS } from '../../core/vocabulary/constants'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { AttackParamsFields, useAttackParams } from '../team/AttackParams'

const VERDICT_TEXT = { approved: 'Approved', denied: 'Denied', modified: 'Modified' }

// The white cell's answers to a move, as its buttons offer them.
const RULINGS = [
  { verdict: 'approve', label: 'Approve', className: 'button button--small' },
  { verdict: 'deny', label: 'Deny', className: 'button button--small button--danger' },
  { verdict: 'modify', label: 'Approve as modified', className: 'button button--small' },
] as const

/**
 * The white cell's adjudication queue: the moves that wait for a ruling (red's attacks that need
 * approval, blue actions that need a controller's ruling), each with the team's rationale, to
 * approve, deny or modify with a note; the switch that sends every attack here; the rulings given.
 */
export function AdjudicationQueue({
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
  const names = scenarioNames(scenario)
  const rulings = state.play?.rulings ?? []
  const waiting = rulings.filter((record) => !record.ruling)
  const ruled = rulings.filter((record) => record.ruling).reverse()
  const approveAll = state.play?.approveAllAttacks ?? false
  const hasRed = scenario.attacks.length > 0
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="adjudication">
      <h2 id={`${id}-title`}>Adjudication ({waiting.length} waiting)</h2>
      {hasRed ? (
        <p>
          <button
            type="button"
            className="button button--small"
            aria-pressed={approveAll}
            disabled={disabled}
            onClick={() => run({ type: 'adjudication.require', attacks: !approveAll })}
          >
            Every attack needs my approval
          </button>{' '}
          <span className="muted">
            {approveAll
              ? 'On: every launch waits here.'
              : 'Off: only the attacks the scenario marks wait here.'}
          </span>
        </p>
      ) : null}
      {waiting.length === 0 ? (
        <p className="empty">Nothing waits for a ruling.</p>
      ) : (
        <ul className="plain-list adjudication__list" data-testid="adjudication-waiting">
          {waiting.map((request) => (
            <RequestItem
              key={request.requestId}
              request={request}
              scenario={scenario}
              names={names}
              participants={state.participants}
              disabled={disabled}
              run={run}
            />
          ))}
        </ul>
      )}
      {ruled.length > 0 ? (
        <>
          <h3>Rulings given</h3>
          <ul className="plain-list adjudication__ruled" data-testid="adjudication-ruled">
            {ruled.map((record) => (
              <li key={record.requestId} data-verdict={record.ruling?.verdict}>
                <span className="mono">{formatScenarioTime(record.ruling?.t ?? 0)}</span>{' '}
                <strong>{VERDICT_TEXT[record.ruling?.verdict ?? 'approved']}</strong>:{' '}
                {moveText(record, names)} ({names.team(record.teamId)})
                {record.ruling?.note ? `: “${record.ruling.note}”` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

function moveText(record: RulingRecord, names: ScenarioNames): string {
  const label = record.kind === 'attack' ? names.attack(record.itemId) : names.action(record.itemId)
  return `${label}${record.target === null ? '' : ` on ${names.node(record.target)}`}`
}

function RequestItem({
  request,
  scenario,
  names,
  participants,
  disabled,
  run,
}: {
  request: RulingRecord
  scenario: Scenario
  names: ScenarioNames
  participants: Readonly<Record<string, Participant>>
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const attack =
    request.kind === 'attack'
      ? scenario.attacks.find((candidate) => candidate.id === request.itemId)
      : undefined
  const modifiable = attack !== undefined && tunablesOf(attack).length > 0
  const params = useAttackParams(attack ?? { id: request.itemId })
  const [modifying, setModifying] = useState(false)
  const who =
    request.participantId === null
      ? 'exercise control'
      : (participants[request.participantId]?.name ?? 'a participant')
  const rule = async (verdict: 'approve' | 'deny' | 'modify') => {
    let modified: Record<string, number> | undefined
    if (verdict === 'modify') {
      const values = params.check()
      if (!values) return
      modified = values
    }
    setBusy(true)
    const ok = await run({
      type: 'adjudication.rule',
      requestId: request.requestId,
      verdict,
      note: note.trim(),
      ...(modified ? { params: modified } : {}),
    })
    setBusy(false)
    if (ok) setNote('')
  }
  return (
    <li className="adjudication__request" data-request-id={request.requestId}>
      <h3 className="action__label">
        {request.kind === 'attack' ? 'Attack' : 'Action'}: {moveText(request, names)}
      </h3>
      <p className="muted">
        {names.team(request.teamId)}, {who}, at{' '}
        <span className="mono">{formatScenarioTime(request.requestedT)}</span>
        {attack && request.params ? ` (${describeTuned(attack, request.params)})` : ''}
      </p>
      <blockquote className="adjudication__rationale" data-testid="adjudication-rationale">
        {request.rationale}
      </blockquote>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note to the team</label>
        <textarea
          id={`${id}-note`}
          className="input"
          rows={2}
          maxLength={LIMITS.chat}
          value={note}
          disabled={disabled}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      {modifying && attack ? (
        <AttackParamsFields attack={attack} params={params} disabled={disabled} />
      ) : null}
      <p className="button-row">
        {RULINGS.filter((ruling) => ruling.verdict !== 'modify' || (modifiable && modifying)).map(
          (ruling) => (
            <button
              key={ruling.verdict}
              type="button"
              className={ruling.className}
              disabled={disabled || busy}
              onClick={() => rule(ruling.verdict)}
            >
              {ruling.label}
            </button>
          ),
        )}
        {modifiable && !modifying ? (
          <button
            type="button"
            className="button button--small button--quiet"
            disabled={disabled}
            onClick={() => setModifying(true)}
          >
            Modify…
          </button>
        ) : null}
      </p>
    </li>
  )
}
