import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildTwin } from './buildTwin'
import type { ActiveEffect, Effect } from './effectSchema'
import { evaluateTwin, statusesAt } from './evaluateTwin'
import { exampleChain } from './exampleChain'
import { nextTwinChange } from './nextTwinChange'

const HOUR = 3_600
const receivers = ['rcv-core-1', 'rcv-core-2', 'rcv-cell', 'rcv-grid', 'rcv-pool']
const stratum1 = ['ntp-s1a', 'ntp-s1b', 'ntp-s1c', 'ntp-pool']
const sign = fc.constantFrom(1, -1)

const effectArb: fc.Arbitrary<Effect> = fc.oneof(
  fc.record({ kind: fc.constant('gnss-jamming' as const), target: fc.constantFrom(...receivers) }),
  fc.record({
    kind: fc.constant('gnss-spoofing' as const),
    target: fc.constantFrom('rcv-grid', 'rcv-core-2'),
    rateNsPerS: fc.integer({ min: -200, max: 200 }).filter((r) => r !== 0),
  }),
  fc.record({
    kind: fc.constant('utc-parameters' as const),
    target: fc.constantFrom('gnss-a', 'gnss-b'),
    offsetNs: fc.integer({ min: -20_000, max: 20_000 }),
  }),
  fc.record({
    kind: fc.constant('ntp-shift' as const),
    target: fc.constantFrom(...stratum1),
    offsetNs: fc
      .tuple(fc.constantFrom(2e4, 5e7, 2e8, 360e9, 2_000e9), sign)
      .map(([size, s]) => size * s),
    side: fc.constant('server' as const),
    method: fc.constantFrom('rewrite' as const, 'delay' as const),
  }),
  fc.record({
    kind: fc.constant('ntp-kod' as const),
    target: fc.constantFrom(...stratum1),
    code: fc.constant('DENY' as const),
  }),
  fc.record({
    kind: fc.constant('ptp-rogue-gm' as const),
    target: fc.constantFrom('bc-1', 'trading-venue'),
    priority1: fc.integer({ min: 0, max: 255 }),
    priority2: fc.constant(0),
    clockClass: fc.constantFrom(6, 7, 248),
    clockAccuracy: fc.constantFrom(0x20, 0x21, 0xfe),
    offsetScaledLogVariance: fc.constant(0x4e5d),
    port: fc.constantFrom('access' as const, 'upstream' as const),
    offsetNs: fc.integer({ min: -50_000, max: 50_000 }),
    rateNsPerS: fc.integer({ min: -5, max: 5 }),
    clockIdentity: fc.constant('ac:de:48:ff:fe:00:00:01'),
  }),
  fc.record({
    kind: fc.constant('ptp-delay-asymmetry' as const),
    target: fc.constantFrom('bc-1', 'radio-1'),
    asymmetryNs: fc.integer({ min: -5_000, max: 5_000 }),
  }),
  fc.record({
    kind: fc.constant('server-compromise' as const),
    target: fc.constantFrom('ntp-s2', 'ntp-s1a', 'gm-1'),
    offsetNs: fc.constantFrom(1e6, -3e8, 400e9),
    leapFlag: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('false-leap-second' as const),
    target: fc.constantFrom(...stratum1, 'gnss-b'),
    leapAfterS: fc.integer({ min: 0, max: 2 * HOUR }),
    direction: fc.constantFrom('insert' as const, 'delete' as const),
  }),
  fc.record({
    kind: fc.constant('frequency-steer' as const),
    target: fc.constantFrom('utc-lab', 'gm-1', 'ntp-s2'),
    fractional: fc.constantFrom(1e-13, -1e-11, 1e-9),
  }),
  fc.record({
    kind: fc.constant('outage' as const),
    target: fc.constantFrom('gnss-b', 'ntp-s1c', 'gm-2', 'utc-lab', 'ntp-s2'),
  }),
  fc.record({
    kind: fc.constant('switch-source' as const),
    target: fc.constant('bc-1'),
    to: fc.constantFrom('gm-2', 'gm-1'),
  }),
  fc.record({
    kind: fc.constant('force-holdover' as const),
    target: fc.constantFrom('gm-1', 'pmu-1'),
  }),
  fc.record({ kind: fc.constant('isolate' as const), target: fc.constantFrom('bc-1', 'ntp-s1a') }),
  fc.record({
    kind: fc.constant('enable-nts' as const),
    target: fc.constantFrom('broker', 'ntp-s2'),
  }),
  fc.record({ kind: fc.constant('reject-leap' as const), target: fc.constant('ntp-s2') }),
  fc.record({
    kind: fc.constant('restore' as const),
    target: fc.constantFrom('ntp-s2', 'kdc', 'utc-lab'),
  }),
)

