import type { FormEvent } from 'react'
import { useCallback, useEffect, useId, useState } from 'react'
import { LIMITS } from '../../core/vocabulary/constants'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { paths } from '../routes'
import { apiRequest, errorMessage } from '../shared/api'
import { PageHeading, PageShell } from '../shared/PageShell'
import { Link } from '../shared/router'
import { ErrorAlert } from '../shared/status'
import type { ScenarioSummary } from './adminToken'
import { isAuthFailure } from './adminToken'
import { ExerciseList } from './ExerciseList'
import type { ExerciseListing } from './exerciseList'
import { JoinCodes } from './JoinCodes'

/** An exercise as GET /api/exercises/:id answers. */
export interface ExerciseSummary {
  readonly id: string
  readonly title: string
  readonly scenarioId: string
  readonly createdAt: number
  readonly joinCodes: Readonly<Record<string, string>>
  readonly evaluatorCode?: string | null
}

interface Created {
  readonly id: string
  readonly title: string
  readonly joinCodes: Record<string, string>
  readonly evaluatorCode?: string | null
  readonly scenario: ScenarioSummary
}

/** The facilitator's home: create an exercise from a scenario, or reopen an existing one. */
export function FacilitatorHome({
  token,
  scenarios,
  onSignOut,
}: {
  token: string
  scenarios: ScenarioSummary[]
  onSignOut: (why?: string | null) => void
}) {
  const [exercises, setExercises] = useState<ExerciseListing[] | null>(null)
  const [created, setCreated] = useState<Created | null>(null)
  const [error, setError] = useState<string | null>(null)

  const fail = useCallback(
    (caught: unknown) => {
      if (isAuthFailure(caught)) onSignOut(errorMessage(caught))
      else setError(errorMessage(caught))
    },
    [onSignOut],
  )

  const refresh = useCallback(() => {
    apiRequest<ExerciseListing[]>('GET', '/exercises', { token }).then(setExercises, fail)
  }, [token, fail])
  useEffect(refresh, [refresh])

  const create = async (scenario: ScenarioSummary, title: string) => {
    setError(null)
    try {
      const answer = await apiRequest<Omit<Created, 'scenario'>>('POST', '/exercises', {
        token,
        body: { scenarioId: scenario.id, ...(title.trim() ? { title: title.trim() } : {}) },
      })
      setCreated({ ...answer, scenario })
      refresh()
      return true
    } catch (caught) {
      fail(caught)
      return false
    }
  }

  const bar = (
    <button type="button" className="button button--quiet" onClick={() => onSignOut()}>
      Sign out
    </button>
  )
  return (
    <PageShell title="Facilitator" bar={bar} wide>
      <PageHeading>Facilitator console</PageHeading>
      <ErrorAlert message={error} onDismiss={() => setError(null)} />

      {created ? (
        <section
          className="panel panel--success"
          aria-labelledby="created-title"
          data-testid="created-exercise"
        >
          <h2 id="created-title">Exercise created: {created.title}</h2>
          <p>Give each team its code or link. Participants join from any browser.</p>
          <JoinCodes teams={created.scenario.teams} joinCodes={created.joinCodes} />
          {created.evaluatorCode ? (
            <p>
              Evaluators join with{' '}
              <span className="mono" data-testid="created-evaluator-code">
                {created.evaluatorCode}
              </span>
              .
            </p>
          ) : null}
          <p>
            <Link className="button button--primary" to={paths.facilitatorExercise(created.id)}>
              Open the exercise console
            </Link>
          </p>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="scenarios-title">
        <h2 id="scenarios-title">Start a new exercise</h2>
        {scenarios.length === 0 ? (
          <p className="empty">No scenarios are loaded. Check the server's scenarios folder.</p>
        ) : (
          <ul className="cards">
            {scenarios.map((scenario) => (
              <li key={scenario.id}>
                <ScenarioCard scenario={scenario} onCreate={create} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <ExerciseList
        token={token}
        exercises={exercises}
        onChanged={refresh}
        onFailure={(caught) => {
          if (!isAuthFailure(caught)) return false
          onSignOut(errorMessage(caught))
          return true
        }}
      />
    </PageShell>
  )
}

function ScenarioCard({
  scenario,
  onCreate,
}: {
  scenario: ScenarioSummary
  onCreate: (scenario: ScenarioSummary, title: string) => Promise<boolean>
}) {
  const id = useId()
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    if (await onCreate(scenario, title)) setTitle('')
    setBusy(false)
  }

  return (
    <article className="card" aria-labelledby={`${id}-title`} data-scenario-id={scenario.id}>
      <h3 id={`${id}-title`}>{scenario.title}</h3>
      <p>{scenario.summary}</p>
      <p className="muted">
        Runs to {formatScenarioTime(scenario.duration)} · {scenario.injectCount} scripted injects ·
        Teams: {scenario.teams.map((team) => team.name).join(', ')}
      </p>
      <form className="form form--inline" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>Exercise title (optional)</label>
          <input
            id={`${id}-name`}
            className="input"
            value={title}
            maxLength={LIMITS.title}
            placeholder={scenario.title}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create exercise'}
        </button>
      </form>
    </article>
  )
}
