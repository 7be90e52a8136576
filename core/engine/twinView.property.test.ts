import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TwinViewRequest } from '../protocol/twinView'
import type { Audience } from '../protocol/viewer'
import { exampleChain, scaledExampleChain } from '../twin/exampleChain'
import { readTwin, twinPictureAt } from './twinView'
import { exampleTwinExercise, EXAMPLE_TEAMS as TEAMS } from './twinViewExercise'
import { nextTwinFrame } from './twinViewFrame'

/** The core site jammed a second in, the clock paused: effects reach far ahead of any now. */
const state = exampleTwinExercise({ jammed: ['rcv-core-1', 'rcv-core-2'], pauseAtMs: 2000 }).state
const nodeIds = exampleChain.nodes.map((node) => node.id)
const HORIZON = 30 * 3600
const team: fc.Arbitrary<Audience> = fc
  .constantFrom(...TEAMS)
  .map((teamId) => ({ role: 'team', teamId }))
const request: fc.Arbitrary<TwinViewRequest> = fc.record(
  {
    t: fc.integer({ min: 0, max: HORIZON }),
    series: fc.record({
      nodeIds: fc.subarray(nodeIds, { minLength: 1, maxLength: 8 }),
      fromT: fc.integer({ min: 0, max: HORIZON }),
      toT: fc.integer({ min: 0, max: HORIZON }),
      points: fc.integer({ min: 2, max: 40 }),
    }),
  },
  { requiredKeys: [] },
)

describe('a team never reads the future', () => {
  it('no twin read by a team holds a sample after now, and a start after now is refused', () => {
    fc.assert(
      fc.property(team, request, fc.integer({ min: 0, max: HORIZON }), (audience, asked, nowT) => {
        const reply = readTwin(state, audience, asked, nowT)
        if (asked.series && asked.series.fromT > nowT) {
          expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } })
          return
        }
        expect(reply.ok).toBe(true)
        if (!reply.ok) return
        expect(reply.t).toBeLessThanOrEqual(nowT)
        for (const series of reply.series) {
          for (const [t] of series.points) expect(t).toBeLessThanOrEqual(nowT)
        }
        // What it shows now is what it would have shown at that moment, not a later picture.
        expect(reply.observations).toEqual(twinPictureAt(state, audience, reply.t).observations)
      }),
      { numRuns: 150 },
    )
  })

  it('no pushed frame to a team is for a moment after now', () => {
    fc.assert(
      fc.property(
        team,
        fc.array(fc.integer({ min: 0, max: HORIZON }), { minLength: 1, maxLength: 12 }),
        (audience, moments) => {
          let basis = null
          for (const nowT of moments) {
            const next = nextTwinFrame(state, 'local', audience, nowT, basis, false)
            basis = next.basis
            if (!next.frame) continue
            expect(next.frame.t).toBeLessThanOrEqual(nowT)
            expect(next.frame.audience).toBe('team')
            expect('nodes' in next.frame).toBe(false)
            const teamId = audience.role === 'team' ? audience.teamId : ''
            for (const seen of next.frame.observations) expect(seen.teams).toContain(teamId)
            for (const alert of next.frame.alerts ?? []) expect(alert.teams).toContain(teamId)
          }
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('twin reads of two exercises', () => {
  it('answer each exercise with its own chain, even at the same moment with no effects', () => {
    const of = (chain: typeof exampleChain) => exampleTwinExercise({ chain }).state
    const small = of(exampleChain)
    const large = of(scaledExampleChain(2))
    const facilitator: Audience = { role: 'facilitator' }
    const first = readTwin(large, facilitator, {}, 60)
    const second = readTwin(small, facilitator, {}, 60)
    expect(first.ok && first.audience === 'facilitator' && first.nodes.length).toBe(
      scaledExampleChain(2).nodes.length,
    )
    expect(second.ok && second.audience === 'facilitator' && second.nodes.length).toBe(
      exampleChain.nodes.length,
    )
  })
})
