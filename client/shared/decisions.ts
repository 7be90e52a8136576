/** Decisions as people read them: option labels, vote tallies, outcomes and what changed. */

import { type ClockState, wallTimeOf } from '../../core/clock/ExerciseClock'
import { closesAt } from '../../core/engine/decisionWindow'
import type { DecisionOption } from '../../core/protocol/events'
import type { DecisionStatus } from '../../core/protocol/state'
import { formatWallLeft } from './useWallNow'

type ClosedDecision = Extract<DecisionStatus, { state: 'closed' }>

/** The key under which the facilitator's answer is kept in `votes` (core/engine/reducer.ts). */
const FACILITATOR_VOTER = 'facilitator'

/** The label of option `optionId`, or the id itself when the decision has no such option. */
export function optionLabel(options: readonly DecisionOption[], optionId: string): string {
  return options.find((option) => option.id === optionId)?.label ?? optionId
}

/** How many votes each of the decision's options has, zero included, in the options' order. */
export function tallyVotes(status: DecisionStatus): Map<string, number> {
  const tally = new Map(status.options.map((option) => [option.id, 0]))
  for (const optionId of Object.values(status.votes)) {
    const count = tally.get(optionId)
    if (count !== undefined) tally.set(optionId, count + 1)
  }
  return tally
}

/** "1 vote", "3 votes". */
export function votesText(count: number): string {
  return count === 1 ? '1 vote' : `${count} votes`
}

/** Who gave the answer that closed a decision: exercise control or a participant's name. */
export function answeredBy(
  status: DecisionStatus,
  nameOf: (participantId: string) => string,
): string | null {
  if (status.state !== 'closed' || status.optionId === null) return null
  if (status.votes[FACILITATOR_VOTER] === status.optionId) return 'exercise control'
  const voter = Object.entries(status.votes).find(([, optionId]) => optionId === status.optionId)
  return voter ? nameOf(voter[0]) : null
}

/** A closed decision's outcome in a sentence: the option chosen, and how. */
export function outcomeText(
  status: ClosedDecision,
  nameOf: (participantId: string) => string,
): string {
  if (status.optionId === null) return 'Undecided: nobody answered by the deadline'
  const label = optionLabel(status.options, status.optionId)
  switch (status.reason) {
    case 'answered': {
      const who = answeredBy(status, nameOf)
      return who ? `${label} (answered by ${who})` : `${label} (answered)`
    }
    case 'vote': {
      const votes = tallyVotes(status).get(status.optionId) ?? 0
      return `${label} (by vote: ${votesText(votes)} of ${Object.keys(status.votes).length})`
    }
    case 'default':
    case 'undecided':
      return `${label} (the default: nobody answered by the deadline)`
  }
}

/**
 * What changed between two views of a team's decisions, as sentences for a screen reader: each
 * decision that appeared, and each that closed.
 */
export function decisionChanges(
  before: Readonly<Record<string, DecisionStatus>>,
  after: Readonly<Record<string, DecisionStatus>>,
  nameOf: (participantId: string) => string,
): string[] {
  const changes: string[] = []
  for (const status of Object.values(after)) {
    const was = before[status.decisionId]
    if (!was) changes.push(`New decision: ${status.question}`)
    if (status.state === 'closed' && was?.state !== 'closed') {
      changes.push(`Decision closed: ${status.question} — ${outcomeText(status, nameOf)}`)
    }
  }
  return changes
}

/**
 * The real time a team has left to answer an open decision, worded, when it differs from what
 * the scenario countdown suggests: the clock runs faster than 1×, or the wall-time minimum keeps
 * the window open past the scenario deadline. Null when the countdown already says it, or once
 * the decision is closed.
 */
export function answerWindowText(
  clock: ClockState,
  status: DecisionStatus,
  wallNow: number,
): string | null {
  if (status.state !== 'open') return null
  const closes = closesAt({ clock }, status)
  if (closes === null) return 'The clock is paused: the time to answer waits with it.'
  if (clock.speed === 1 && closes === wallTimeOf(clock, status.deadlineT)) return null
  return `${formatWallLeft(closes - wallNow)} left to answer, in real time`
}
