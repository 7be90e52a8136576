import { describe, expect, it } from 'vitest'
import { decadeLabel, decadeSplits } from './axisTicks'

describe('decadeSplits', () => {
  it('puts one split on each power of ten, none between', () => {
    expect(decadeSplits(0.001, 1000, 10)).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000])
  })

  it('thins the decades out when the axis has room for fewer, keeping the top one', () => {
    const splits = decadeSplits(1e-3, 1e12, 6)
    expect(splits.length).toBeLessThanOrEqual(6)
    expect(splits.at(-1)).toBe(1e12)
    expect(splits.map((s) => Math.round(Math.log10(s)))).toEqual([-3, 0, 3, 6, 9, 12])
  })

  it('gives nothing for a range a log axis cannot show', () => {
    expect(decadeSplits(0, 10, 5)).toEqual([])
    expect(decadeSplits(10, 1, 5)).toEqual([])
  })
})

describe('decadeLabel', () => {
  it('words decades without trailing zeros, and below a nanosecond as a fraction', () => {
    expect(decadeLabel(1)).toBe('1 ns')
    expect(decadeLabel(100)).toBe('100 ns')
    expect(decadeLabel(1e3)).toBe('1 µs')
    expect(decadeLabel(1e10)).toBe('10 s')
    expect(decadeLabel(0.01)).toBe('0.01 ns')
    expect(decadeLabel(0.001)).toBe('0.001 ns')
  })
})
