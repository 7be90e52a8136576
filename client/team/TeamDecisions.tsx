import type { FormEvent } from 'react'
import { useId, useRef, useState } from 'react'
import type { ClockState } from '../../core/clock/ExerciseClock'
import type { CommandInput } from '../../core/protocol'
import type { DecisionStatus } from '../../core/protocol/state'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { ConfirmQuestion } from '../shared/ConfirmQuestion'
import {
  answerWindowText,
  optionLabel,
  outcomeText,
  tallyVotes,
  votesText,
} from '../shared/decisions'
import { formatCountdown } from '../shared/duration'
import { Markdown } from '../shared/Markdown'
import { UnreadItem } from '../shared/UnreadItem'
import { useDecisionAnswer } from '../shared/useDecisionAnswer'
import { useKeepFocus } from '../shared/useKeepFocus'
import { useWallNow } from '../shared/useWallNow'
import { decisionReadKey } from './readMarks'

type OpenDecision = Extract<DecisionStatus, { state: 'open' }>

/** Open decisions first (soonest deadline first), then closed ones, the latest first. */
function byUrgency(a: DecisionStatus, b: DecisionStatus): number {
  if (a.state === 'open' && b.state === 'open') return a.deadlineT - b.deadlineT
  if (a.state === 'open') return -1
  if (b.state === 'open') return 1
  return b.closedT - a.closedT
}

/**
 * The team's decisions: question, options, deadline, answer or vote. An open decision shows
 * expanded (a closed one folds away); folding, unfolding, choosing an option or answering marks
 * it read.
 */
