import { describe, expect, it } from 'vitest'
import {
  COMMAND_BUDGET,
  COOL_DOWN_MS,
  FACILITATOR_BUDGET,
  ParticipantBudgets,
  REFUSAL_BUDGET,
} from './ParticipantBudgets'

describe('participant budgets', () => {
  it('gives every socket of a participant one command budget, the white cell a larger one', () => {
    let now = 0
    const budgets = new ParticipantBudgets(() => now)
    const [a, b] = [budgets.hold('p1'), budgets.hold('p1')]
    expect(a).toBe(b)
    let taken = 0
    while (a.commands.take(now)) taken += 1
    expect(taken).toBe(COMMAND_BUDGET.participant.burst)
    now += 1000
    expect(a.commands.take(now, COMMAND_BUDGET.participant.perSecond)).toBe(true)
    expect(a.commands.take(now)).toBe(false)
    const white = budgets.hold(FACILITATOR_BUDGET)
    taken = 0
    while (white.commands.take(now)) taken += 1
    expect(taken).toBe(COMMAND_BUDGET.facilitator.burst)
  })

  it('cuts off a participant far past its refusals for a while, never the white cell', () => {
    let now = 0
    const budgets = new ParticipantBudgets(() => now)
    const budget = budgets.hold('p1')
    for (let i = 0; i < REFUSAL_BUDGET.burst; i++) expect(budgets.refused('p1', budget)).toBe(false)
    expect(budgets.refused('p1', budget)).toBe(true)
    expect(budgets.coolDownLeft('p1')).toBe(COOL_DOWN_MS)
    // The cool-down outlives the budget (every socket gone) and then ends.
    budgets.release('p1')
    now += COOL_DOWN_MS - 1
    expect(budgets.coolDownLeft('p1')).toBe(1)
    now += 1
    expect(budgets.coolDownLeft('p1')).toBe(0)
    // A person's few refusals a second never add up.
    const person = budgets.hold('p2')
    for (let second = 0; second < 600; second++) {
      now += 1000
      for (let i = 0; i < REFUSAL_BUDGET.perSecond; i++) {
        expect(budgets.refused('p2', person)).toBe(false)
      }
    }
    const white = budgets.hold(FACILITATOR_BUDGET)
    for (let i = 0; i < 10 * REFUSAL_BUDGET.burst; i++) {
      expect(budgets.refused(FACILITATOR_BUDGET, white)).toBe(false)
    }
  })
})
