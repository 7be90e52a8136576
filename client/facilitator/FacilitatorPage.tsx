import { useCallback, useEffect, useState } from 'react'
import { ReportPage } from '../report/ReportPage'
import { errorMessage } from '../shared/api'
import { PageHeading, PageShell } from '../shared/PageShell'
import { clearAdminToken, loadAdminToken, saveAdminToken } from '../shared/storage'
import type { ScenarioSummary } from './adminToken'
import { isAuthFailure, takeTokenFromFragment, verifyAdminToken } from './adminToken'
import { ExerciseConsole } from './ExerciseConsole'
import { FacilitatorHome } from './FacilitatorHome'
import { SignIn } from './SignIn'

type Check =
  | { readonly state: 'checking' }
  | { readonly state: 'ok'; readonly scenarios: ScenarioSummary[] }
  | { readonly state: 'unreachable'; readonly message: string }

/**
 * The facilitator's pages, behind the admin token: the home (scenarios, exercises), or one
 * exercise's console or after-action report.
 */
export function FacilitatorPage({
  exerciseId,
  view = 'console',
}: {
  exerciseId: string | null
  view?: 'console' | 'report'
}) {
  const [token, setToken] = useState<string | null>(
    () => takeTokenFromFragment() ?? loadAdminToken(),
  )
  const [check, setCheck] = useState<Check>({ state: 'checking' })
  const [notice, setNotice] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)

  const signOut = useCallback((why: string | null = null) => {
    clearAdminToken()
    setToken(null)
    setNotice(why)
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check on "Try again".
  useEffect(() => {
    if (!token) return
    let current = true
    setCheck((before) => (before.state === 'ok' ? before : { state: 'checking' }))
    verifyAdminToken(token).then(
      (scenarios) => current && setCheck({ state: 'ok', scenarios }),
      (error: unknown) => {
        if (!current) return
        if (isAuthFailure(error)) signOut(errorMessage(error))
        else setCheck({ state: 'unreachable', message: errorMessage(error) })
      },
    )
    return () => {
      current = false
    }
  }, [token, attempt, signOut])

  if (!token) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(signedIn, scenarios) => {
          saveAdminToken(signedIn)
          setNotice(null)
          setCheck({ state: 'ok', scenarios })
          setToken(signedIn)
        }}
      />
    )
  }
  if (check.state !== 'ok') {
    return (
      <PageShell title="Facilitator">
        <section className="panel panel--narrow">
          <PageHeading>Facilitator console</PageHeading>
          {check.state === 'checking' ? (
            <p role="status">Checking your sign-in…</p>
          ) : (
            <>
              <p role="alert">{check.message}</p>
              <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </button>
            </>
          )}
        </section>
      </PageShell>
    )
  }
  if (exerciseId && view === 'report') {
    return <ReportPage key={exerciseId} exerciseId={exerciseId} token={token} onSignOut={signOut} />
  }
  return exerciseId ? (
    <ExerciseConsole key={exerciseId} exerciseId={exerciseId} token={token} onSignOut={signOut} />
  ) : (
    <FacilitatorHome token={token} scenarios={check.scenarios} onSignOut={signOut} />
  )
}
