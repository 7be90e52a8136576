import { useEffect, useRef, useState } from 'react'
import type { Delivery } from '../../core/engine/state'
import type { HeldExercise } from '../shared/heldExercise'
import { sideLabel } from '../shared/labels'
import { Markdown } from '../shared/Markdown'
import { PageHeading, PageShell } from '../shared/PageShell'
import { ScenarioClock } from '../shared/ScenarioClock'
import { ConnectionBadge } from '../shared/status'
import type { ParticipantSession } from '../shared/storage'
import { TeamChat } from '../shared/TeamChat'
import type { UseExercise } from '../shared/useExercise'
import { InjectFeed } from './InjectFeed'
import { countUnread, useReadMarks } from './readMarks'

/** A team's console: who and when, the briefing, the inject feed with read marks, the team chat. */
export function TeamConsole({
  session,
  exercise,
  held,
}: {
  session: ParticipantSession
  exercise: UseExercise
  held: HeldExercise
}) {
  const { state, viewer } = held
  const teamId = viewer.role === 'participant' ? viewer.teamId : session.teamId
  const team = state.scenario?.teams.find((candidate) => candidate.id === teamId)
  const teamName = team?.name ?? session.teamName
  const side = team?.side ?? session.side
  const { read, markRead } = useReadMarks(session.participantId)
  const deliveries = state.deliveries.filter((delivery) => delivery.teamId === teamId)
  const unread = countUnread(
    deliveries.map((delivery) => delivery.deliveryId),
    read,
  )
  const announcement = useNewInjectAnnouncement(deliveries)

  return (
    <PageShell
      title={`${unread > 0 ? `(${unread}) ` : ''}${teamName}`}
      bar={<ConnectionBadge status={exercise.status} />}
      wide
    >
      <header className="console-head">
        <div className="console-head__who">
          <PageHeading data-testid="exercise-title">{state.title}</PageHeading>
          <p className="console-head__team">
            <span data-testid="team-name">{teamName}</span>
            {side ? <span className={`side-tag side-tag--${side}`}>{sideLabel(side)}</span> : null}
            <span className="muted">You: {session.name}</span>
          </p>
        </div>
        <ScenarioClock
          clock={state.clock}
          ended={state.ended}
          clockOffsetMs={exercise.clockOffsetMs}
        />
        <p className="unread-count" data-testid="unread-count" data-count={unread}>
          <span className="unread-count__number">{unread}</span> unread
        </p>
      </header>

      {state.ended ? (
        <p className="banner" role="status">
          The exercise has ended. You can still read everything here.
        </p>
      ) : null}
      <div className="visually-hidden" aria-live="polite" data-testid="inject-announcer">
        {announcement}
      </div>

      <div className="console-grid">
        <InjectFeed deliveries={deliveries} read={read} onRead={markRead} />
        <div className="console-side">
          <section className="panel" aria-labelledby="briefing-title">
            <h2 id="briefing-title">Briefing</h2>
            <details open className="briefing">
              <summary>{teamName}</summary>
              {team?.briefing ? (
                <Markdown text={team.briefing} />
              ) : (
                <p className="muted">No briefing for your team.</p>
              )}
            </details>
            {state.scenario ? (
              <details className="briefing">
                <summary>Scenario: {state.scenario.title}</summary>
                <Markdown text={state.scenario.summary} />
              </details>
            ) : null}
          </section>
          <TeamChat
            teamId={teamId}
            teamName={teamName}
            messages={state.chat}
            ownParticipantId={session.participantId}
            disabled={state.ended || exercise.status.state !== 'connected'}
            send={exercise.send}
          />
        </div>
      </div>
    </PageShell>
  )
}

/** A sentence for screen readers when injects arrive after the page has loaded. */
function useNewInjectAnnouncement(deliveries: readonly Delivery[]): string {
  const latestSeq = deliveries.reduce((max, delivery) => Math.max(max, delivery.seq), 0)
  const seen = useRef<number | null>(null)
  const [announcement, setAnnouncement] = useState('')

  // biome-ignore lint/correctness/useExhaustiveDependencies: `deliveries` changes whenever `latestSeq` does.
  useEffect(() => {
    const before = seen.current
    seen.current = latestSeq
    if (before === null || latestSeq <= before) return
    const fresh = deliveries.filter((delivery) => delivery.seq > before)
    const last = fresh[fresh.length - 1]
    if (!last) return
    setAnnouncement(
      fresh.length === 1
        ? `New inject: ${last.title}`
        : `${fresh.length} new injects; the latest: ${last.title}`,
    )
  }, [latestSeq])
  return announcement
}
