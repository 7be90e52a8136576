import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import type { CommandInput } from '../../core/protocol'
import { RATING_LABELS, RATINGS, type Rating } from '../../core/scenario/ratings'
import type { Scenario } from '../../core/scenario/schema'
import { LIMITS } from '../../core/vocabulary/constants'

/** Records an observation: a team rated against an objective (HSEEP P, S, M, U), with what was seen. */
export function ObservationForm({
  scenario,
  objectiveId,
  disabled,
  run,
}: {
  scenario: Scenario
  /** The objective to rate, when the form sits under one. */
  objectiveId?: string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const rated = scenario.teams.filter((team) => team.side !== 'observer')
  const [objective, setObjective] = useState(objectiveId ?? scenario.objectives[0]?.id ?? '')
  const [teamId, setTeamId] = useState(rated[0]?.id ?? '')
  const [rating, setRating] = useState<Rating | null>(null)
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!rating) {
      setProblem('Choose a rating.')
      return
    }
    setProblem(null)
    const ok = await run({
      type: 'observation.record',
      objectiveId: objective,
      teamId,
      rating,
      text,
    })
    setSaved(ok)
    if (ok) {
      setText('')
      setRating(null)
    }
  }

  if (scenario.objectives.length === 0) {
    return <p className="empty">This scenario has no objectives to rate.</p>
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Record an observation">
      {objectiveId === undefined ? (
        <div className="field">
          <label htmlFor={`${id}-objective`}>Objective</label>
          <select
            id={`${id}-objective`}
            className="input"
            value={objective}
            onChange={(event) => setObjective(event.target.value)}
          >
            {scenario.objectives.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.capability}: {candidate.text.slice(0, 80)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-team`}>Team</label>
        <select
          id={`${id}-team`}
          className="input"
          value={teamId}
          onChange={(event) => setTeamId(event.target.value)}
        >
          {rated.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="radio-group">
        <legend>Rating</legend>
        {RATINGS.map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name={`${id}-rating`}
              value={value}
              checked={rating === value}
              onChange={() => setRating(value)}
            />{' '}
            <strong>{value}</strong> {RATING_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-text`}>What you observed</label>
        <textarea
          id={`${id}-text`}
          className="input"
          rows={3}
          maxLength={LIMITS.chat}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {problem ? (
        <p className="form__error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={disabled}>
        Record observation
      </button>
      {saved ? (
        <p role="status" className="muted">
          Recorded.
        </p>
      ) : null}
    </form>
  )
}
