import { useId, useRef } from 'react'
import { pendingSchedule } from '../../core/engine/schedule'
import type { CommandInput } from '../../core/protocol'
import type { DecisionStatus, ExerciseState } from '../../core/protocol/state'
import type { Decision, Scenario } from '../../core/scenario/schema'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { optionLabel, outcomeText, tallyVotes, votesText } from '../shared/decisions'
import { formatCountdown, formatDuration } from '../shared/duration'
import { useDecisionAnswer } from '../shared/useDecisionAnswer'
import { useKeepFocus } from '../shared/useKeepFocus'
import { useScenarioNow } from '../shared/useScenarioNow'
import { describeOpening } from './triggers'

type OpenDecision = Extract<DecisionStatus, { state: 'open' }>

/**
 * Every decision of the scenario and where it stands: not open yet (and when it opens), open
 * (deadline countdown, votes so far), closed (outcome). Open now; decide for the team.
 */
export function DecisionsPanel({
  scenario,
  state,
  clockOffsetMs,
  disabled,
  run,
}: {
  scenario: Scenario
  state: ExerciseState
  clockOffsetMs: number
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const nowT = useScenarioNow(state.clock, clockOffsetMs)
  const opensAt = new Map<string, number>()
  for (const item of pendingSchedule(state)) {
    if (item.kind === 'decision.open') opensAt.set(item.decision.id, item.dueT)
  }
  const nameOf = (participantId: string) =>
    participantId === 'facilitator'
      ? 'Exercise control'
      : (state.participants[participantId]?.name ?? 'A participant')
  const teamName = (teamId: string) =>
    scenario.teams.find((team) => team.id === teamId)?.name ?? teamId

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="decisions">
      <h2 id={`${id}-title`}>Decisions</h2>
      {scenario.decisions.length === 0 ? (
        <p className="empty">This scenario has no decisions.</p>
      ) : (
        <ol className="decision-list">
          {scenario.decisions.map((decision) => (
            <DecisionControl
              key={decision.id}
              decision={decision}
              status={state.decisions[decision.id]}
              opensAtT={opensAt.get(decision.id)}
              team={teamName(decision.to)}
              scenario={scenario}
              nowT={nowT}
              nameOf={nameOf}
              disabled={disabled}
              run={run}
            />
          ))}
        </ol>
      )}
    </section>
  )
}

