import { describe, expect, it } from 'vitest'
import { formatCountdown, formatDuration } from './duration'

describe('formatDuration', () => {
  it('names the units that are there, largest first', () => {
    expect(formatDuration(300)).toBe('5 min')
    expect(formatDuration(5400)).toBe('1 h 30 min')
    expect(formatDuration(2 * 86_400 + 4 * 3600)).toBe('2 d 4 h')
    expect(formatDuration(45)).toBe('45 s')
    expect(formatDuration(61)).toBe('1 min 1 s')
  })

  it('reads zero and nonsense as nothing at all', () => {
    expect(formatDuration(0)).toBe('0 s')
    expect(formatDuration(-5)).toBe('0 s')
  })
})

describe('formatCountdown', () => {
  it('shows what is left as a scenario clock', () => {
    expect(formatCountdown(600, 330)).toBe('in 00:04:30')
    expect(formatCountdown(200 * 3600, 0)).toBe('in 200:00:00')
  })

  it('rounds up, so the last second still counts down', () => {
    expect(formatCountdown(600, 599.2)).toBe('in 00:00:01')
  })

  it('says now once the time is reached or passed', () => {
    expect(formatCountdown(600, 600)).toBe('now')
    expect(formatCountdown(600, 720)).toBe('now')
  })
})
