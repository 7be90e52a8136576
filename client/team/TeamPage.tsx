import { useState } from 'react'
import type { SessionMoved } from '../../core/protocol'
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
  const [session, setSession] = useState(() => loadParticipantSession(exerciseId))
  const [movedNotice, setMovedNotice] = useState<string | null>(null)
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
  // Moved to another team: the seat changes, and with its token the connection starts afresh.
  const onMoved = (moved: SessionMoved) => {
    const next: ParticipantSession = {
      ...session,
      token: moved.token,
      teamId: moved.teamId,
      teamName: moved.teamName,
      side: moved.side,
    }
    saveParticipantSession(next)
    setSession(next)
    setMovedNotice(
      `The facilitator moved you to ${moved.teamName}: what you see now is ${moved.teamName}'s.`,
    )
  }
  return (
    <ConnectedTeamPage
      key={session.teamId}
      session={session}
      notice={movedNotice}
      onMoved={onMoved}
    />
  )
}

function ConnectedTeamPage({
  session,
  notice,
  onMoved,
}: {
  session: ParticipantSession
  notice: string | null
  onMoved: (moved: SessionMoved) => void
}) {
  // The fresh token replaces the kept one, so a reload after hours still opens the seat.
  const exercise = useExercise(session.token, undefined, {
    onToken: (token) => saveParticipantSession({ ...session, token }),
    onMoved,
  })
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

  return <TeamConsole session={session} exercise={exercise} held={held} notice={notice} />
}
