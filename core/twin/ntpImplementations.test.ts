import { describe, expect, it } from 'vitest'
import { buildTwin, nextPollAfter } from './buildTwin'
import { chainSchema } from './chainSchema'
import type { ActiveEffect } from './effectSchema'
import { evaluateTwin } from './evaluateTwin'
import { at, type NtpChainOptions, ntpChain, shiftOf } from './testChains'

const SHIFT_AT = 100

function twinOf(options: NtpChainOptions) {
  return buildTwin(ntpChain(options), { seed: 5 })
}

function nodeAt(options: NtpChainOptions, effects: readonly ActiveEffect[], t: number, id = 'dc') {
  const node = evaluateTwin(twinOf(options), effects, t).nodes.find((n) => n.id === id)
  if (!node) throw new Error(id)
  const peers = node.observations.find((o) => o.observable === 'ntp-peers')
  return { ...node, systematicNs: node.timeErrorNs - node.wanderNs, peers }
}

function pollAfter(options: NtpChainOptions, t: number, id = 'dc'): number {
  const twin = twinOf(options)
  const client = twin.nodes[twin.byId.get(id) ?? -1]?.ntp
  if (!client) throw new Error(id)
  return nextPollAfter(client, t)
}

const majority = (offsetNs: number) =>
  ['s1', 's2', 's3'].map((id) => at(shiftOf(id, offsetNs), SHIFT_AT))

describe('which NTP software a host runs', () => {
  it('defaults to w32time on domain controllers, ntpd on time servers and chrony elsewhere', () => {
    const chain = chainSchema.parse({
      nodes: [
        { id: 'lab', label: 'Lab', kind: 'reference' },
        { id: 's1', label: 'Server', kind: 'ntp-server', stratum: 1, sources: ['lab'] },
        { id: 'dc', label: 'DC', kind: 'consumer', sector: 'kerberos', sources: ['s1'] },
        { id: 'web', label: 'Web', kind: 'consumer', sector: 'tls', sources: ['s1'] },
      ],
    })
    const twin = buildTwin(chain)
    const software = (id: string) => twin.nodes[twin.byId.get(id) ?? -1]?.ntp?.implementation
    expect([software('dc'), software('s1'), software('web')]).toEqual(['w32time', 'ntpd', 'chrony'])
    // w32time polls every 1024 s; ntpd and chrony 64 s.
    expect(twin.nodes[twin.byId.get('dc') ?? -1]?.ntp?.pollS).toBe(1_024)
    expect(twin.nodes[twin.byId.get('web') ?? -1]?.ntp?.pollS).toBe(64)
  })
})

describe('chrony', () => {
  const chrony: NtpChainOptions = { implementation: 'chrony' }

  it('slews a 360 s shift at 83 ms/s instead of stepping it, from the poll that sees it', () => {
    const seen = pollAfter(chrony, SHIFT_AT)
    const slewing = nodeAt(chrony, majority(360e9), seen + 10)
    expect(slewing.mode).toBe('slewing')
    expect(slewing.systematicNs).toBeCloseTo(10 * 83_333_333, -3)
    // 360 s at 83.3 ms/s takes 4320 s.
    expect(nodeAt(chrony, majority(360e9), seen + 4_319).mode).toBe('slewing')
    const done = nodeAt(chrony, majority(360e9), seen + 4_321)
    expect(done.mode).toBe('locked')
    expect(done.systematicNs).toBeCloseTo(360e9, -6)
  })

  it('has no panic: a 2000 s shift is slewed too', () => {
    const seen = pollAfter(chrony, SHIFT_AT)
    const dc = nodeAt(chrony, majority(2_000e9), seen + 60)
    expect(dc.mode).toBe('slewing')
    expect(dc.systematicNs).toBeCloseTo(60 * 83_333_333, -3)
  })
})

