import { useState } from 'react'
import { paths } from '../routes'
import { PageHeading, PageShell } from '../shared/PageShell'
import { Link, navigate } from '../shared/router'
import { ConnectionBadge } from '../shared/status'
import type { ParticipantSession } from '../shared/storage'
import {
  forgetParticipantSession,
  loadParticipantSession,
  saveParticipantSession,
} from '../shared/storage'
import { useExercise } from '../shared/useExercise'
import { TeamConsole } from './TeamConsole'

/** A participant's page for one exercise: the seat this browser holds in it, or how to get one. */
export function TeamPage({ exerciseId }: { exerciseId: string }) {
  const [session] = useState(() => loadParticipantSession(exerciseId))
  if (!session) {
    return (
      <PageShell title="Not joined">
        <section className="panel panel--narrow">
          <PageHeading>You have not joined this exercise here</PageHeading>
          <p>
            This browser holds no seat in this exercise. Ask your facilitator for a join code, then{' '}
            <Link to={paths.join()}>join the exercise</Link>.
          </p>
        </section>
      </PageShell>
    )
  }
  return <ConnectedTeamPage session={session} />
}

function ConnectedTeamPage({ session }: { session: ParticipantSession }) {
  // The fresh token replaces the kept one, so a reload after hours still opens the seat.
  const exercise = useExercise(session.token, undefined, (token) =>
    saveParticipantSession({ ...session, token }),
  )
  const { status, held } = exercise

  if (status.state === 'refused') {
    const forget = () => {
      forgetParticipantSession(session.exerciseId)
      navigate(paths.join())
    }
    return (
      <PageShell title="Cannot connect">
        <section className="panel panel--narrow">
          <PageHeading>Cannot open this exercise</PageHeading>
          <p role="alert" data-testid="refused-reason">
            {status.reason}
          </p>
          <p>
            <button type="button" className="button button--primary" onClick={forget}>
              Join again with a code
            </button>
          </p>
        </section>
      </PageShell>
    )
  }

  if (!held) {
    return (
      <PageShell title="Connecting" bar={<ConnectionBadge status={status} />}>
        <section className="panel panel--narrow">
          <PageHeading>Opening the exercise…</PageHeading>
          <p className="muted">
            {session.teamName}, as {session.name}
          </p>
        </section>
      </PageShell>
    )
  }

  return <TeamConsole session={session} exercise={exercise} held={held} />
}
