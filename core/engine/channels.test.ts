import { describe, expect, it } from 'vitest'
import type { Viewer } from '../protocol/viewer'
import { testScenario } from '../scenario/testScenario'
import { viewEvents } from '../visibility/viewEvent'
import { LocalExercise } from './LocalExercise'

const member = (teamId: string, side: 'red' | 'blue'): Viewer => ({
  role: 'participant',
  participantId: `p-${teamId}`,
  teamId,
  side,
})
const red = member('red', 'red')
const soc = member('soc', 'blue')
const ot = member('ot', 'blue')

function exercise(channels: unknown[] = []): LocalExercise {
  const scenario = testScenario({
    teams: [
      { id: 'red', name: 'Red', side: 'red' },
      { id: 'soc', name: 'SOC', side: 'blue' },
      { id: 'ot', name: 'OT', side: 'blue' },
    ],
    injects: [{ id: 'alert', at: 0, to: ['soc', 'ot'], channel: 'siem', title: 'Offset' }],
    channels,
  })
  const local = new LocalExercise(scenario, 0)
  local.execute({ type: 'clock.start' }, 0)
  return local
}

describe('cross-team channels', () => {
  it('refuses a scenario channel that names red without saying so, or a team it lacks', () => {
    expect(() => exercise([{ id: 'b', name: 'B', teams: ['red', 'soc'] }])).toThrow(
      /no red team \('red'\), unless the channel says includesRed: true/,
    )
    expect(() => exercise([{ id: 'b', name: 'B', teams: ['soc', 'ghost'] }])).toThrow(/not 'ghost'/)
    expect(() => exercise([{ id: 'soc', name: 'B', teams: ['soc', 'ot'] }])).toThrow(/taken/)
    expect(
      exercise([{ id: 'parley', name: 'Parley', teams: ['red', 'soc'], includesRed: true }]).state
        .scenario?.channels,
    ).toHaveLength(1)
  })

  it('carries a line to its teams and the white cell only, and refuses outsiders alike', () => {
    const local = exercise([{ id: 'bridge', name: 'Bridge', teams: ['soc', 'ot'] }])
    expect(
      local.execute({ type: 'channel.send', channelId: 'bridge', text: 'ntp1 is off' }, 100, soc)
        .ok,
    ).toBe(true)
    const outsider = local.execute(
      { type: 'channel.send', channelId: 'bridge', text: 'hi' },
      100,
      red,
    )
    const nowhere = local.execute({ type: 'channel.send', channelId: 'nope', text: 'hi' }, 100, red)
    // The same answer: red learns nothing of which channels exist.
    expect(outsider).toEqual({
      ok: false,
      error: { code: 'not_found', message: "Your team has no channel 'bridge'." },
    })
    expect(nowhere).toEqual({
      ok: false,
      error: { code: 'not_found', message: "Your team has no channel 'nope'." },
    })
    expect(viewEvents(local.log, ot).filter((e) => e.type === 'channel.message')).toHaveLength(1)
    expect(JSON.stringify(viewEvents(local.log, red))).not.toContain('bridge')
  })

  it('lets the facilitator open a channel, and only the facilitator', () => {
    const local = exercise()
    const open = {
      type: 'channel.open' as const,
      channelId: 'desk',
      name: 'Desk',
      teams: ['soc', 'ot'],
      includesRed: false,
    }
    expect(local.execute(open, 100, soc)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(local.execute(open, 100).ok).toBe(true)
    expect(
      local.execute({ type: 'channel.send', channelId: 'desk', text: 'here' }, 200, ot).ok,
    ).toBe(true)
    expect(viewEvents(local.log, red).some((e) => e.type.startsWith('channel.'))).toBe(false)
  })
})

describe('acknowledged injects', () => {
  it('records the first acknowledgement of each team, which that team and the white cell see', () => {
    const local = exercise()
    const deliveryId = local.state.deliveries[0]!.deliveryId
    const ack = { type: 'inject.acknowledge', deliveryId } as const
    expect(local.execute(ack, 100, soc).ok).toBe(true)
    expect(local.execute(ack, 200, soc)).toMatchObject({ ok: false, error: { code: 'conflict' } })
    // Another team that got it acknowledges for itself; a team that did not is refused.
    expect(local.execute(ack, 300, ot).ok).toBe(true)
    expect(local.execute(ack, 300, red)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(Object.keys(local.state.play.acknowledged).sort()).toEqual([
      `${deliveryId}:ot`,
      `${deliveryId}:soc`,
    ])
    expect(
      viewEvents(local.log, ot)
        .filter((e) => e.type === 'inject.acknowledged')
        .map((e) => e.teamId),
    ).toEqual(['ot'])
  })
})