const activeArb: fc.Arbitrary<ActiveEffect> = fc
  .tuple(
    effectArb,
    fc.integer({ min: 0, max: 20 * HOUR }),
    fc.option(fc.integer({ min: 1, max: 30 * HOUR }), { nil: undefined }),
  )
  .map(([effect, startT, length]) =>
    length === undefined ? { effect, startT } : { effect, startT, endT: startT + length },
  )

const effectsArb = fc.array(activeArb, { minLength: 0, maxLength: 5 })
const timeArb = fc.double({ min: 0, max: 3 * 24 * HOUR, noNaN: true })

describe('the twin, for any effects', () => {
  it('evaluates t the same however t was reached', () => {
    // The path visits times in any order, some under an earlier (shorter) list of effects, as
    // the engine does when attacks and mitigations are added during an exercise.
    const visit = fc.tuple(timeArb, fc.nat({ max: 5 }))
    fc.assert(
      fc.property(effectsArb, fc.array(visit, { maxLength: 8 }), timeArb, (effects, path, t) => {
        const direct = evaluateTwin(buildTwin(exampleChain, { seed: 3 }), effects, t)
        const twin = buildTwin(exampleChain, { seed: 3 })
        for (const [visited, kept] of path)
          evaluateTwin(twin, structuredClone(effects.slice(0, kept)), visited)
        expect(evaluateTwin(twin, structuredClone(effects), t)).toEqual(direct)
      }),
      { numRuns: 80 },
    )
  })

  it('evaluates incrementally exactly as from scratch while effects land one by one', () => {
    // As during an exercise: each list extends the one before and shares its effect objects, the
    // same list object is read again, and reads go back and forth in time. A fresh twin (no
    // timeline, no memo) gives the from-scratch answer.
    const read = fc.tuple(timeArb, fc.nat({ max: 6 }))
    fc.assert(
      fc.property(effectsArb, fc.array(read, { minLength: 1, maxLength: 8 }), (effects, reads) => {
        const twin = buildTwin(exampleChain, { seed: 6 })
        const lists = [[], ...effects.map((_, k) => effects.slice(0, k + 1))]
        for (const [t, k] of reads) {
          const list = lists[k % lists.length] as ActiveEffect[]
          const scratch = () => buildTwin(exampleChain, { seed: 6 })
          expect(evaluateTwin(twin, list, t)).toEqual(evaluateTwin(scratch(), list, t))
          expect(nextTwinChange(twin, list, t, t + 2 * HOUR)).toEqual(
            nextTwinChange(scratch(), list, t, t + 2 * HOUR),
          )
        }
      }),
      { numRuns: 60 },
    )
  })

  it('finds every status change a fine scan finds, never later, and nothing changes before it', () => {
    const STEP_S = 20
    const WINDOW_S = 4 * HOUR
    fc.assert(
      fc.property(effectsArb, fc.integer({ min: 0, max: 40 * HOUR }), (effects, afterT) => {
        const twin = buildTwin(exampleChain, { seed: 4 })
        const untilT = afterT + WINDOW_S
        const change = nextTwinChange(twin, effects, afterT, untilT, { alerts: false })
        const base = statusesAt(twin, effects, afterT)
        const same = (t: number) => {
          const now = statusesAt(twin, effects, t)
          return [...now].every(([id, status]) => base.get(id) === status)
        }
        let scanned: number | null = null
        for (let t = afterT + STEP_S; t <= untilT && scanned === null; t += STEP_S)
          if (!same(t)) scanned = t
        if (scanned !== null) expect(change?.tSeconds ?? Infinity).toBeLessThanOrEqual(scanned)
        if (!change) return
        expect(change.statuses.length).toBeGreaterThan(0)
        expect(same(change.tSeconds)).toBe(false)
        const span = change.tSeconds - afterT
        for (let k = 1; k < 64; k++) expect(same(afterT + (span * k) / 64)).toBe(true)
        const justBefore = change.tSeconds - Math.max(1e-6, span * 1e-9)
        if (justBefore > afterT) expect(same(justBefore)).toBe(true)
      }),
      { numRuns: 60 },
    )
  })

  it('reports alerts where they change too, with nothing raised or cleared in between', () => {
    fc.assert(
      fc.property(effectsArb, fc.integer({ min: 0, max: 30 * HOUR }), (effects, afterT) => {
        const twin = buildTwin(exampleChain, { seed: 5 })
        const change = nextTwinChange(twin, effects, afterT, afterT + 2 * HOUR)
        const snapshot = (t: number) => {
          const state = evaluateTwin(twin, effects, t)
          return JSON.stringify([state.nodes.map((n) => n.status), state.alerts.map((a) => a.id)])
        }
        const base = snapshot(afterT)
        if (!change) {
          for (let k = 1; k <= 24; k++) expect(snapshot(afterT + k * 300)).toBe(base)
          return
        }
        expect(snapshot(change.tSeconds)).not.toBe(base)
        const span = change.tSeconds - afterT
        for (let k = 1; k < 24; k++) expect(snapshot(afterT + (span * k) / 24)).toBe(base)
      }),
      { numRuns: 40 },
    )
  })
})
