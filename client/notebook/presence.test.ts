import { describe, expect, it } from 'vitest'
import { CARET_COLOURS, caretColour, presenceOf } from './presence'

describe('caretColour', () => {
  it('gives one person the same colour everywhere, from the palette', () => {
    expect(caretColour('p-123')).toBe(caretColour('p-123'))
    expect(CARET_COLOURS).toContain(caretColour('facilitator'))
    const spread = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(caretColour))
    expect(spread.size).toBeGreaterThan(3)
  })
})

describe('presenceOf', () => {
  it('lists this client first, then the others by name', () => {
    const states = new Map<number, Record<string, unknown>>([
      [3, { user: { name: 'Zoe', color: '#2d6a3e' } }],
      [1, { user: { name: 'Blair', color: '#1f5f7a' }, cursor: null }],
      [2, { user: { name: 'Adam', color: '#9b2c23' } }],
    ])
    expect(presenceOf(states, 1)).toEqual([
      { clientId: 1, name: 'Blair', color: '#1f5f7a', self: true },
      { clientId: 2, name: 'Adam', color: '#9b2c23', self: false },
      { clientId: 3, name: 'Zoe', color: '#2d6a3e', self: false },
    ])
  })

  it('leaves out states without a name and neutralises colours that are not plain hex', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, {}],
      [2, { user: { name: '   ' } }],
      [3, { user: 'Mallory' }],
      [4, { user: { name: 'Eve', color: 'red; background: url(x)' } }],
    ])
    expect(presenceOf(states, 9)).toEqual([
      { clientId: 4, name: 'Eve', color: '#535b57', self: false },
    ])
  })
})
