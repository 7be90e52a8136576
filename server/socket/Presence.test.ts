import { describe, expect, it } from 'vitest'
import type { Presence as PresenceMessage } from '../../core/protocol'
import type { Audience } from '../../core/protocol/viewer'
import type { ClusterPresence, Seats } from '../cluster/Cluster'
import { Presence } from './Presence'

/** The other processes, as a test drives them: what this one shared, and who follows where. */
function elsewhere() {
  const shared: { exerciseId: string; here: Seats }[] = []
  const listeners = new Map<string, (seats: Seats) => void>()
  const cluster: ClusterPresence = {
    share: (exerciseId, here) => shared.push({ exerciseId, here: new Map(here) }),
    follow: (exerciseId, changed) => {
      listeners.set(exerciseId, changed)
      return () => listeners.delete(exerciseId)
    },
  }
  const others = (exerciseId: string, seats: Record<string, string>) =>
    listeners.get(exerciseId)?.(new Map(Object.entries(seats)))
  return { cluster, shared, listeners, others }
}

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

  it('adds who is online on the other processes, and tells each audience only what changed for it', () => {
    const told: { audience: Audience; message: PresenceMessage }[] = []
    const { cluster, shared, listeners, others } = elsewhere()
    const presence = new Presence(
      (_id, audience, message) => told.push({ audience, message }),
      cluster,
    )
    presence.arrive('x', 'facilitator', null)
    expect(shared).toEqual([])
    presence.arrive('x', 's1', { participantId: 'p1', teamId: 'soc' })
    expect(shared.at(-1)).toEqual({ exerciseId: 'x', here: new Map([['p1', 'soc']]) })
    told.length = 0
    others('x', { p2: 'soc', p3: 'red' })
    expect(presence.online('x', { role: 'facilitator' })).toEqual(['p1', 'p2', 'p3'])
    expect(told.map((t) => [t.audience, t.message.online])).toEqual([
      [{ role: 'facilitator' }, ['p1', 'p2', 'p3']],
      [{ role: 'team', teamId: 'soc' }, ['p1', 'p2']],
      [{ role: 'team', teamId: 'red' }, ['p3']],
    ])
    // p1 also online elsewhere: leaving here changes nobody's list, but the others hear of it.
    told.length = 0
    others('x', { p1: 'soc', p2: 'soc', p3: 'red' })
    presence.leave('x', 's1')
    expect(told).toEqual([])
    expect(shared.at(-1)).toEqual({ exerciseId: 'x', here: new Map() })
    // The other process died: its participants go, and red is told it has nobody left.
    others('x', {})
    expect(told.map((t) => [t.audience, t.message.online])).toEqual([
      [{ role: 'facilitator' }, []],
      [{ role: 'team', teamId: 'soc' }, []],
      [{ role: 'team', teamId: 'red' }, []],
    ])
    presence.leave('x', 'facilitator')
    expect(listeners.has('x')).toBe(false)
  })
})
