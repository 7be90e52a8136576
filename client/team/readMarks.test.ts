import { describe, expect, it } from 'vitest'
import { countUnread, withRead } from './readMarks'

describe('read marks', () => {
  it('adds ids once and keeps the same set when nothing is new', () => {
    const read = new Set(['d2'])
    const next = withRead(read, ['d2', 'd5', 'd5'])
    expect([...next]).toEqual(['d2', 'd5'])
    expect(withRead(next, ['d5'])).toBe(next)
    expect([...read]).toEqual(['d2'])
  })

  it('counts what is not read', () => {
    expect(countUnread(['d2', 'd5', 'd9'], new Set(['d5']))).toBe(2)
    expect(countUnread([], new Set())).toBe(0)
  })
})
