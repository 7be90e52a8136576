import { describe, expect, it } from 'vitest'
import { ConnectionLimits } from './ConnectionLimits'

describe('connection limits', () => {
  it('lets a room of 60 behind one NAT open three tabs each, and refuses the address past its cap', () => {
    const room = new ConnectionLimits()
    for (let person = 0; person < 60; person++) {
      for (let tab = 0; tab < 3; tab++)
        expect(room.admit(`p${person}`, '203.0.113.7').ok).toBe(true)
    }
    const limits = new ConnectionLimits({ perParticipant: 5, perAddress: 12 })
    for (let i = 0; i < 12; i++) expect(limits.admit(`q${i}`, '203.0.113.7').ok).toBe(true)
    const past = limits.admit('late', '203.0.113.7')
    expect(past).toMatchObject({ ok: false, reason: expect.stringContaining('your network') })
    // Another address is not affected, and the facilitator counts on its address only.
    expect(limits.admit('late', '198.51.100.1').ok).toBe(true)
    expect(limits.admit(null, '198.51.100.1').ok).toBe(true)
    expect(limits.admit(null, '203.0.113.7').ok).toBe(false)
  })

  it('holds a participant to five sockets until one is released, and a release counts once', () => {
    const limits = new ConnectionLimits({ perParticipant: 5, perAddress: 300 })
    const tabs = Array.from({ length: 5 }, () => limits.admit('red-1', '127.0.0.1'))
    expect(limits.admit('red-1', '127.0.0.1')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('close one of them'),
    })
    const first = tabs[0]!
    if (!first.ok) throw new Error('admitted')
    first.release()
    first.release()
    expect(limits.heldBy('red-1')).toBe(4)
    expect(limits.admit('red-1', '127.0.0.1').ok).toBe(true)
    expect(limits.admit('red-1', '127.0.0.1').ok).toBe(false)
  })
})
