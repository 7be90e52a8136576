import { describe, expect, it } from 'vitest'
import { rovingIndex } from './rovingIndex'

describe('rovingIndex', () => {
  it('moves with the arrows, wrapping at both ends, and jumps with Home and End', () => {
    expect(rovingIndex('ArrowRight', 0, 3)).toBe(1)
    expect(rovingIndex('ArrowRight', 2, 3)).toBe(0)
    expect(rovingIndex('ArrowLeft', 0, 3)).toBe(2)
    expect(rovingIndex('Home', 2, 3)).toBe(0)
    expect(rovingIndex('End', 0, 3)).toBe(2)
    expect(rovingIndex('Enter', 1, 3)).toBeNull()
  })
})
