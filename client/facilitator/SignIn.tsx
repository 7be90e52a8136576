import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { errorMessage } from '../shared/api'
import { PageHeading, PageShell } from '../shared/PageShell'
import type { ScenarioSummary } from './adminToken'
import { verifyAdminToken } from './adminToken'

/** The facilitator's sign-in: the admin token, typed or pasted, checked before it is kept. */
export function SignIn({
  notice,
  onSignedIn,
}: {
  /** Why the facilitator is here again (a rejected token), if so. */
  notice: string | null
  onSignedIn: (token: string, scenarios: ScenarioSummary[]) => void
}) {
  const id = useId()
  const [token, setToken] = useState('')
  const [error, setError] = useState<string | null>(notice)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const typed = token.trim()
    if (!typed) {
      setError('Enter the admin token printed by the server at start-up.')
      return
    }
    setBusy(true)
    try {
      const scenarios = await verifyAdminToken(typed)
      onSignedIn(typed, scenarios)
    } catch (caught) {
      setError(errorMessage(caught))
      setBusy(false)
    }
  }

  return (
    <PageShell title="Facilitator sign-in">
      <section className="panel panel--narrow" aria-labelledby={`${id}-title`}>
        <PageHeading id={`${id}-title`}>Facilitator sign-in</PageHeading>
        <p className="lead">
          Open the sign-in link that the server printed when it started, or paste the admin token
          from it here.
        </p>
        <form className="form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-token`}>Admin token</label>
            <input
              id={`${id}-token`}
              type="password"
              className="input"
              autoComplete="current-password"
              value={token}
              onChange={(event) => setToken(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-error`}
            />
          </div>
          <p id={`${id}-error`} role="alert" className="form__error" data-testid="sign-in-error">
            {error ? (
              <>
                <span aria-hidden="true">⚠ </span>
                {error}
              </>
            ) : null}
          </p>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </form>
      </section>
    </PageShell>
  )
}
