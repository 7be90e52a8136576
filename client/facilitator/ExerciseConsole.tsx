import { useEffect, useId, useState } from 'react'
import { LazyNotebook } from '../notebook/LazyNotebook'
import { paths } from '../routes'
import { apiRequest, errorMessage } from '../shared/api'
import { ConsoleNotices } from '../shared/ConsoleNotices'
import { PageHeading, PageShell } from '../shared/PageShell'
import { Link } from '../shared/router'
import { ConnectionBadge } from '../shared/status'
import { TeamChat } from '../shared/TeamChat'
import { useExercise } from '../shared/useExercise'
import { useShownCommands } from '../shared/useShownCommands'
import { LazyTimingChain } from '../twin/LazyTimingChain'
import type { TwinAudience } from '../twin/nodeDisplay'
import { ActionsLog } from './ActionsLog'
import { isAuthFailure } from './adminToken'
import { ClockControls } from './ClockControls'
import { DecisionsPanel } from './DecisionsPanel'
import { DeliveryFeed } from './DeliveryFeed'
import type { ExerciseSummary } from './FacilitatorHome'
import { InjectComposer } from './InjectComposer'
import { JoinCodes } from './JoinCodes'
import { Msel } from './Msel'
import { ParticipantList } from './ParticipantList'
import { ScenarioGuide } from './ScenarioGuide'

const WHITE_CELL: TwinAudience = { role: 'facilitator' }
// The name the server puts on the facilitator's caret (server/socket/handshake.ts), so all screens agree.
const WHITE_CELL_AUTHOR = { id: 'facilitator', name: 'White cell' } as const

/**
 * The white cell's view of one exercise: clock, the live MSEL, decisions, ad-hoc injects,
 * deliveries, actions taken, guide, participants (each team's notebook opens from its card),
 * join codes, chat, and the timing chain's ground truth when the scenario has one.
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
  const { error, setError, sendShown, run } = useShownCommands(send)
  const [chatTeamId, setChatTeamId] = useState('')
  const [notebookTeamId, setNotebookTeamId] = useState<string | null>(null)

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
  }, [exerciseId, token, onSignOut, setError])

  const bar = (
    <>
      <ConnectionBadge status={status} />
      <Link to={paths.facilitator()}>All exercises</Link>
      <button type="button" className="button button--quiet" onClick={() => onSignOut()}>
        Sign out
      </button>
    </>
  )

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

  return (
    <PageShell title={state.title} bar={bar} wide>
      <header className="console-head">
        <div className="console-head__who">
          <PageHeading data-testid="exercise-title">{state.title}</PageHeading>
          {scenario && scenario.title !== state.title ? (
            <p className="muted">Scenario: {scenario.title}</p>
          ) : null}
        </div>
      </header>
      <ConsoleNotices
        error={error}
        onDismiss={() => setError(null)}
        ended={state.ended}
        endedText="This exercise has ended. Its log is kept; nothing more can happen in it."
      />

      <div className="console-grid console-grid--facilitator">
        <div className="console-main">
          <ClockControls
            state={state}
            clockOffsetMs={exercise.clockOffsetMs}
            disabled={status.state !== 'connected'}
            run={run}
          />
          {scenario ? (
            <>
              <Msel
                scenario={scenario}
                state={state}
                clockOffsetMs={exercise.clockOffsetMs}
                disabled={disabled}
                token={token}
                run={run}
                send={sendShown}
                onError={setError}
              />
              <DecisionsPanel
                scenario={scenario}
                state={state}
                clockOffsetMs={exercise.clockOffsetMs}
                disabled={disabled}
                run={run}
              />
            </>
          ) : null}
          <InjectComposer teams={teams} disabled={disabled} run={run} />
        </div>
        <div className="console-side">
          {scenario ? <ScenarioGuide scenario={scenario} /> : null}
          <DeliveryFeed deliveries={state.deliveries} teams={teams} />
          {scenario ? (
            <ActionsLog
              scenario={scenario}
              actions={state.actions}
              participants={state.participants}
            />
          ) : null}
          <ParticipantList
            teams={teams}
            participants={state.participants}
            notebookTeamId={notebookTeam?.id ?? null}
            notebookId={`${id}-notebook`}
            onOpenNotebook={setNotebookTeamId}
            onRemove={(participantId) => run({ type: 'participant.remove', participantId })}
            removeDisabled={status.state !== 'connected'}
          />
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
          {record ? (
            <section className="panel" aria-labelledby={`${id}-codes`}>
              <h2 id={`${id}-codes`}>Join codes</h2>
              <JoinCodes teams={teams} joinCodes={record.joinCodes} />
            </section>
          ) : null}
          {chatTeam ? (
            <TeamChat
              key={chatTeam.id}
              teamId={chatTeam.id}
              teamName={chatTeam.name}
              messages={state.chat}
              ownParticipantId={null}
              disabled={disabled}
              send={send}
              picker={
                <div className="field">
                  <label htmlFor={`${id}-chat-team`}>Chat with</label>
                  <select
                    id={`${id}-chat-team`}
                    className="input"
                    value={chatTeam.id}
                    onChange={(event) => setChatTeamId(event.target.value)}
                  >
                    {teams.map((team) => (
                      <option key={team.id} value={team.id}>
                        {team.name}
                      </option>
                    ))}
                  </select>
                </div>
              }
            />
          ) : null}
        </div>
      </div>
      {scenario?.chain ? (
        <LazyTimingChain
          audience={WHITE_CELL}
          state={state}
          clockOffsetMs={exercise.clockOffsetMs}
          connected={status.state === 'connected'}
          readTwin={readTwin}
          onTwinFrame={onTwinFrame}
        />
      ) : null}
    </PageShell>
  )
}
