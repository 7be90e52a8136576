import { useId, useState } from 'react'
import { EMPTY_STATE } from '../../core/protocol/state'
import { summarizeHotWash } from '../../core/report/hotwash'
import { ActivityStream } from '../facilitator/ActivityStream'
import { NextHold } from '../facilitator/ClockPlanPane'
import { DecisionsPanel } from '../facilitator/DecisionsPanel'
import { DeliveryFeed } from '../facilitator/DeliveryFeed'
import { hotWashTab } from '../facilitator/HotWashPane'
import { Msel } from '../facilitator/Msel'
import { OpenDecisionsPane } from '../facilitator/OpenDecisionsPane'
import { ScenarioGuide } from '../facilitator/ScenarioGuide'
import { useWhiteCellReading } from '../facilitator/useWhiteCellReading'
import { ReportView } from '../report/ReportPage'
import { paths } from '../routes'
import { ConsoleNotices } from '../shared/ConsoleNotices'
import { PageHeading, PageShell } from '../shared/PageShell'
import { Link } from '../shared/router'
import { ScenarioClock } from '../shared/ScenarioClock'
import { ConnectionBadge } from '../shared/status'
import type { ParticipantSession } from '../shared/storage'
import { loadParticipantSession, saveParticipantSession } from '../shared/storage'
import type { Tab } from '../shared/Tabs'
import { Tabs } from '../shared/Tabs'
import { useExercise } from '../shared/useExercise'
import { useShownCommands } from '../shared/useShownCommands'
import { LazyTimingChain } from '../twin/LazyTimingChain'
import type { TwinAudience } from '../twin/nodeDisplay'
import { CriticalTasks } from './CriticalTasks'
import { ObservationForm } from './ObservationForm'
import { ObservationLog } from './ObservationLog'

type Pane =
  | 'hotwash'
  | 'objectives'
  | 'observations'
  | 'msel'
  | 'decisions'
  | 'activity'
  | 'injects'
  | 'chain'
  | 'guide'
  | 'report'

const WHITE_CELL: TwinAudience = { role: 'facilitator' }
const nothing = async () => false

/** An evaluator's console: everything the white cell sees, read-only, with the objectives to rate against. */
export function EvaluatorPage({ exerciseId }: { exerciseId: string }) {
  const [session] = useState(() => loadParticipantSession(exerciseId))
  if (session?.role !== 'evaluator') {
    return (
      <PageShell title="Not joined">
        <section className="panel panel--narrow">
          <PageHeading>You have not joined this exercise as an evaluator here</PageHeading>
          <p>
            Ask the facilitator for the evaluator code, then{' '}
            <Link to={paths.join()}>join the exercise</Link>.
          </p>
        </section>
      </PageShell>
    )
  }
  return <EvaluatorConsole session={session} />
}

