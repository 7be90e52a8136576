import { describe, expect, it } from 'vitest'
import type { DecisionStatus } from '../../core/protocol/state'
import { answeredBy, answerWindowText, decisionChanges, outcomeText, tallyVotes } from './decisions'

const open: Extract<DecisionStatus, { state: 'open' }> = {
  state: 'open',
  decisionId: 'declare',
  teamId: 'soc',
  question: 'Declare a major incident now?',
  body: '',
  options: [
    { id: 'declare', label: 'Declare', description: '' },
    { id: 'wait', label: 'Keep investigating', description: '' },
  ],
  decidedBy: 'vote',
  openedT: 2100,
  deadlineT: 2700,
  deadlineAt: null,
  votes: { p1: 'wait', p2: 'declare', p3: 'wait' },
}

function closed(
  change: Partial<Extract<DecisionStatus, { state: 'closed' }>>,
): Extract<DecisionStatus, { state: 'closed' }> {
  return { ...open, state: 'closed', optionId: 'wait', reason: 'vote', closedT: 2700, ...change }
}

const names: Record<string, string> = { p1: 'Blair', p2: 'Kim', p3: 'Sam' }
const nameOf = (participantId: string) => names[participantId] ?? 'someone'

describe('tallyVotes', () => {
  it('counts each option, zero included, and ignores votes for unknown options', () => {
    expect([...tallyVotes(open)]).toEqual([
      ['declare', 1],
      ['wait', 2],
    ])
    expect([...tallyVotes({ ...open, votes: { p1: 'gone' } })]).toEqual([
      ['declare', 0],
      ['wait', 0],
    ])
  })
})

describe('outcomeText', () => {
  it('says who answered a lead decision', () => {
    const answered = closed({ decidedBy: 'lead', reason: 'answered', optionId: 'declare' })
    expect(outcomeText({ ...answered, votes: { p2: 'declare' } }, nameOf)).toBe(
      'Declare (answered by Kim)',
    )
    expect(outcomeText({ ...answered, votes: { facilitator: 'declare' } }, nameOf)).toBe(
      'Declare (answered by exercise control)',
    )
  })

  it('gives the count of a vote, the default, and an undecided close', () => {
    expect(outcomeText(closed({}), nameOf)).toBe('Keep investigating (by vote: 2 votes of 3)')
    expect(outcomeText(closed({ reason: 'default', votes: {} }), nameOf)).toBe(
      'Keep investigating (the default: nobody answered by the deadline)',
    )
    expect(outcomeText(closed({ reason: 'undecided', optionId: null }), nameOf)).toBe(
      'Undecided: nobody answered by the deadline',
    )
  })
})

describe('answeredBy', () => {
  it('is null while open or when nobody decided', () => {
    expect(answeredBy(open, nameOf)).toBeNull()
    expect(answeredBy(closed({ optionId: null, reason: 'undecided' }), nameOf)).toBeNull()
  })
})

describe('decisionChanges', () => {
  it('announces decisions that appear and decisions that close', () => {
    expect(decisionChanges({}, { declare: open }, nameOf)).toEqual([
      'New decision: Declare a major incident now?',
    ])
    expect(decisionChanges({ declare: open }, { declare: closed({}) }, nameOf)).toEqual([
      'Decision closed: Declare a major incident now? — Keep investigating (by vote: 2 votes of 3)',
    ])
    expect(decisionChanges({ declare: open }, { declare: open }, nameOf)).toEqual([])
  })
})

describe('answerWindowText', () => {
  const NOW = 1_800_000_000_000
  // Opened at T+00:35 (2100 s), deadline T+00:45; the clock reads T+00:35 at NOW.
  const running = (speed: number) =>
    ({ running: true, started: true, speed, anchorT: 2100, anchorAt: NOW }) as const
  const withMinimum = (seconds: number) => ({ ...open, deadlineAt: NOW + seconds * 1000 })

  it('says nothing at 1× when the scenario countdown is the real one', () => {
    expect(answerWindowText(running(1), withMinimum(120), NOW)).toBeNull()
    expect(answerWindowText(running(1), open, NOW)).toBeNull()
  })

  it('gives the real time left at 3600×, where the scenario deadline passes within a second', () => {
    // 600 s of scenario time go by in 0.17 s; the two-minute minimum is what the team has.
    expect(answerWindowText(running(3600), withMinimum(120), NOW)).toBe(
      '2:00 left to answer, in real time',
    )
    expect(answerWindowText(running(3600), withMinimum(120), NOW + 45_000)).toBe(
      '1:15 left to answer, in real time',
    )
    // At 2× without a minimum: ten scenario minutes are five real ones.
    expect(answerWindowText(running(2), open, NOW)).toBe('5:00 left to answer, in real time')
  })

  it('keeps counting past the scenario deadline while the minimum holds the window open', () => {
    const late = withMinimum(900)
    expect(answerWindowText(running(1), late, NOW + 700_000)).toBe(
      '3:20 left to answer, in real time',
    )
  })

  it('says the window waits while the clock is paused, and nothing once closed', () => {
    const paused = { ...running(60), running: false }
    expect(answerWindowText(paused, withMinimum(120), NOW)).toBe(
      'The clock is paused: the time to answer waits with it.',
    )
    expect(answerWindowText(running(3600), closed({}), NOW)).toBeNull()
  })
})
