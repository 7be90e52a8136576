import { describe, expect, it } from 'vitest'
import type { Presence as PresenceMessage } from '../../core/protocol'
import type { Audience } from '../../core/protocol/viewer'
import { Presence } from './Presence'

function recorded() {
  const told: { audience: Audience; message: PresenceMessage }[] = []
  const presence = new Presence((_exerciseId, audience, message) =>
    told.push({ audience, message }),
  )
  return { presence, told }
}

describe('Presence', () => {
  it('counts a person once however many sockets, and tells only when they arrive or all leave', () => {
    const { presence, told } = recorded()
    presence.arrive('x', 's1', { participantId: 'p1', teamId: 'soc' })
    presence.arrive('x', 's2', { participantId: 'p1', teamId: 'soc' })
    expect(told).toHaveLength(2) // the facilitator and the team, once
    expect(presence.online('x', { role: 'facilitator' })).toEqual(['p1'])
    presence.leave('x', 's1')
    expect(told).toHaveLength(2)
    presence.leave('x', 's2')
    expect(told.at(-1)?.message.online).toEqual([])
  })

  it("tells a team only its own members, the facilitator everyone's", () => {
    const { presence, told } = recorded()
    presence.arrive('x', 's1', { participantId: 'p1', teamId: 'soc' })
    presence.arrive('x', 's2', { participantId: 'p2', teamId: 'red' })
    expect(presence.online('x', { role: 'team', teamId: 'soc' })).toEqual(['p1'])
    expect(presence.online('x', { role: 'facilitator' })).toEqual(['p1', 'p2'])
    const toSoc = told.filter((t) => t.audience.role === 'team' && t.audience.teamId === 'soc')
    expect(toSoc.every((t) => !t.message.online.includes('p2'))).toBe(true)
    expect(presence.online('y', { role: 'facilitator' })).toEqual([])
  })
})