export function TeamDecisions({
  decisions,
  nameOf,
  ownParticipantId,
  read,
  onRead,
  nowT,
  clock,
  clockOffsetMs,
  disabled,
  readOnly = false,
  run,
}: {
  decisions: Readonly<Record<string, DecisionStatus>>
  nameOf: (participantId: string) => string
  ownParticipantId: string
  read: ReadonlySet<string>
  onRead: (keys: string[]) => void
  nowT: number
  /** The exercise clock: the real time left to answer follows its speed. */
  clock: ClockState
  clockOffsetMs: number
  disabled: boolean
  /** Nothing to mark read (a replay): no "new" counts or badges. */
  readOnly?: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const titleId = useId()
  const wallNow = useWallNow(clockOffsetMs, 1000)
  // Decisions folded or unfolded by hand, each with the state it had then: an open decision
  // shows expanded until folded, and folds away by itself when it closes.
  const [toggled, setToggled] = useState<ReadonlyMap<string, DecisionStatus['state']>>(new Map())
  const list = Object.values(decisions).sort(byUrgency)
  const isUnread = (status: DecisionStatus) =>
    !readOnly && !read.has(decisionReadKey(status.decisionId))
  const unread = list.filter(isUnread)
  const isShown = (status: DecisionStatus) =>
    (status.state === 'open') !== (toggled.get(status.decisionId) === status.state)

  const toggle = (status: DecisionStatus) => {
    const next = new Map(toggled)
    if (next.get(status.decisionId) === status.state) next.delete(status.decisionId)
    else next.set(status.decisionId, status.state)
    onRead([decisionReadKey(status.decisionId)])
    setToggled(next)
  }

  return (
    <section className="panel" aria-labelledby={titleId} data-testid="team-decisions">
      <div className="panel__head">
        <h2 id={titleId}>Decisions</h2>
        {readOnly ? null : (
          <span className="muted" data-testid="decisions-unread">
            {unread.length === 0 ? 'All read' : `${unread.length} new`}
          </span>
        )}
      </div>
      {list.length === 0 ? (
        <p className="empty">No decisions for your team yet. They appear here when asked.</p>
      ) : (
        <ol className="feed">
          {list.map((status) => (
            <DecisionItem
              key={status.decisionId}
              status={status}
              unread={isUnread(status)}
              open={isShown(status)}
              onToggle={() => toggle(status)}
              onRead={() => onRead([decisionReadKey(status.decisionId)])}
              nameOf={nameOf}
              ownParticipantId={ownParticipantId}
              nowT={nowT}
              answerWindow={answerWindowText(clock, status, wallNow)}
              disabled={disabled}
              run={async (command) => {
                onRead([decisionReadKey(status.decisionId)])
                return run(command)
              }}
            />
          ))}
        </ol>
      )}
    </section>
  )
}

function DecisionItem({
  status,
  unread,
  open,
  onToggle,
  onRead,
  nameOf,
  ownParticipantId,
  nowT,
  answerWindow,
  disabled,
  run,
}: {
  status: DecisionStatus
  /** The real time left to answer, when the countdown alone would mislead (answerWindowText). */
  answerWindow: string | null
  unread: boolean
  open: boolean
  onToggle: () => void
  onRead: () => void
  nameOf: (participantId: string) => string
  ownParticipantId: string
  nowT: number
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const toggleRef = useRef<HTMLButtonElement>(null)
  useKeepFocus(toggleRef, status.state)
  return (
    <UnreadItem
      title={status.question}
      unread={unread}
      unreadBadge="New"
      open={open}
      onToggle={onToggle}
      toggleRef={toggleRef}
      meta={
        <>
          {status.state === 'open' ? (
            <>
              <span className="decision__badge decision__badge--open">Open</span>
              <span className="countdown" data-testid="deadline-countdown">
                Closes {formatCountdown(status.deadlineT, nowT)}
              </span>
              <span>
                (deadline <span className="mono">{formatScenarioTime(status.deadlineT)}</span>)
              </span>
              {answerWindow ? <span data-testid="answer-window">{answerWindow}</span> : null}
            </>
          ) : (
            <>
              <span className="decision__badge">Closed</span>
              <span data-testid="decision-outcome">{outcomeText(status, nameOf)}</span>
            </>
          )}
          <span>{status.decidedBy === 'vote' ? 'Team vote' : 'The first answer decides'}</span>
        </>
      }
      data={{
        'data-testid': 'decision',
        'data-decision-id': status.decisionId,
        'data-state': status.state,
      }}
    >
      {status.body.trim() ? <Markdown text={status.body} /> : null}
      {status.state === 'open' ? (
        <AnswerForm
          status={status}
          ownParticipantId={ownParticipantId}
          nameOf={nameOf}
          onRead={onRead}
          disabled={disabled}
          run={run}
        />
      ) : (
        <p>
          Closed at <span className="mono">{formatScenarioTime(status.closedT)}</span>:{' '}
          {outcomeText(status, nameOf)}.
        </p>
      )}
    </UnreadItem>
  )
}

/**
 * The options as a radio group, with the team's votes as they come; Vote, or Answer, which asks
 * first: the first answer decides for the whole team.
 */
function AnswerForm({
  status,
  ownParticipantId,
  nameOf,
  onRead,
  disabled,
  run,
}: {
  status: OpenDecision
  ownParticipantId: string
  nameOf: (participantId: string) => string
  onRead: () => void
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const ownVote = status.votes[ownParticipantId]
  const { optionId, setOptionId, problem, busy, submit } = useDecisionAnswer(status, run, ownVote)
  const [confirming, setConfirming] = useState(false)
  const vote = status.decidedBy === 'vote'
  const tally = tallyVotes(status)
  const voters = Object.keys(status.votes).length
  const ask = (event: FormEvent) => {
    if (vote || !optionId) {
      void submit(event)
      return
    }
    event.preventDefault()
    setConfirming(true)
  }

  return (
    <form className="form decision-form" onSubmit={ask} onChange={onRead} noValidate>
      <fieldset className="radio-group radio-group--stacked">
        <legend>{vote ? 'Your vote' : 'Your answer (it decides for the team)'}</legend>
        {status.options.map((option) => (
          <label key={option.id} className="radio">
            <input
              type="radio"
              name={`${id}-option`}
              value={option.id}
              checked={optionId === option.id}
              onChange={() => setOptionId(option.id)}
              aria-describedby={option.description ? `${id}-${option.id}` : undefined}
            />{' '}
            <span>
              {option.label}
              {vote ? (
                <span className="muted"> ({votesText(tally.get(option.id) ?? 0)})</span>
              ) : null}
              {option.description ? (
                <span id={`${id}-${option.id}`} className="hint radio__hint">
                  {option.description}
                </span>
              ) : null}
            </span>
          </label>
        ))}
      </fieldset>
      {vote ? (
        <p className="muted" role="status" data-testid="vote-tally">
          {voters === 0 ? 'No votes yet.' : `${votesText(voters)} so far.`}
          {ownVote ? ` Your vote: ${optionLabel(status.options, ownVote)}.` : ''} The most-chosen
          option wins at the deadline.
        </p>
      ) : null}
      {vote && voters > 0 ? (
        <ul className="plain-list decision__votes" data-testid="team-votes" aria-live="polite">
          {Object.entries(status.votes).map(([voter, choice]) => (
            <li key={voter}>
              {voter === ownParticipantId ? 'You' : nameOf(voter)}:{' '}
              {optionLabel(status.options, choice)}
            </li>
          ))}
        </ul>
      ) : null}
      {problem ? (
        <p className="form__error" role="alert">
          {problem}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmQuestion
          question={`Answer “${optionLabel(status.options, optionId)}” for the whole team? It decides, and closes the question.`}
          yes="Yes, answer for the team"
          onYes={() => {
            setConfirming(false)
            void submit({ preventDefault() {} } as FormEvent)
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <button type="submit" className="button button--primary" disabled={disabled || busy}>
          {vote ? (ownVote ? 'Change vote' : 'Vote') : 'Answer…'}
        </button>
      )}
    </form>
  )
}