function DecisionControl({
  decision,
  status,
  opensAtT,
  team,
  scenario,
  nowT,
  nameOf,
  disabled,
  run,
}: {
  decision: Decision
  status: DecisionStatus | undefined
  opensAtT: number | undefined
  team: string
  scenario: Scenario
  nowT: number
  nameOf: (participantId: string) => string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const stateRef = useRef<HTMLDivElement>(null)
  useKeepFocus(stateRef, status?.state)
  return (
    <li
      className={`decision decision--${status?.state ?? 'pending'}`}
      data-decision-id={decision.id}
      data-state={status?.state ?? 'pending'}
    >
      <h3 className="decision__question">{decision.question}</h3>
      <p className="decision__meta">
        For {team} · {decision.decidedBy === 'vote' ? 'team vote' : 'the first answer decides'} ·{' '}
        {formatDuration(decision.within)} to answer
      </p>
      <div ref={stateRef} tabIndex={-1} className="decision__now">
        {!status ? (
          <p className="decision__state">
            <span className="decision__badge">Not open yet</span>{' '}
            <OpensAt decision={decision} scenario={scenario} dueT={opensAtT} nowT={nowT} />{' '}
            <button
              type="button"
              className="button button--small"
              disabled={disabled}
              aria-label={`Open now: ${decision.question}`}
              onClick={() => run({ type: 'decision.open', decisionId: decision.id })}
            >
              Open now
            </button>
          </p>
        ) : status.state === 'open' ? (
          <>
            <OpenState status={status} nowT={nowT} nameOf={nameOf} />
            <DecideForm status={status} team={team} disabled={disabled} run={run} />
          </>
        ) : (
          <p className="decision__state" data-testid="decision-outcome">
            <span className="decision__badge">Closed</span> at{' '}
            <span className="mono">{formatScenarioTime(status.closedT)}</span>:{' '}
            {outcomeText(status, nameOf)}
          </p>
        )}
      </div>
      <Consequences decision={decision} scenario={scenario} />
    </li>
  )
}

/** When an unopened decision opens: its trigger, and once known its time and a countdown. */
function OpensAt({
  decision,
  scenario,
  dueT,
  nowT,
}: {
  decision: Decision
  scenario: Scenario
  dueT: number | undefined
  nowT: number
}) {
  return (
    <span data-testid="opens-at">
      Opens {describeOpening(decision, scenario)}
      {dueT !== undefined && decision.at === undefined ? (
        <>
          : <span className="mono">{formatScenarioTime(dueT)}</span>
        </>
      ) : null}
      {dueT !== undefined ? (
        <span className="countdown"> ({formatCountdown(dueT, nowT)})</span>
      ) : null}
    </span>
  )
}

function OpenState({
  status,
  nowT,
  nameOf,
}: {
  status: OpenDecision
  nowT: number
  nameOf: (participantId: string) => string
}) {
  const voters = Object.entries(status.votes)
  const tally = tallyVotes(status)
  return (
    <>
      <p className="decision__state">
        <span className="decision__badge decision__badge--open">Open</span> since{' '}
        <span className="mono">{formatScenarioTime(status.openedT)}</span>; deadline{' '}
        <span className="mono">{formatScenarioTime(status.deadlineT)}</span>{' '}
        <span className="countdown" data-testid="deadline-countdown">
          (closes {formatCountdown(status.deadlineT, nowT)})
        </span>
      </p>
      {voters.length === 0 ? (
        <p className="muted">No answers yet.</p>
      ) : (
        <>
          <p className="decision__label">Answers so far</p>
          <ul className="plain-list" data-testid="votes">
            {voters.map(([voter, optionId]) => (
              <li key={voter}>
                {nameOf(voter)}: {optionLabel(status.options, optionId)}
              </li>
            ))}
          </ul>
          {status.decidedBy === 'vote' ? (
            <p className="muted">
              Tally:{' '}
              {status.options
                .map((option) => `${option.label} ${votesText(tally.get(option.id) ?? 0)}`)
                .join(' · ')}
            </p>
          ) : null}
        </>
      )}
    </>
  )
}

/** Answers for the team: the facilitator's answer closes the decision at once. */
function DecideForm({
  status,
  team,
  disabled,
  run,
}: {
  status: OpenDecision
  team: string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const { optionId, setOptionId, problem, submit } = useDecisionAnswer(status, run)

  return (
    <form className="form decide-form" onSubmit={submit} noValidate>
      <fieldset className="radio-group">
        <legend>Decide for {team}</legend>
        {status.options.map((option) => (
          <label key={option.id} className="radio">
            <input
              type="radio"
              name={`${id}-option`}
              value={option.id}
              checked={optionId === option.id}
              onChange={() => setOptionId(option.id)}
            />{' '}
            {option.label}
          </label>
        ))}
      </fieldset>
      {problem ? (
        <p className="form__error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="button button--small" disabled={disabled}>
        Decide for the team
      </button>
    </form>
  )
}

/** Each option with the injects it fires, for the facilitator's planning. */
function Consequences({ decision, scenario }: { decision: Decision; scenario: Scenario }) {
  const injectText = (injectId: string) => {
    const inject = scenario.injects.find((candidate) => candidate.id === injectId)
    if (!inject) return injectId
    const delay = inject.delay > 0 ? ` after ${formatDuration(inject.delay)}` : ' at once'
    return `“${inject.title}”${delay}`
  }
  return (
    <details className="decision__options">
      <summary>Options and consequences</summary>
      <ul className="plain-list">
        {decision.options.map((option) => (
          <li key={option.id}>
            <strong>{option.label}</strong>
            {decision.default === option.id ? ' (the default)' : ''}
            {option.injects.length > 0
              ? `: fires ${option.injects.map(injectText).join(', ')}`
              : ': no scripted consequence'}
          </li>
        ))}
      </ul>
      <p className="muted">
        {decision.default === undefined
          ? 'Without an answer by the deadline it closes undecided.'
          : 'Without an answer by the deadline the default applies.'}
      </p>
    </details>
  )
}
