import { describe, expect, it } from 'vitest'
import { estimateClockOffset } from './clockOffset'

describe('estimateClockOffset', () => {
  it('uses the sample with the shortest round trip', () => {
    const offset = estimateClockOffset([
      { sentAt: 1000, receivedAt: 1400, serverTime: 6300 },
      { sentAt: 2000, receivedAt: 2020, serverTime: 7010 },
      { sentAt: 3000, receivedAt: 3100, serverTime: 8000 },
    ])
    // 7010 + 20 / 2 - 2020: the server is 5 s ahead.
    expect(offset).toBe(5000)
  })

  it('has no estimate without a usable sample', () => {
    expect(estimateClockOffset([])).toBeNull()
    expect(estimateClockOffset([{ sentAt: 10, receivedAt: 5, serverTime: 0 }])).toBeNull()
  })
})
