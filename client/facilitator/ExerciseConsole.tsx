import { useCallback, useEffect, useId, useState } from 'react'
import { EMPTY_STATE } from '../../core/protocol/state'
import { summarizeHotWash } from '../../core/report/hotwash'
import { LazyNotebook } from '../notebook/LazyNotebook'
import { paths } from '../routes'
import { apiRequest, errorMessage } from '../shared/api'
import { ConsoleNotices } from '../shared/ConsoleNotices'
import { PageHeading, PageShell } from '../shared/PageShell'
import { Link } from '../shared/router'
import { ConnectionBadge } from '../shared/status'
import type { Tab } from '../shared/Tabs'
import { TabLabel, Tabs } from '../shared/Tabs'
import { TeamChat } from '../shared/TeamChat'
import { useExercise } from '../shared/useExercise'
import { useShownCommands } from '../shared/useShownCommands'
import { LazyTimingChain, preloadTimingChain } from '../twin/LazyTimingChain'
import type { TwinAudience } from '../twin/nodeDisplay'
import { ActionsLog } from './ActionsLog'
import { ActivityStream } from './ActivityStream'
import { totalOf } from './activity'
import { isAuthFailure } from './adminToken'
import { ClockControls } from './ClockControls'
import { ClockPlanPane, NextHold } from './ClockPlanPane'
import { DecisionsPanel } from './DecisionsPanel'
import { DeliveryFeed } from './DeliveryFeed'
import type { ExerciseSummary } from './FacilitatorHome'
import { hotWashTab } from './HotWashPane'
import { InjectComposer } from './InjectComposer'
import { JoinCodes } from './JoinCodes'
import { Msel } from './Msel'
import { ObservationsPane } from './ObservationsPane'
import { OpenDecisionsPane } from './OpenDecisionsPane'
import { ParticipantList } from './ParticipantList'
import { adjudicationTab, channelsTab } from './playPanes'
import { ScenarioGuide } from './ScenarioGuide'
import { useWhiteCellReading } from './useWhiteCellReading'
import { ViewAsTeam } from './ViewAsTeam'

type MainPane =
  | 'msel'
  | 'decisions'
  | 'inject'
  | 'teams'
  | 'chain'
  | 'guide'
  | 'adjudication'
  | 'channels'
  | 'plan'
  | 'open-decisions'
  | 'observations'
  | 'hotwash'
type SidePane = 'activity' | 'chat'

const WHITE_CELL: TwinAudience = { role: 'facilitator' }
// The name the server puts on the facilitator's caret (server/socket/handshake.ts), so all screens agree.
const WHITE_CELL_AUTHOR = { id: 'facilitator', name: 'White cell' } as const

/**
 * The white cell's workspace for one exercise, one screen high: the clock and its controls on
 * top; below, the control panes (MSEL, decisions, ad-hoc injects, teams with their notebooks and
 * join codes, the timing chain, the guide) beside the teams' activity and chat, each pane
 * scrolling inside itself. A roster with actions and a "view as team" switch slot in as panes.
 */
