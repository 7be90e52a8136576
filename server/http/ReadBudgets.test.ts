import { describe, expect, it } from 'vitest'
import {
  addressReader,
  FACILITATOR_READER,
  READ_BUDGET,
  READ_COSTS,
  ReadBudgets,
  wholeLogCost,
} from './ReadBudgets'

describe('read budgets', () => {
  it('gives each reader its own burst, refilled by the clock, and says how long to wait', () => {
    let now = 0
    const budgets = new ReadBudgets(() => now)
    const { burst, perSecond } = READ_BUDGET.reader
    expect(budgets.spend('link:a', burst)).toBe(0)
    // Empty now: a read of 30 waits until 30 units are back; nothing is taken meanwhile.
    expect(budgets.spend('link:a', 30)).toBe(Math.ceil((30 / perSecond) * 1000))
    expect(budgets.waitMs('link:a', 30)).toBe(Math.ceil((30 / perSecond) * 1000))
    expect(budgets.spend('link:b', 30)).toBe(0)
    now += Math.ceil((30 / perSecond) * 1000)
    expect(budgets.spend('link:a', 30)).toBe(0)
  })

  it('lets the white cell spend more, and an address far less', () => {
    const budgets = new ReadBudgets(() => 0)
    expect(budgets.spend(FACILITATOR_READER, READ_BUDGET.facilitator.burst)).toBe(0)
    const address = addressReader('127.0.0.1')
    for (let i = 0; i < READ_BUDGET.refusedTokens.burst; i++) {
      expect(budgets.spend(address, 1)).toBe(0)
    }
    expect(budgets.spend(address, 1)).toBe(1000 / READ_BUDGET.refusedTokens.perSecond)
  })

  it('serves a read dearer than the whole burst once the bucket is full, instead of never', () => {
    let now = 0
    const budgets = new ReadBudgets(() => now)
    const { burst, perSecond } = READ_BUDGET.reader
    expect(budgets.spend('seat:e', burst * 3)).toBe(0)
    expect(budgets.spend('seat:e', burst * 3)).toBe(Math.ceil((burst / perSecond) * 1000))
    now += Math.ceil((burst / perSecond) * 1000)
    expect(budgets.spend('seat:e', burst * 3)).toBe(0)
  })
})

describe('the cost of reading a whole log', () => {
  it('grows with the log, from its base', () => {
    expect(wholeLogCost(READ_COSTS.report, 0)).toBe(READ_COSTS.report.base)
    expect(wholeLogCost(READ_COSTS.report, 100_000)).toBe(
      READ_COSTS.report.base + 100 * READ_COSTS.report.perThousandEvents,
    )
    // A 100,000-event exercise's timeline and report fit a link's burst together.
    expect(
      wholeLogCost(READ_COSTS.timeline, 100_000) + wholeLogCost(READ_COSTS.report, 100_000),
    ).toBeLessThanOrEqual(READ_BUDGET.reader.burst)
  })
})
