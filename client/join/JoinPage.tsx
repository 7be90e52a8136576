import type { FormEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import type { Side } from '../../core/vocabulary/constants'
import { LIMITS } from '../../core/vocabulary/constants'
import { paths } from '../routes'
import { ApiError, apiRequest, errorMessage } from '../shared/api'
import { sideLabel } from '../shared/labels'
import { PageHeading, PageShell } from '../shared/PageShell'
import { Link, navigate } from '../shared/router'
import type { ParticipantSession } from '../shared/storage'
import { listParticipantSessions, saveParticipantSession } from '../shared/storage'

interface JoinAnswer {
  token: string
  exerciseId: string
  /** Null for an evaluator's seat. */
  teamId: string | null
  role?: 'participant' | 'evaluator'
  participantId: string
  teamName?: string
  side?: Side
}

type JoinError = { readonly field: 'code' | 'name' | null; readonly message: string }

/** The join page: a code (possibly from a `/join/:code` link) and a display name. */
export function JoinPage({ initialCode }: { initialCode: string }) {
  const [code, setCode] = useState(initialCode)
  const [name, setName] = useState('')
  const [error, setError] = useState<JoinError | null>(null)
  const [busy, setBusy] = useState(false)
  const [sessions] = useState(listParticipantSessions)
  const codeRef = useRef<HTMLInputElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)

  // A join link brings the code: what is left to type is the name.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the code the page opened with.
  useEffect(() => {
    if (initialCode) nameRef.current?.focus()
  }, [])
  const id = useId()
  const errorId = `${id}-error`

  const fail = (failure: JoinError) => {
    setError(failure)
    if (failure.field === 'code') codeRef.current?.focus()
    if (failure.field === 'name') nameRef.current?.focus()
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    if (!code.trim()) return fail({ field: 'code', message: 'Enter the join code you were given.' })
    if (!name.trim()) {
      return fail({ field: 'name', message: 'Enter the name your team will see you as.' })
    }
    setBusy(true)
    setError(null)
    try {
      const joined = await apiRequest<JoinAnswer>('POST', '/join', {
        body: { code: code.trim(), name: name.trim() },
      })
      const evaluator = joined.role === 'evaluator'
      const session: ParticipantSession = {
        token: joined.token,
        exerciseId: joined.exerciseId,
        teamId: joined.teamId ?? '',
        participantId: joined.participantId,
        teamName: evaluator ? 'Evaluator' : (joined.teamName ?? joined.teamId ?? ''),
        side: joined.side ?? null,
        name: name.trim(),
        joinedAt: Date.now(),
        ...(evaluator ? { role: 'evaluator' as const } : {}),
      }
      saveParticipantSession(session)
      navigate(evaluator ? paths.evaluate(joined.exerciseId) : paths.team(joined.exerciseId))
    } catch (caught) {
      setBusy(false)
      const field =
        caught instanceof ApiError && (caught.code === 'not_found' || caught.code === 'conflict')
          ? 'code'
          : null
      fail({ field, message: errorMessage(caught) })
    }
  }

  const invalid = (field: 'code' | 'name') => error?.field === field

  return (
    <PageShell title="Join an exercise">
      <section className="panel panel--narrow" aria-labelledby={`${id}-title`}>
        <PageHeading id={`${id}-title`}>Join an exercise</PageHeading>
        <p className="lead">
          Enter the join code from your facilitator and the name your team sees.
        </p>
        <form className="form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-code`}>Join code</label>
            <input
              ref={codeRef}
              id={`${id}-code`}
              name="code"
              className="input input--code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={32}
              placeholder="ABCD-EFGH"
              aria-invalid={invalid('code') || undefined}
              aria-describedby={invalid('code') ? errorId : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-name`}>Your name</label>
            <input
              ref={nameRef}
              id={`${id}-name`}
              name="name"
              className="input"
              value={name}
              onChange={(event) => setName(event.target.value)}
              autoComplete="nickname"
              maxLength={LIMITS.name}
              aria-invalid={invalid('name') || undefined}
              aria-describedby={invalid('name') ? errorId : undefined}
            />
          </div>
          <p id={errorId} role="alert" className="form__error" data-testid="join-error">
            {error ? (
              <>
                <span aria-hidden="true">⚠ </span>
                {error.message}
              </>
            ) : null}
          </p>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Joining…' : 'Join exercise'}
          </button>
        </form>
      </section>

      {sessions.length > 0 ? (
        <section className="panel panel--narrow" aria-labelledby={`${id}-continue`}>
          <h2 id={`${id}-continue`}>Continue in this browser</h2>
          <ul className="plain-list">
            {sessions.map((session) => (
              <li key={session.exerciseId}>
                <Link
                  to={
                    session.role === 'evaluator'
                      ? paths.evaluate(session.exerciseId)
                      : paths.team(session.exerciseId)
                  }
                >
                  {session.teamName} as {session.name}
                </Link>{' '}
                <span className="muted">
                  {sideLabel(session.side)}, joined {new Date(session.joinedAt).toLocaleString()}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p className="muted center">
        Running the exercise? <Link to={paths.facilitator()}>Facilitator sign-in</Link>
      </p>
    </PageShell>
  )
}
