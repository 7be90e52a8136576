import { describe, expect, it } from 'vitest'
import { bestMaster, compareDatasets, type PtpDataset } from './bmca'
import { buildTwin } from './buildTwin'
import type { ActiveEffect } from './effectSchema'
import { evaluateTwin, teamView } from './evaluateTwin'
import { nextTwinChange } from './nextTwinChange'
import { at, lockedDataset, ptpChain } from './testChains'

const locked: PtpDataset = lockedDataset
const heard = (dataset: PtpDataset, localPriority = 128) => ({ dataset, localPriority })

function ptpAt(effects: readonly ActiveEffect[], t: number) {
  const twin = buildTwin(ptpChain(), { seed: 9 })
  const state = evaluateTwin(twin, effects, t)
  const node = (id: string) => {
    const found = state.nodes.find((n) => n.id === id)
    if (!found) throw new Error(id)
    return { ...found, systematicNs: found.timeErrorNs - found.wanderNs }
  }
  return { state, node, twin }
}

describe('the BMCA (IEEE 1588 dataset comparison)', () => {
  it('compares priority1, clockClass, accuracy, variance, priority2, then identity; lower wins', () => {
    expect(compareDatasets({ ...locked, priority1: 127 }, locked)).toBeLessThan(0)
    expect(compareDatasets({ ...locked, priority1: 127, clockClass: 248 }, locked)).toBeLessThan(0)
    expect(compareDatasets({ ...locked, clockClass: 7 }, locked)).toBeGreaterThan(0)
    expect(compareDatasets({ ...locked, clockAccuracy: 0x20 }, locked)).toBeLessThan(0)
    expect(compareDatasets({ ...locked, priority2: 1 }, locked)).toBeLessThan(0)
    expect(
      compareDatasets({ ...locked, identity: '00:00:00:ff:fe:00:00:01' }, locked),
    ).toBeLessThan(0)
    expect(bestMaster([heard(locked), heard({ ...locked, clockClass: 7, priority2: 0 })])).toBe(0)
  })

  it('picks the better grandmaster and falls back to the other when it goes into holdover', () => {
    const jam: ActiveEffect[] = [at({ kind: 'gnss-jamming', target: 'rcv-a' }, 100)]
    expect(ptpAt([], 50).node('bc').selectedSource).toBe('gm-a')
    const { node } = ptpAt(jam, 200)
    expect(node('gm-a').mode).toBe('holdover')
    expect(node('bc')).toMatchObject({
      selectedSource: 'gm-b',
      status: 'degraded',
      traceable: true,
    })
  })

  it('keeps a grandmaster with a better priority1 even in holdover (priority1 comes first)', () => {
    const jam: ActiveEffect[] = [at({ kind: 'gnss-jamming', target: 'rcv-a' }, 100)]
    const chain = ptpChain()
    const preferred = {
      nodes: chain.nodes.map((n) => (n.id === 'gm-a' ? { ...n, priority1: 100 } : n)),
    }
    const state = evaluateTwin(buildTwin(preferred), jam, 200)
    expect(state.nodes.find((n) => n.id === 'bc')).toMatchObject({
      selectedSource: 'gm-a',
      traceable: false,
    })
  })
})

describe('PTP attacks', () => {
  const rogue: ActiveEffect[] = [
    at(
      {
        kind: 'ptp-rogue-gm',
        target: 'bc',
        priority1: 0,
        priority2: 0,
        clockClass: 6,
        clockAccuracy: 0x20,
        offsetScaledLogVariance: 0x4000,
        port: 'access',
        offsetNs: 40_000,
        rateNsPerS: 0,
        clockIdentity: 'ac:de:48:ff:fe:00:00:01',
      },
      100,
    ),
  ]

  it('lets a rogue grandmaster with a better priority1 win the BMCA and take the time with it', () => {
    const { node } = ptpAt(rogue, 200)
    expect(node('bc').selectedSource).toBe('ac:de:48:ff:fe:00:00:01')
    // The rogue's 40 µs, plus the class A boundary clock's own 50 ns.
    expect(node('bc').systematicNs).toBeCloseTo(40_050, 0)
    expect(node('radio').status).toBe('failed')
    expect(node('radio').systematicNs).toBeCloseTo(40_050, 0)
  })

  it('shows the new grandmaster to the monitoring team after its detection delay', () => {
    const twin = buildTwin(ptpChain(), { seed: 9 })
    const change = nextTwinChange(twin, rogue, 100, 3_600)
    expect(change?.tSeconds).toBeCloseTo(103, 6)
    const raised = change?.alerts.map((a) => a.alert.rule)
    expect(raised).toContain('new-grandmaster')
    const view = teamView(evaluateTwin(twin, rogue, 200), 'telco')
    expect(view.observations.find((o) => o.observable === 'clock-class')).toMatchObject({
      grandmasterId: 'ac:de:48:ff:fe:00:00:01',
      priority1: 0,
    })
    expect(teamView(evaluateTwin(twin, rogue, 200), 'red').alerts).toEqual([])
  })

  it('is shut out by isolating the boundary clock, or by pinning its master', () => {
    const isolated = [...rogue, at({ kind: 'isolate', target: 'bc' }, 300)]
    expect(ptpAt(isolated, 400).node('bc').mode).toBe('holdover')
    const pinned = [...rogue, at({ kind: 'switch-source', target: 'bc', to: 'gm-a' }, 300)]
    expect(ptpAt(pinned, 400).node('bc')).toMatchObject({ selectedSource: 'gm-a', mode: 'locked' })
    expect(Math.abs(ptpAt(pinned, 400).node('radio').systematicNs)).toBeLessThan(100)
  })

  it('shifts time by d/2 under a delay asymmetry d, and the servo cannot see it', () => {
    const d = 3_000
    const asym: ActiveEffect[] = [
      at({ kind: 'ptp-delay-asymmetry', target: 'bc', asymmetryNs: d }, 100),
    ]
    const before = ptpAt([], 200).node('bc').systematicNs
    const { node, state } = ptpAt(asym, 200)
    expect(node('bc').systematicNs - before).toBeCloseTo(-d / 2, 6)
    expect(node('bc')).toMatchObject({ mode: 'locked', selectedSource: 'gm-a' })
    const seen = teamView(state, 'telco').observations
    expect(seen.find((o) => o.observable === 'clock-class')).toMatchObject({ clockClass: 6 })
    const offset = seen.find((o) => o.observable === 'offset-vs-independent')
    expect(offset && 'offsetNs' in offset && Math.abs((offset.offsetNs ?? 0) + d / 2)).toBeLessThan(
      60,
    )
  })

  it('announces clockClass 6 while locked, 7 in holdover and 248 once out of holdover spec', () => {
    const jamBoth: ActiveEffect[] = [
      at({ kind: 'gnss-jamming', target: 'rcv-a' }, 100),
      at({ kind: 'gnss-jamming', target: 'rcv-b' }, 100),
    ]
    const classAt = (t: number) => {
      const seen = teamView(ptpAt(jamBoth, t).state, 'telco').observations
      const cc = seen.find((o) => o.observable === 'clock-class')
      return cc && 'clockClass' in cc ? cc.clockClass : null
    }
    expect(classAt(50)).toBe(6)
    expect(classAt(200)).toBe(7)
    expect(classAt(3 * 3_600)).toBe(248)
  })
})
