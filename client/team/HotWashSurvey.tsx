import type { FormEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import type { CommandInput } from '../../core/protocol'
import type { SurveyObjective } from '../../core/protocol/hotWashEvents'
import {
  HOT_WASH_LIMITS,
  HOT_WASH_SCORE_LABELS,
  HOT_WASH_SCORES,
  type HotWashScore,
} from '../../core/scenario/hotWashScale'

/** How the response went out: with the participant's name or without. */
type Sent = 'signed' | 'anonymous' | 'earlier'

/**
 * The hot wash survey, once the exercise has ended: what went well, what to improve, a score per
 * objective (or none), anonymous unless the participant signs. Once sent, a thank-you in its place.
 */
export function HotWashSurvey({
  objectives,
  sentEarlier,
  name,
  disabled,
  run,
}: {
  objectives: readonly SurveyObjective[]
  /** The participant had answered before this page loaded (the server's snapshot says so). */
  sentEarlier: boolean
  name: string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const [wentWell, setWentWell] = useState('')
  const [toImprove, setToImprove] = useState('')
  const [scores, setScores] = useState<Readonly<Record<string, HotWashScore>>>({})
  const [signed, setSigned] = useState(false)
  const [sending, setSending] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [sentHere, setSentHere] = useState<Sent | null>(null)
  const sent = sentHere ?? (sentEarlier ? 'earlier' : null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!wentWell.trim() && !toImprove.trim() && Object.keys(scores).length === 0) {
      setProblem('Write a few words or score an objective before sending.')
      return
    }
    setProblem(null)
    setSending(true)
    const ok = await run({ type: 'hotwash.submit', wentWell, toImprove, ratings: scores, signed })
    setSending(false)
    if (ok) setSentHere(signed ? 'signed' : 'anonymous')
  }

  const score = (objectiveId: string, value: HotWashScore | null) =>
    setScores((current) => {
      const { [objectiveId]: _dropped, ...rest } = current
      return value === null ? rest : { ...rest, [objectiveId]: value }
    })

  return (
    <section
      className={sent ? 'panel panel--success' : 'panel'}
      aria-labelledby={`${id}-title`}
      data-testid="hotwash-survey"
    >
      <h2 id={`${id}-title`}>Hot wash</h2>
      {sent ? (
        <ThankYou sent={sent} name={name} />
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
          <p className="muted">Tell the white cell how the exercise went: a few minutes, once.</p>
          <div className="field">
            <label htmlFor={`${id}-well`}>What went well</label>
            <textarea
              id={`${id}-well`}
              className="input"
              rows={3}
              maxLength={HOT_WASH_LIMITS.text}
              aria-describedby={`${id}-length`}
              value={wentWell}
              onChange={(event) => setWentWell(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-improve`}>What to improve</label>
            <textarea
              id={`${id}-improve`}
              className="input"
              rows={3}
              maxLength={HOT_WASH_LIMITS.text}
              aria-describedby={`${id}-length`}
              value={toImprove}
              onChange={(event) => setToImprove(event.target.value)}
            />
            <p id={`${id}-length`} className="field__hint">
              Up to {HOT_WASH_LIMITS.text.toLocaleString('en')} characters each.
            </p>
          </div>
          {objectives.map((objective) => (
            <fieldset key={objective.id} className="radio-group">
              <legend>
                How well did the exercise meet “{objective.text}” ({objective.capability})?
              </legend>
              <label className="radio">
                <input
                  type="radio"
                  name={`${id}-${objective.id}`}
                  checked={scores[objective.id] === undefined}
                  onChange={() => score(objective.id, null)}
                />{' '}
                Cannot say
              </label>
              {HOT_WASH_SCORES.map((value) => (
                <label key={value} className="radio">
                  <input
                    type="radio"
                    name={`${id}-${objective.id}`}
                    value={value}
                    checked={scores[objective.id] === value}
                    onChange={() => score(objective.id, value)}
                  />{' '}
                  <strong>{value}</strong> {HOT_WASH_SCORE_LABELS[value]}
                </label>
              ))}
            </fieldset>
          ))}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={signed}
              onChange={(event) => setSigned(event.target.checked)}
            />{' '}
            Sign with my name ({name}); otherwise the response is anonymous
          </label>
          {problem ? (
            <p className="form__error" role="alert">
              {problem}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" disabled={disabled || sending}>
            {sending ? 'Sending…' : 'Send my response'}
          </button>
        </form>
      )}
    </section>
  )
}

/** The thank-you that replaces the form, focused so a keyboard or screen reader lands on it. */
function ThankYou({ sent, name }: { sent: Sent; name: string }) {
  const ref = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (sent !== 'earlier') ref.current?.focus()
  }, [sent])
  const how =
    sent === 'signed' ? `, signed ${name}` : sent === 'anonymous' ? ', without your name' : ''
  return (
    <p ref={ref} tabIndex={-1} role="status" data-testid="hotwash-sent">
      Thank you: your response is in{how}. The white cell will go through the responses with
      everyone.
    </p>
  )
}
