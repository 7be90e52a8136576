import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readTwin, twinPictureAt } from '../../core/engine/twinView'
import { exampleTwinExercise, EXAMPLE_TEAMS as TEAMS } from '../../core/engine/twinViewExercise'
import { type FrameBasis, nextTwinFrame } from '../../core/engine/twinViewFrame'
import type { TwinViewReply } from '../../core/protocol/twinView'
import type { Audience } from '../../core/protocol/viewer'
import { applyTwinFrame, MAX_HELD_POINTS } from './twinFrameMerge'

type TwinRead = Extract<TwinViewReply, { ok: true }>

const state = exampleTwinExercise({ jammed: ['rcv-core-1', 'rcv-core-2'] }).state
const audiences: Audience[] = [
  { role: 'facilitator' },
  ...TEAMS.map((teamId): Audience => ({ role: 'team', teamId })),
]
const PLOTTED = ['gm-1', 'bc-1', 'radio-1']

const byKey = <T>(items: readonly T[], key: (item: T) => string) =>
  [...items].sort((a, b) => key(a).localeCompare(key(b)))

/** Runs a read at `times[0]` and the frames of the later times; returns what the client holds. */
function follow(audience: Audience, times: number[], fullEvery: number) {
  let basis: FrameBasis | null = nextTwinFrame(
    state,
    'local',
    audience,
    times[0]!,
    null,
    false,
  ).basis
  let held = readTwin(
    state,
    audience,
    { series: { nodeIds: PLOTTED, fromT: 0, toT: times[0]!, points: 20 } },
    times[0]!,
  ) as TwinRead
  let sent = 0
  for (const t of times.slice(1)) {
    const next = nextTwinFrame(
      state,
      'local',
      audience,
      t,
      basis,
      sent % fullEvery === fullEvery - 1,
    )
    basis = next.basis
    if (next.frame) {
      sent += 1
      held = applyTwinFrame(held, next.frame)
    }
  }
  return held
}

describe('folding pushed twin frames', () => {
  it('a read followed by frames holds what a fresh read at the last frame would show', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...audiences),
        fc.uniqueArray(fc.integer({ min: 0, max: 12 * 3600 }), { minLength: 2, maxLength: 15 }),
        fc.integer({ min: 1, max: 5 }),
        (audience, unordered, fullEvery) => {
          const times = [...unordered].sort((a, b) => a - b)
          const held = follow(audience, times, fullEvery)
          const last = times.at(-1)!
          const picture = twinPictureAt(state, audience, last)
          expect(held.t).toBe(last)
          expect(byKey(held.observations, (seen) => seen.monitorId)).toEqual(
            byKey(picture.observations, (seen) => seen.monitorId),
          )
          expect(held.alerts).toEqual(picture.alerts)
          if (held.audience === 'facilitator') {
            expect(byKey(held.nodes, (node) => node.id)).toEqual(
              byKey(picture.nodes ?? [], (node) => node.id),
            )
          }
          // Each curve ends with the value a history read gives at that moment.
          const fresh = readTwin(
            state,
            audience,
            { series: { nodeIds: PLOTTED, fromT: last, toT: last, points: 2 } },
            last,
          ) as TwinRead
          for (const line of held.series) {
            const same = fresh.series.find(
              (other) => other.nodeId === line.nodeId && other.monitorId === line.monitorId,
            )
            expect(line.points.at(-1)).toEqual(same?.points.at(-1))
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('keeps a curve light over a long exercise: thinned, ordered, ending at the latest frame', () => {
    const audience: Audience = { role: 'facilitator' }
    const times = Array.from({ length: 2000 }, (_, i) => i * 10)
    const held = follow(audience, times, 20)
    const line = held.series.find((series) => series.nodeId === 'gm-1')!
    expect(line.points.length).toBeLessThanOrEqual(MAX_HELD_POINTS)
    expect(line.points.length).toBeGreaterThan(MAX_HELD_POINTS / 3)
    expect(line.points.at(-1)?.[0]).toBe(times.at(-1))
    const ts = line.points.map(([t]) => t)
    expect(ts).toEqual([...ts].sort((a, b) => a - b))
  })

  it('ignores a frame older than the read, or for another audience', () => {
    const held = readTwin(state, { role: 'facilitator' }, {}, 600) as TwinRead
    const older = nextTwinFrame(state, 'local', { role: 'facilitator' }, 300, null, false).frame!
    expect(applyTwinFrame(held, older)).toBe(held)
    const team = nextTwinFrame(state, 'local', { role: 'team', teamId: 'telco' }, 900, null, false)
    expect(applyTwinFrame(held, team.frame!)).toBe(held)
  })

  it('moves only the time errors a frame names, even for a node named like an inherited property', () => {
    const node = (id: string, timeErrorNs: number) => ({
      id,
      status: 'ok' as const,
      timeErrorNs,
      toleranceNs: 100,
      mode: 'locked' as const,
      selectedSource: null,
      traceable: true,
    })
    const held: TwinRead = {
      ok: true,
      audience: 'facilitator',
      t: 10,
      chain: [],
      nodes: [node('constructor', 5), node('gm-1', 7)],
      observations: [],
      alerts: [],
      series: [{ nodeId: 'constructor', quantity: 'time-error', points: [[10, 5]] }],
    }
    const next = applyTwinFrame(held, {
      exerciseId: 'x',
      audience: 'facilitator',
      t: 11,
      full: false,
      nodes: [],
      timeErrors: JSON.parse('{"gm-1": 9}'),
      observations: [],
    })
    expect(next.audience === 'facilitator' && next.nodes).toEqual([
      node('constructor', 5),
      node('gm-1', 9),
    ])
    expect(next.series[0]?.points).toEqual([
      [10, 5],
      [11, 5],
    ])
  })
})
