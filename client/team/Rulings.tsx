/** What a team sees of exercise control's rulings: a rationale to give, and each request's outcome. */
import { useId, useState } from 'react'
import type { RulingRecord } from '../../core/protocol/playState'
import { LIMITS } from '../../core/vocabulary/constants'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'

const VERDICT_TEXT = { approved: 'Approved', denied: 'Denied', modified: 'Approved, modified' }

/** The rationale typed for a move, and whether it is missing where a ruling needs one. */
export function useRationale(required: boolean) {
  const [text, setText] = useState('')
  const [missing, setMissing] = useState(false)
  return {
    text,
    missing,
    setText: (value: string) => {
      setText(value)
      setMissing(false)
    },
    /** True when the move may go: a rationale is there, or none is needed. */
    check: () => {
      const lacking = required && !text.trim()
      setMissing(lacking)
      return !lacking
    },
    reset: () => setText(''),
    /** The command field: `{ rationale }` when one was written. */
    field: () => (text.trim() ? { rationale: text.trim() } : {}),
  }
}

export type Rationale = ReturnType<typeof useRationale>

/** The rationale box: required (control reads it before ruling) or optional. */
export function RationaleField({
  rationale,
  required,
  disabled,
}: {
  rationale: Rationale
  required: boolean
  disabled: boolean
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={`${id}-why`}>
        Rationale{required ? ' (exercise control reads it before ruling)' : ' (optional)'}
      </label>
      <textarea
        id={`${id}-why`}
        className="input"
        rows={2}
        maxLength={LIMITS.chat}
        value={rationale.text}
        disabled={disabled}
        aria-invalid={rationale.missing || undefined}
        aria-describedby={rationale.missing ? `${id}-why-problem` : undefined}
        onChange={(event) => rationale.setText(event.target.value)}
      />
      {rationale.missing ? (
        <span id={`${id}-why-problem`} className="form__error" role="alert">
          Say why you make this move: control needs it to rule.
        </span>
      ) : null}
    </div>
  )
}

/** The team's requests for a ruling on one move, each waiting or with its outcome and note. */
export function RulingList({
  rulings,
  labelOf,
  describeParams = () => '',
}: {
  rulings: readonly RulingRecord[]
  labelOf: (nodeId: string) => string
  describeParams?: (params: Readonly<Record<string, number>>) => string
}) {
  if (rulings.length === 0) return null
  return (
    <ul className="plain-list attack__rulings" data-testid="rulings" aria-live="polite">
      {rulings.map((record) => (
        <li key={record.requestId} data-verdict={record.ruling?.verdict ?? 'waiting'}>
          {record.target === null ? 'Asked' : `On ${labelOf(record.target)}, asked`} at{' '}
          <span className="mono">{formatScenarioTime(record.requestedT)}</span>:{' '}
          {record.ruling ? (
            <>
              <strong>{VERDICT_TEXT[record.ruling.verdict]}</strong> by exercise control at{' '}
              <span className="mono">{formatScenarioTime(record.ruling.t)}</span>
              {record.ruling.params ? ` (${describeParams(record.ruling.params)})` : ''}
              {record.ruling.note ? `: “${record.ruling.note}”` : '.'}
            </>
          ) : (
            <strong>waiting for exercise control's ruling.</strong>
          )}
        </li>
      ))}
    </ul>
  )
}
