import { describe, expect, it } from 'vitest'
import { buildTwin } from './buildTwin'
import { chainSchema } from './chainSchema'
import type { ActiveEffect } from './effectSchema'
import { evaluateTwin } from './evaluateTwin'
import { holdoverCrossingS, holdoverModel } from './holdover'
import { nextTwinChange, type TwinChange } from './nextTwinChange'
import { at, holdoverChain, shiftOf } from './testChains'

function changesUntil(
  twin: ReturnType<typeof buildTwin>,
  effects: readonly ActiveEffect[],
  until: number,
): TwinChange[] {
  const found: TwinChange[] = []
  let t = -1
  for (;;) {
    const change = nextTwinChange(twin, effects, t, until, { alerts: false })
    if (!change) return found
    found.push(change)
    t = change.tSeconds
  }
}

describe('a computer’s system clock without NTP', () => {
  it('passes 100 µs in minutes and 1 ms within hours (0.1–1 ppm)', () => {
    for (const sign of [1, -1] as const) {
      const model = holdoverModel('system-clock', undefined, sign)
      const to100us = holdoverCrossingS(model, 100_000)
      expect(to100us).toBeGreaterThan(2 * 60)
      expect(to100us).toBeLessThan(17 * 60)
      const to1ms = holdoverCrossingS(model, 1e6)
      expect(to1ms).toBeGreaterThan(17 * 60)
      expect(to1ms).toBeLessThan(3 * 3_600)
    }
  })

  it('is what an NTP client runs on by default once its servers go', () => {
    const chain = chainSchema.parse({
      nodes: [
        { id: 'lab', label: 'Lab', kind: 'reference' },
        { id: 's1', label: 'Server', kind: 'ntp-server', stratum: 1, sources: ['lab'] },
        { id: 'host', label: 'Host', kind: 'consumer', sector: 'finance-hft', sources: ['s1'] },
      ],
    })
    const twin = buildTwin(chain, { seed: 2 })
    const effects = [at({ kind: 'outage', target: 's1' }, 0)]
    const host = evaluateTwin(twin, effects, 20 * 60).nodes.find((n) => n.id === 'host')
    expect(host?.mode).toMatch(/holdover|free-run/)
    // Twenty minutes on a system clock: well past 100 µs (a TCXO would take hours).
    expect(Math.abs((host?.timeErrorNs ?? 0) - (host?.wanderNs ?? 0))).toBeGreaterThan(100_000)
    expect(host?.status).toBe('failed')
  })
})

describe('direction matters for consumers', () => {
  const chain = chainSchema.parse({
    nodes: [
      { id: 'lab', label: 'Lab', kind: 'reference' },
      ...['s1', 's2', 's3'].map((id) => ({
        id,
        label: id,
        kind: 'ntp-server' as const,
        stratum: 1,
        sources: ['lab'],
      })),
      {
        id: 'api',
        label: 'API gateway',
        kind: 'consumer',
        sector: 'signed-requests',
        ntp: { implementation: 'w32time', pollS: 64 },
        ahead: { toleranceNs: 60e9, consequence: 'its own presigned URLs are rejected' },
        behind: { toleranceNs: 900e9 },
        sources: ['s1', 's2', 's3'],
      },
      {
        id: 'dc',
        label: 'Domain controller',
        kind: 'consumer',
        sector: 'kerberos',
        ntp: { pollS: 64 },
        sources: ['s1', 's2', 's3'],
      },
    ],
  })
  const shift = (offsetNs: number) => ['s1', 's2'].map((id) => at(shiftOf(id, offsetNs), 10))

  it('judges each direction against its own tolerance', () => {
    const twin = buildTwin(chain, { seed: 4 })
    const api = (offsetNs: number) =>
      evaluateTwin(twin, shift(offsetNs), 600).nodes.find((n) => n.id === 'api')
    expect(api(120e9)?.status).toBe('failed') // 2 min ahead: past its 60 s
    expect(api(-120e9)?.status).not.toBe('failed') // 2 min behind: inside 15 min
    expect(api(-1_000e9)?.status).toBe('failed')
  })

  it('says what breaks, in the direction the clock went', () => {
    const twin = buildTwin(chain, { seed: 4 })
    const failures = (offsetNs: number) =>
      changesUntil(twin, shift(offsetNs), 3_600).flatMap((c) =>
        c.statuses.filter((s) => s.status === 'failed'),
      )
    expect(failures(120e9).find((s) => s.nodeId === 'api')?.consequence).toBe(
      'its own presigned URLs are rejected',
    )
    const back = failures(-400e9).find((s) => s.nodeId === 'dc')
    expect(back?.consequence).toMatch(/replay/)
    const forward = failures(400e9).find((s) => s.nodeId === 'dc')
    expect(forward?.consequence).toMatch(/expired/)
  })
})

describe('a status change reports the time error that decided it', () => {
  it('never reports a failure as inside its tolerance; the wander comes apart', () => {
    const twin = buildTwin(holdoverChain('tcxo'), { seed: 7 })
    const jam = [at({ kind: 'gnss-jamming', target: 'rcv' }, 0)]
    const failed = changesUntil(twin, jam, 6 * 3_600)
      .flatMap((c) => c.statuses)
      .filter((s) => s.status === 'failed' && s.nodeId === 'cell')
    expect(failed.length).toBeGreaterThan(0)
    for (const change of failed) {
      expect(Math.abs(change.timeErrorNs)).toBeGreaterThanOrEqual(1_500)
      expect(Number.isFinite(change.wanderNs)).toBe(true)
    }
  })
})

describe('GNSS receivers that output GPS time', () => {
  const chain = chainSchema.parse({
    nodes: [
      { id: 'gps', label: 'GPS', kind: 'gnss-constellation' },
      { id: 'rcv-utc', label: 'UTC receiver', kind: 'gnss-receiver', sources: ['gps'] },
      {
        id: 'rcv-gps',
        label: 'GPS-time receiver',
        kind: 'gnss-receiver',
        gnssOutput: 'gps',
        sources: ['gps'],
      },
    ],
  })
  const svn23 = [at({ kind: 'utc-parameters', target: 'gps', offsetNs: 13_000 }, 0)]
  const te = (effects: readonly ActiveEffect[], id: string) => {
    const node = evaluateTwin(buildTwin(chain, { seed: 1 }), effects, 60).nodes.find(
      (n) => n.id === id,
    )
    return (node?.timeErrorNs ?? 0) - (node?.wanderNs ?? 0)
  }

  it('ignore corrupted UTC parameters, as in SVN-23', () => {
    expect(te(svn23, 'rcv-utc')).toBeGreaterThan(12_900)
    expect(Math.abs(te(svn23, 'rcv-gps'))).toBeLessThan(100)
  })

  it('is a mitigation: switching a receiver to GPS time output removes the error', () => {
    const mitigated = [...svn23, at({ kind: 'gps-time-output', target: 'rcv-utc' }, 30)]
    expect(Math.abs(te(mitigated, 'rcv-utc'))).toBeLessThan(100)
  })
})