function EvaluatorConsole({ session }: { session: ParticipantSession }) {
  const id = useId()
  const exercise = useExercise(session.token, undefined, {
    onToken: (token) => saveParticipantSession({ ...session, token }),
  })
  const { status, held, send, readTwin, onTwinFrame } = exercise
  const { error, setError, sendShown, run } = useShownCommands(send)
  const [pane, setPane] = useState<Pane>('objectives')
  const state = held?.state ?? EMPTY_STATE
  const reading = useWhiteCellReading(`evaluator:${session.exerciseId}`, state, null)
  const bar = <ConnectionBadge status={status} />

  if (status.state === 'refused' || !held || !state.scenario) {
    return (
      <PageShell title="Evaluator" bar={bar}>
        <section className="panel panel--narrow">
          <PageHeading>Evaluator console</PageHeading>
          {status.state === 'refused' ? (
            <p role="alert">{status.reason}</p>
          ) : (
            <p role="status">Opening the exercise…</p>
          )}
        </section>
      </PageShell>
    )
  }
  const scenario = state.scenario
  const hotWash = summarizeHotWash(state)
  const disabled = status.state !== 'connected' || state.ended
  const tabs: Tab<Pane>[] = [
    {
      id: 'objectives',
      label: 'Objectives',
      keepMounted: true,
      content: (
        <div className="workspace__split">
          <section className="panel" aria-labelledby={`${id}-objectives`}>
            <h2 id={`${id}-objectives`}>Objectives and critical tasks</h2>
            {scenario.objectives.length === 0 ? (
              <p className="empty">This scenario has no objectives.</p>
            ) : (
              <ol className="plain-list">
                {scenario.objectives.map((objective) => (
                  <li key={objective.id} data-objective-id={objective.id}>
                    <h3>{objective.capability}</h3>
                    <p>{objective.text}</p>
                    {objective.metWhen ? (
                      <p className="muted">Met when: {objective.metWhen}</p>
                    ) : null}
                    <CriticalTasks
                      objective={objective}
                      storageKey={`holdover.tasks.${session.exerciseId}.${session.participantId}`}
                    />
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="panel" aria-labelledby={`${id}-record`}>
            <h2 id={`${id}-record`}>Record an observation</h2>
            <ObservationForm scenario={scenario} disabled={disabled} run={run} />
          </section>
        </div>
      ),
    },
    {
      id: 'observations',
      label: `Observations (${state.observations.length})`,
      content: (
        <section className="panel" aria-labelledby={`${id}-log`}>
          <h2 id={`${id}-log`}>Observations</h2>
          <ObservationLog scenario={scenario} observations={state.observations} />
        </section>
      ),
    },
    {
      id: 'msel',
      label: 'MSEL',
      content: (
        <Msel
          scenario={scenario}
          state={state}
          clockOffsetMs={exercise.clockOffsetMs}
          disabled
          run={nothing}
          send={sendShown}
          onError={setError}
        />
      ),
    },
    {
      id: 'decisions',
      label: 'Decisions',
      content: (
        <>
          <OpenDecisionsPane state={state} clockOffsetMs={exercise.clockOffsetMs} disabled />
          <DecisionsPanel
            scenario={scenario}
            state={state}
            clockOffsetMs={exercise.clockOffsetMs}
            disabled
            run={nothing}
          />
        </>
      ),
    },
    {
      id: 'activity',
      label: 'Activity',
      content: (
        <ActivityStream
          items={reading.items}
          teams={scenario.teams}
          unread={reading.unread}
          visible={pane === 'activity'}
          onRead={reading.markRead}
          onChat={() => setPane('activity')}
        />
      ),
    },
    {
      id: 'injects',
      label: 'Injects delivered',
      content: <DeliveryFeed deliveries={state.deliveries} teams={scenario.teams} />,
    },
    ...(scenario.chain
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
    { id: 'guide', label: 'Guide', content: <ScenarioGuide scenario={scenario} /> },
    // Once the exercise ends, the participants' survey as it comes in, as the white cell reads it.
    ...(hotWash ? [hotWashTab(hotWash)] : []),
    {
      id: 'report',
      label: 'After-action report',
      // The white cell writes the improvement plan together; the figures so far, or final.
      content: (
        <ReportView
          exerciseId={session.exerciseId}
          token={session.token}
          documents={exercise.documents}
          onAuthFailure={setError}
        />
      ),
    },
  ]

  return (
    <PageShell title={`${state.title}: evaluator`} bar={bar} fill>
      <div className="workspace">
        <header className="workspace__head">
          <div className="workspace__who">
            <PageHeading>{state.title}</PageHeading>
            <p className="muted">Evaluator: {session.name} · read-only, you rate the teams</p>
          </div>
          <ScenarioClock
            clock={state.clock}
            ended={state.ended}
            clockOffsetMs={exercise.clockOffsetMs}
            size="compact"
          />
          <NextHold state={state} clockOffsetMs={exercise.clockOffsetMs} />
        </header>
        <ConsoleNotices
          error={error}
          onDismiss={() => setError(null)}
          ended={state.ended}
          endedText="This exercise has ended; your observations are in its record."
        />
        <div className="workspace__body">
          <div className="workspace__pane workspace__pane--main">
            <Tabs label="Evaluation" tabs={tabs} selected={pane} onSelect={setPane} />
          </div>
        </div>
      </div>
    </PageShell>
  )
}