describe("ntpd's clock filter", () => {
  const ntpd: NtpChainOptions = { implementation: 'ntpd' }
  const onPath = (method: 'delay' | 'rewrite') =>
    ['s1', 's2', 's3'].map((id) =>
      at({ kind: 'ntp-shift', target: id, offsetNs: 50e6, side: 'server', method }, SHIFT_AT),
    )

  it('sees a lengthened path only once its eight shorter samples have aged out', () => {
    const next = pollAfter(ntpd, SHIFT_AT)
    const eighth = next + 7 * 64
    // A forged reply of the same delay is the least-delay sample at once: slewing from the next poll.
    expect(nodeAt(ntpd, onPath('rewrite'), next + 1).mode).toBe('slewing')
    // A delayed one loses to the seven shorter samples before it until the eighth poll.
    const waiting = nodeAt(ntpd, onPath('delay'), eighth - 1)
    expect(waiting.mode).toBe('locked')
    expect(Math.abs(waiting.systematicNs)).toBeLessThan(1e6)
    expect(nodeAt(ntpd, onPath('delay'), eighth + 1).mode).toBe('slewing')
  })

  it('never sees a delay attack shorter than its filter', () => {
    const next = pollAfter(ntpd, SHIFT_AT)
    const brief = onPath('delay').map((effect) => ({ ...effect, endT: next + 3 * 64 }))
    for (const t of [next + 3 * 64 - 1, next + 8 * 64 + 1, next + 20 * 64]) {
      const dc = nodeAt(ntpd, brief, t)
      expect(dc.mode).toBe('locked')
      expect(Math.abs(dc.systematicNs)).toBeLessThan(1e6)
    }
  })
})

describe("chrony's makestep", () => {
  const always: NtpChainOptions = {
    implementation: 'chrony',
    client: { makestep: { thresholdS: 1, limit: -1 } },
  }

  it('steps beyond its threshold at the poll that sees it when configured to step always', () => {
    const seen = pollAfter(always, SHIFT_AT)
    const stepped = nodeAt(always, majority(360e9), seen + 1)
    expect(stepped.mode).toBe('locked')
    expect(stepped.systematicNs).toBeCloseTo(360e9, -6)
    // Below its 1 s threshold it slews, as without makestep.
    expect(nodeAt(always, majority(0.9e9), seen + 1).mode).toBe('slewing')
    expect(nodeAt(always, majority(1.1e9), seen + 1).mode).toBe('locked')
  })

  it('by default (makestep 1 3) steps only in the first updates after it starts, then slews', () => {
    const chrony: NtpChainOptions = { implementation: 'chrony' }
    const restart = (t: number) => at({ kind: 'restore', target: 'dc' }, t)
    // Restarted just before the shift: the poll that sees it is one of its first three updates.
    const seen = pollAfter(chrony, SHIFT_AT)
    const fresh = nodeAt(chrony, [restart(SHIFT_AT - 30), ...majority(360e9)], seen + 1)
    expect(fresh.mode).toBe('locked')
    expect(fresh.systematicNs).toBeCloseTo(360e9, -6)
    // Restarted an hour before the shift: long past its first updates, the same shift is slewed.
    const later = SHIFT_AT + 3_600
    const shifted = ['s1', 's2', 's3'].map((id) => at(shiftOf(id, 360e9), later))
    const seenLater = pollAfter(chrony, later)
    const old = nodeAt(chrony, [restart(SHIFT_AT - 30), ...shifted], seenLater + 1)
    expect(old.mode).toBe('slewing')
    expect(nodeAt(chrony, [restart(later - 30), ...shifted], seenLater + 1).mode).toBe('locked')
    // Never restarted during the exercise: slewed too.
    expect(nodeAt(chrony, majority(360e9), seen + 1).mode).toBe('slewing')
  })
})

