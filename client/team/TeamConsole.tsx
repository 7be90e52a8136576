import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { hotWashOf } from '../../core/protocol/hotWashState'
import type { DecisionStatus, Delivery } from '../../core/protocol/state'
import { LazyNotebook } from '../notebook/LazyNotebook'
import { ConsoleNotices } from '../shared/ConsoleNotices'
import { decisionChanges } from '../shared/decisions'
import type { HeldExercise } from '../shared/heldExercise'
import { sideLabel } from '../shared/labels'
import { Markdown } from '../shared/Markdown'
import { PageHeading, PageShell } from '../shared/PageShell'
import { ScenarioClock } from '../shared/ScenarioClock'
import { ConnectionBadge } from '../shared/status'
import type { ParticipantSession } from '../shared/storage'
import { Tabs } from '../shared/Tabs'
import { TeamChat } from '../shared/TeamChat'
import { useArrivalAnnouncement } from '../shared/useArrivalAnnouncement'
import type { UseExercise } from '../shared/useExercise'
import { useScenarioNow } from '../shared/useScenarioNow'
import { useShownCommands } from '../shared/useShownCommands'
import { LazyTimingChain } from '../twin/LazyTimingChain'
import type { TwinAudience } from '../twin/nodeDisplay'
import { AttacksPanel } from './AttacksPanel'
import { HotWashSurvey } from './HotWashSurvey'
import { InjectFeed } from './InjectFeed'
import { countUnread, decisionReadKey, useReadMarks } from './readMarks'
import { TeamActions } from './TeamActions'
import { TeamChannels } from './TeamChannels'
import { TeamDecisions } from './TeamDecisions'
import { TeamRoster } from './TeamRoster'
import { TwinAlerts } from './TwinAlerts'

/**
 * A team's console: who and when, the team's decisions and injects with read marks (the inbox)
 * and its shared notebook in a tab beside them, its actions, the briefing, the team chat; when
 * the scenario has a timing chain, the part of it the team knows, red's attack catalogue and a
 * blue team's monitoring alerts. Once the exercise has ended, the hot wash survey on top.
 */