export function ExerciseConsole({
  exerciseId,
  token,
  onSignOut,
}: {
  exerciseId: string
  token: string
  onSignOut: (why?: string | null) => void
}) {
  const id = useId()
  const exercise = useExercise(token, exerciseId)
  const { status, held, send, readTwin, onTwinFrame, documents } = exercise
  const [record, setRecord] = useState<ExerciseSummary | null>(null)
  // Bumped when a join code changes: the record (with the codes) is read again.
  const [recordVersion, setRecordVersion] = useState(0)
  const [viewAsTeamId, setViewAsTeamId] = useState<string | null>(null)
  const { error, setError, sendShown, run } = useShownCommands(send)
  const [chatTeamId, setChatTeamId] = useState('')
  const [notebookTeamId, setNotebookTeamId] = useState<string | null>(null)
  const [mainPane, setMainPane] = useState<MainPane>('msel')
  const [sidePane, setSidePane] = useState<SidePane>('activity')
  // Set by "Reply" and "Chat with": the chat pane then puts the cursor in its message box.
  const [focusChat, setFocusChat] = useState(false)
  const chatFocused = useCallback(() => setFocusChat(false), [])
  const teamsNow = held?.state.scenario?.teams ?? []
  const chatInView =
    sidePane === 'chat'
      ? ((teamsNow.find((t) => t.id === chatTeamId) ?? teamsNow[0])?.id ?? null)
      : null
  const reading = useWhiteCellReading(
    exerciseId,
    held?.state ?? EMPTY_STATE,
    chatInView,
    exercise.notebookEdits,
  )

  // biome-ignore lint/correctness/useExhaustiveDependencies: recordVersion asks for a fresh read after a code was replaced.
  useEffect(() => {
    let current = true
    apiRequest<ExerciseSummary>('GET', `/exercises/${exerciseId}`, { token }).then(
      (found) => current && setRecord(found),
      (caught: unknown) => {
        if (!current) return
        if (isAuthFailure(caught)) onSignOut(errorMessage(caught))
        else setError(errorMessage(caught))
      },
    )
    return () => {
      current = false
    }
  }, [exerciseId, token, onSignOut, setError, recordVersion])

  const bar = (
    <>
      <ConnectionBadge status={status} />
      <Link to={paths.facilitator()}>All exercises</Link>
      <Link to={paths.facilitatorReport(exerciseId)}>Report</Link>
      <Link to={paths.replay(exerciseId)}>Replay</Link>
      <button type="button" className="button button--quiet" onClick={() => onSignOut()}>
        Sign out
      </button>
    </>
  )

  // The chain's pane shows at once when opened: its code loads while the console opens.
  const hasChain = Boolean(held?.state.scenario?.chain)
  useEffect(() => {
    if (hasChain) preloadTimingChain()
  }, [hasChain])

  if (status.state === 'refused' || !held) {
    return (
      <PageShell title="Exercise" bar={bar}>
        <section className="panel panel--narrow">
          <PageHeading>Exercise console</PageHeading>
          {status.state === 'refused' ? (
            <p role="alert">{status.reason}</p>
          ) : (
            <p role="status">Opening the exercise…</p>
          )}
          <p>
            <Link to={paths.facilitator()}>Back to all exercises</Link>
          </p>
        </section>
      </PageShell>
    )
  }

  const { state } = held
  const scenario = state.scenario
  const teams = scenario?.teams ?? []
  const disabled = status.state !== 'connected' || state.ended
  const chatTeam = teams.find((team) => team.id === chatTeamId) ?? teams[0]
  const notebookTeam = teams.find((team) => team.id === notebookTeamId)
  const viewAsTeam = teams.find((team) => team.id === viewAsTeamId)
  const hotWash = summarizeHotWash(state)
  const rotateCode = async (teamId: string) => {
    if (await run({ type: 'team.rotateCode', teamId })) setRecordVersion((n) => n + 1)
  }

  const openChat = (teamId: string) => {
    setChatTeamId(teamId)
    setSidePane('chat')
    setFocusChat(true)
  }

  const mainTabs: Tab<MainPane>[] = [
    ...(scenario
      ? [
          {
            id: 'msel' as const,
            label: 'MSEL',
            keepMounted: true,
            content: (
              <Msel
                scenario={scenario}
                state={state}
                clockOffsetMs={exercise.clockOffsetMs}
                disabled={disabled}
                run={run}
                send={sendShown}
                onError={setError}
              />
            ),
          },
          {
            id: 'decisions' as const,
            label: 'Decisions',
            content: (
              <DecisionsPanel
                scenario={scenario}
                state={state}
                clockOffsetMs={exercise.clockOffsetMs}
                disabled={disabled}
                run={run}
              />
            ),
          },
        ]
      : []),
    {
      id: 'inject',
      label: 'Send inject',
      keepMounted: true,
      content: (
        <>
          <InjectComposer teams={teams} disabled={disabled} run={run} />
          <DeliveryFeed
            deliveries={state.deliveries}
            teams={teams}
            acknowledged={state.play?.acknowledged ?? {}}
          />
        </>
      ),
    },
    {
      id: 'teams',
      label: 'Teams',
      content: (
        <div className="workspace__split">
          <div>
            <ParticipantList
              teams={teams}
              participants={state.participants}
              notebookTeamId={notebookTeam?.id ?? null}
              notebookId={`${id}-notebook`}
              onOpenNotebook={setNotebookTeamId}
              onRemove={(participantId) => run({ type: 'participant.remove', participantId })}
              onMove={(participantId, teamId) =>
                run({ type: 'participant.move', participantId, teamId })
              }
              online={exercise.online}
              removeDisabled={status.state !== 'connected'}
            />
            {scenario ? (
              <ActionsLog
                scenario={scenario}
                actions={state.actions}
                participants={state.participants}
              />
            ) : null}
            {record ? (
              <section className="panel" aria-labelledby={`${id}-codes`}>
                <h2 id={`${id}-codes`}>Join codes</h2>
                <JoinCodes
                  teams={teams}
                  joinCodes={record.joinCodes}
                  onRotate={rotateCode}
                  rotateDisabled={disabled}
                />
                {record.evaluatorCode ? (
                  <p>
                    Evaluators:{' '}
                    <span className="mono" data-testid="evaluator-code">
                      {record.evaluatorCode}
                    </span>
                  </p>
                ) : null}
              </section>
            ) : null}
          </div>
          {notebookTeam ? (
            <div id={`${id}-notebook`}>
              <LazyNotebook
                key={notebookTeam.id}
                documents={documents}
                exerciseId={exerciseId}
                teamId={notebookTeam.id}
                teamName={notebookTeam.name}
                author={WHITE_CELL_AUTHOR}
                clock={state.clock}
                clockOffsetMs={exercise.clockOffsetMs}
                readOnlyUntilEdit
                focusOnOpen
                onClose={() => setNotebookTeamId(null)}
              />
            </div>
          ) : null}
        </div>
      ),
    },
    ...(scenario?.chain
      ? [
          {
            id: 'chain' as const,
            label: 'Timing chain',
            content: (
              <LazyTimingChain
                audience={WHITE_CELL}
                state={state}
                clockOffsetMs={exercise.clockOffsetMs}
                connected={status.state === 'connected'}
                readTwin={readTwin}
                onTwinFrame={onTwinFrame}
              />
            ),
          },
        ]
      : []),
    ...(scenario
      ? [{ id: 'guide' as const, label: 'Guide', content: <ScenarioGuide scenario={scenario} /> }]
      : []),
    ...(scenario ? [adjudicationTab(scenario, state, disabled, run)] : []),
    ...(scenario ? [channelsTab(scenario, state, disabled, run, send)] : []),
    ...(scenario
      ? [
          {
            id: 'open-decisions' as const,
            label: `Open decisions (${Object.values(state.decisions).filter((d) => d.state === 'open').length})`,
            content: (
              <OpenDecisionsPane
                state={state}
                clockOffsetMs={exercise.clockOffsetMs}
                disabled={disabled}
                run={run}
              />
            ),
          },
          {
            id: 'plan' as const,
            label: 'Clock plan',
            content: (
              <ClockPlanPane scenario={scenario} state={state} disabled={disabled} run={run} />
            ),
          },
          {
            id: 'observations' as const,
            label: `Observations (${state.observations.length})`,
            content: (
              <ObservationsPane scenario={scenario} state={state} disabled={disabled} run={run} />
            ),
          },
        ]
      : []),
    ...(hotWash ? [hotWashTab(hotWash)] : []),
  ]

  const activityUnread = totalOf(reading.unread)
  const chatUnread = totalOf(reading.unreadChat)
  const sideTabs: Tab<SidePane>[] = [
    {
      id: 'activity',
      label: <TabLabel text="Activity" unread={activityUnread} />,
      content: (
        <ActivityStream
          items={reading.items}
          teams={teams}
          unread={reading.unread}
          visible={sidePane === 'activity'}
          onRead={reading.markRead}
          onChat={openChat}
        />
      ),
    },
    {
      id: 'chat',
      label: <TabLabel text="Chat" unread={chatUnread} />,
      keepMounted: true,
      content: chatTeam ? (
        <TeamChat
          key={chatTeam.id}
          teamId={chatTeam.id}
          teamName={chatTeam.name}
          messages={state.chat}
          ownParticipantId={null}
          disabled={disabled}
          send={send}
          focusRequest={focusChat}
          onFocused={chatFocused}
          picker={
            <div className="field">
              <label htmlFor={`${id}-chat-team`}>Chat with</label>
              <select
                id={`${id}-chat-team`}
                className="input"
                value={chatTeam.id}
                onChange={(event) => setChatTeamId(event.target.value)}
              >
                {teams.map((team) => {
                  const count = reading.unreadChat.get(team.id) ?? 0
                  return (
                    <option key={team.id} value={team.id}>
                      {team.name}
                      {count > 0 ? ` (${count} unread)` : ''}
                    </option>
                  )
                })}
              </select>
            </div>
          }
        />
      ) : (
        <p className="empty">This exercise has no teams.</p>
      ),
    },
  ]

  return (
    <PageShell title={state.title} bar={bar} fill>
      <div className="workspace">
        <header className="workspace__head">
          <div className="workspace__who">
            <PageHeading data-testid="exercise-title">{state.title}</PageHeading>
            {scenario && scenario.title !== state.title ? (
              <p className="muted">Scenario: {scenario.title}</p>
            ) : null}
          </div>
          <ClockControls
            state={state}
            clockOffsetMs={exercise.clockOffsetMs}
            disabled={status.state !== 'connected'}
            run={run}
          />
          <NextHold state={state} clockOffsetMs={exercise.clockOffsetMs} />
          <div className="field workspace__view-as">
            <label htmlFor={`${id}-view-as`}>View as</label>
            <select
              id={`${id}-view-as`}
              className="input"
              value={viewAsTeam?.id ?? ''}
              onChange={(event) => setViewAsTeamId(event.target.value || null)}
            >
              <option value="">White cell (everything)</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        </header>
        <ConsoleNotices
          error={error}
          onDismiss={() => setError(null)}
          ended={state.ended}
          endedText="This exercise has ended. Its log is kept; nothing more can happen in it."
        />
        <p className="visually-hidden" aria-live="polite" data-testid="white-cell-announcement">
          {reading.announcement}
        </p>
        {viewAsTeam ? (
          <ViewAsTeam
            key={viewAsTeam.id}
            token={token}
            exerciseId={exerciseId}
            team={viewAsTeam}
            onBack={() => setViewAsTeamId(null)}
          />
        ) : null}
        <div className="workspace__body" hidden={viewAsTeam !== undefined}>
          <div className="workspace__pane workspace__pane--main">
            <Tabs
              label="Exercise control"
              tabs={mainTabs}
              selected={mainPane}
              onSelect={setMainPane}
            />
          </div>
          <div className="workspace__pane workspace__pane--side">
            <Tabs
              label="Teams' activity"
              tabs={sideTabs}
              selected={sidePane}
              onSelect={setSidePane}
            />
          </div>
        </div>
      </div>
    </PageShell>
  )
}