describe('w32time', () => {
  const w32time: NtpChainOptions = { implementation: 'w32time' }

  it('steps a large offset at the poll that sees it, with no stepout', () => {
    const seen = pollAfter(w32time, SHIFT_AT)
    expect(seen - SHIFT_AT).toBeLessThanOrEqual(1_024)
    expect(Math.abs(nodeAt(w32time, majority(360e9), seen - 0.01).systematicNs)).toBeLessThan(1e6)
    const dc = nodeAt(w32time, majority(360e9), seen)
    expect(dc.mode).toBe('locked')
    expect(dc.systematicNs).toBeCloseTo(360e9, -6)
    expect(dc.status).toBe('failed')
  })

  it('slews an offset below its LargePhaseOffset', () => {
    const seen = pollAfter(w32time, SHIFT_AT)
    const dc = nodeAt(w32time, majority(4e9), seen + 100)
    expect(dc.mode).toBe('slewing')
    expect(dc.systematicNs).toBeCloseTo(100 * 500_000, -3)
  })

  it('does not panic at 1001 s; a domain controller refuses only past its 48 h maximum', () => {
    const seen = pollAfter(w32time, SHIFT_AT)
    expect(nodeAt(w32time, majority(1_001e9), seen).systematicNs).toBeCloseTo(1_001e9, -6)
    const refused = nodeAt(w32time, majority(49 * 3_600e9), seen + 1)
    expect(refused.mode).toBe('holdover')
    expect(refused.peers).toMatchObject({ implementation: 'w32time', daemon: 'refused' })
    expect(Math.abs(refused.systematicNs)).toBeLessThan(1e6)
    // A domain member (here the broker) has no maximum: it steps 49 h.
    const member = nodeAt(
      w32time,
      majority(49 * 3_600e9),
      pollAfter(w32time, SHIFT_AT, 'broker'),
      'broker',
    )
    expect(member.systematicNs).toBeCloseTo(49 * 3_600e9, -6)
  })
})

describe('leap seconds have a calendar', () => {
  // 31 March, 08:00 UTC: a leap flag for tonight is one for the end of March.
  const march = '2026-03-31T08:00:00Z'
  const leapT = 16 * 3_600 // 1 April 00:00:00 UTC in scenario seconds
  const falseLeap = ['s1', 's2', 's3'].map((id) =>
    at({ kind: 'false-leap-second', target: id, leapAfterS: 3_600, direction: 'insert' }, SHIFT_AT),
  )

  it('puts the leap at the end of the month it is announced in (ntpd inserts it there)', () => {
    const ntpd = { startUtc: march }
    expect(Math.abs(nodeAt(ntpd, falseLeap, leapT - 1).systematicNs)).toBeLessThan(1e6)
    expect(nodeAt(ntpd, falseLeap, leapT + 1).systematicNs).toBeCloseTo(-1e9, -6)
  })

  it('leaves chrony alone in March, and moves it at the end of June', () => {
    const chrony = { startUtc: march, implementation: 'chrony' as const }
    const dc = nodeAt(chrony, falseLeap, leapT + 0.5)
    expect(Math.abs(dc.systematicNs)).toBeLessThan(1e6)
    expect(dc.peers).toMatchObject({ leapAnnounced: false })
    const june = { startUtc: '2026-06-30T08:00:00Z', implementation: 'chrony' as const }
    expect(nodeAt(june, falseLeap, leapT + 0.5).systematicNs).toBeCloseTo(-1e9, -6)
  })

  it('is ignored by ntpd with a valid leap-seconds file, and obeyed with an expired one', () => {
    const valid = { startUtc: march, client: { leapFile: 'valid' } }
    expect(Math.abs(nodeAt(valid, falseLeap, leapT + 0.5).systematicNs)).toBeLessThan(1e6)
    const expired = { startUtc: march, client: { leapFile: 'expired' } }
    expect(nodeAt(expired, falseLeap, leapT + 0.5).systematicNs).toBeCloseTo(-1e9, -6)
  })

  it('is refused by ntpd when announced in the first hour of a month', () => {
    const early = { startUtc: '2026-04-01T00:10:00Z' }
    const endOfApril = (Date.parse('2026-05-01T00:00:00Z') - Date.parse(early.startUtc)) / 1000
    expect(Math.abs(nodeAt(early, falseLeap, endOfApril + 0.5).systematicNs)).toBeLessThan(1e6)
  })

  it('is ignored by w32time', () => {
    const w32time = { startUtc: '2026-06-30T08:00:00Z', implementation: 'w32time' as const }
    expect(Math.abs(nodeAt(w32time, falseLeap, leapT + 0.5).systematicNs)).toBeLessThan(1e6)
  })
})