export function TeamConsole({
  session,
  exercise,
  held,
  notice = null,
  readOnly = false,
}: {
  session: ParticipantSession
  exercise: UseExercise
  held: HeldExercise
  /** A sentence for the top of the console (the facilitator moved this participant). */
  notice?: string | null
  /**
   * The white cell viewing as this team: the same console, every control off, inside the
   * facilitator's page rather than a page of its own.
   */
  readOnly?: boolean
}) {
  const { state, viewer } = held
  const teamId = viewer.role === 'participant' ? viewer.teamId : session.teamId
  const team = state.scenario?.teams.find((candidate) => candidate.id === teamId)
  const teamName = team?.name ?? session.teamName
  const side = team?.side ?? session.side
  const { read, markRead } = useReadMarks(session.participantId)
  const [workspace, setWorkspace] = useState<'inbox' | 'notebook'>('inbox')
  const deliveries = state.deliveries.filter((delivery) => delivery.teamId === teamId)
  const unread = countUnread(
    [
      ...deliveries.map((delivery) => delivery.deliveryId),
      ...Object.keys(state.decisions).map(decisionReadKey),
    ],
    read,
  )
  const nameOf = useCallback(
    (participantId: string | null) =>
      participantId === null || participantId === 'facilitator'
        ? 'exercise control'
        : participantId === session.participantId
          ? 'you'
          : (state.participants[participantId]?.name ?? 'a team member'),
    [state.participants, session.participantId],
  )
  const announcement = useNewInjectAnnouncement(deliveries)
  const decisionAnnouncement = useDecisionAnnouncement(state.decisions, nameOf)
  const nowT = useScenarioNow(state.clock, exercise.clockOffsetMs)
  const disabled = readOnly || state.ended || exercise.status.state !== 'connected'
  const { send, readTwin, onTwinFrame } = exercise
  const { error, setError, run } = useShownCommands(send)
  const chain = state.scenario?.chain
  const survey = hotWashOf(state).survey
  const labelOf = useMemo(() => {
    const labels = new Map(chain?.nodes.map((node) => [node.id, node.label]))
    return (nodeId: string) => labels.get(nodeId) ?? nodeId
  }, [chain])
  const twinAudience = useMemo((): TwinAudience | null => {
    if (!chain) return null
    if (side === 'red') return { role: 'red', teamId }
    if (side === 'blue') return { role: 'blue', teamId }
    return null
  }, [chain, side, teamId])

  const body = (
    <>
      <header className="console-head">
        <div className="console-head__who">
          <PageHeading data-testid="exercise-title">{state.title}</PageHeading>
          <p className="console-head__team">
            <span data-testid="team-name">{teamName}</span>
            {side ? <span className={`side-tag side-tag--${side}`}>{sideLabel(side)}</span> : null}
            <span className="muted">{readOnly ? 'Read-only' : `You: ${session.name}`}</span>
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

      {notice ? (
        <p className="banner" role="status" data-testid="console-notice">
          {notice}
        </p>
      ) : null}
      <ConsoleNotices
        error={error}
        onDismiss={() => setError(null)}
        ended={state.ended}
        endedText="The exercise has ended. You can still read everything here."
      />
      {survey && !readOnly ? (
        <HotWashSurvey
          objectives={survey}
          sentEarlier={held.hotWashSent ?? false}
          name={session.name}
          disabled={exercise.status.state !== 'connected'}
          run={run}
        />
      ) : null}
      <div className="visually-hidden" aria-live="polite" data-testid="inject-announcer">
        {announcement}
      </div>
      <div className="visually-hidden" aria-live="assertive" data-testid="decision-announcer">
        {decisionAnnouncement}
      </div>

      <div className="console-grid">
        <div className="console-main">
          {side === 'red' ? (
            <AttacksPanel
              attacks={state.scenario?.attacks ?? []}
              launched={state.attacks.filter((record) => record.teamId === teamId)}
              rulings={(state.play?.rulings ?? []).filter((record) => record.kind === 'attack')}
              approveAll={state.play?.approveAllAttacks ?? false}
              labelOf={labelOf}
              nameOf={nameOf}
              disabled={disabled}
              run={run}
            />
          ) : null}
          <Tabs
            label="Team workspace"
            selected={workspace}
            onSelect={setWorkspace}
            tabs={[
              {
                id: 'inbox',
                label: unread > 0 ? `Inbox (${unread} unread)` : 'Inbox',
                keepMounted: true,
                content: (
                  <>
                    <TeamDecisions
                      decisions={state.decisions}
                      nameOf={nameOf}
                      ownParticipantId={session.participantId}
                      read={read}
                      onRead={markRead}
                      nowT={nowT}
                      clock={state.clock}
                      clockOffsetMs={exercise.clockOffsetMs}
                      disabled={disabled}
                      run={run}
                    />
                    <InjectFeed
                      deliveries={deliveries}
                      read={read}
                      onRead={markRead}
                      acknowledged={state.play?.acknowledged ?? {}}
                      nameOf={(name, participantId) =>
                        participantId === session.participantId ? 'you' : name
                      }
                      disabled={disabled}
                      run={run}
                    />
                  </>
                ),
              },
              {
                id: 'notebook',
                label: 'Notebook',
                content: (
                  <LazyNotebook
                    documents={exercise.documents}
                    exerciseId={held.exerciseId}
                    teamId={teamId}
                    teamName={teamName}
                    author={{ id: session.participantId, name: session.name }}
                    clock={state.clock}
                    clockOffsetMs={exercise.clockOffsetMs}
                    readOnly={readOnly}
                  />
                ),
              },
            ]}
          />
        </div>
        <div className="console-side">
          {twinAudience?.role === 'blue' ? (
            <TwinAlerts
              alerts={state.alerts.filter((alert) => alert.teamId === teamId)}
              labelOf={labelOf}
            />
          ) : null}
          <TeamActions
            actions={state.scenario?.actions ?? []}
            records={state.actions.filter((record) => record.teamId === teamId)}
            rulings={state.play?.rulings ?? []}
            nameOf={nameOf}
            labelOf={labelOf}
            disabled={disabled}
            run={run}
          />
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
          <TeamRoster
            teamId={teamId}
            teamName={teamName}
            participants={state.participants}
            online={exercise.online}
            ownParticipantId={session.participantId}
          />
          <TeamChat
            teamId={teamId}
            teamName={teamName}
            messages={state.chat}
            ownParticipantId={session.participantId}
            disabled={disabled}
            send={send}
          />
          <TeamChannels
            state={state}
            teamId={teamId}
            ownParticipantId={session.participantId}
            disabled={disabled}
            send={send}
          />
        </div>
      </div>

      {/* The chain comes after the team's own feed: injects and decisions are read first. */}
      {twinAudience ? (
        <LazyTimingChain
          audience={twinAudience}
          state={state}
          clockOffsetMs={exercise.clockOffsetMs}
          connected={exercise.status.state === 'connected'}
          readTwin={readTwin}
          onTwinFrame={onTwinFrame}
        />
      ) : null}
    </>
  )
  if (readOnly) return <div className="view-as__console">{body}</div>
  return (
    <PageShell
      title={`${unread > 0 ? `(${unread}) ` : ''}${teamName}`}
      bar={<ConnectionBadge status={exercise.status} />}
      wide
    >
      {body}
    </PageShell>
  )
}

/** A sentence for screen readers when injects arrive after the page has loaded. */
function useNewInjectAnnouncement(deliveries: readonly Delivery[]): string {
  return useArrivalAnnouncement(deliveries, (fresh, last) =>
    fresh.length === 1
      ? `New inject: ${last.title}`
      : `${fresh.length} new injects; the latest: ${last.title}`,
  )
}

/** A sentence for screen readers when a decision opens or closes after the page has loaded. */
function useDecisionAnnouncement(
  decisions: Readonly<Record<string, DecisionStatus>>,
  nameOf: (participantId: string) => string,
): string {
  const seen = useRef<Readonly<Record<string, DecisionStatus>> | null>(null)
  const [announcement, setAnnouncement] = useState('')

  // biome-ignore lint/correctness/useExhaustiveDependencies: names change nothing worth announcing.
  useEffect(() => {
    const before = seen.current
    seen.current = decisions
    if (before === null || before === decisions) return
    const changes = decisionChanges(before, decisions, nameOf)
    if (changes.length > 0) setAnnouncement(changes.join(' '))
  }, [decisions])
  return announcement
}
