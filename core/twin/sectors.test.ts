import { describe, expect, it } from 'vitest'
import { buildTwin } from './buildTwin'
import { evaluateTwin } from './evaluateTwin'
import { exampleChain } from './exampleChain'
import { nextTwinChange } from './nextTwinChange'
import { SECTOR_TOLERANCES } from './parameters'
import { at } from './testChains'

describe('sector tolerances', () => {
  it('follow TIMING.md', () => {
    expect(SECTOR_TOLERANCES.telecom.toleranceNs).toBe(1_500)
    expect(SECTOR_TOLERANCES.grid.toleranceNs).toBe(31_000)
    expect(SECTOR_TOLERANCES['finance-hft'].toleranceNs).toBe(100_000)
    expect(SECTOR_TOLERANCES.kerberos.toleranceNs).toBe(300e9)
  })
})

describe('a 13 µs error in the GNSS UTC parameters (SVN-23)', () => {
  const twin = buildTwin(exampleChain, { seed: 23 })
  const effects = [
    at({ kind: 'utc-parameters', target: 'gnss-a', offsetNs: 13_000 }, 600, 600 + 12 * 3600),
  ]
  const node = (t: number, id: string) =>
    evaluateTwin(twin, effects, t).nodes.find((n) => n.id === id)

  it('fails telecom, leaves the 50 Hz PMU within 1 % TVE but without margin, and finance untouched', () => {
    const t = 3_600
    expect(node(t, 'radio-1')?.status).toBe('failed')
    expect(node(t, 'small-cell')?.status).toBe('failed')
    expect(node(t, 'pmu-1')?.status).toBe('degraded')
    expect(Math.abs(node(t, 'pmu-1')?.timeErrorNs ?? 0)).toBeLessThan(31_000)
    expect(node(t, 'trading-venue')?.status).toBe('ok')
    expect(node(t, 'trading-venue')?.timeErrorNs).toBeGreaterThan(12_000)
    expect(node(t, 'kdc')?.status).toBe('ok')
  })

  it('changes those statuses at the moment the bad parameters arrive, and back when they go', () => {
    const first = nextTwinChange(twin, effects, 0, 86_400, { alerts: false })
    expect(first?.tSeconds).toBe(600)
    const changed = new Map(first?.statuses.map((c) => [c.nodeId, c.status]))
    expect(changed.get('radio-1')).toBe('failed')
    expect(changed.get('pmu-1')).toBe('degraded')
    expect(changed.has('trading-venue')).toBe(false)
    const back = nextTwinChange(twin, effects, 600, 86_400, { alerts: false })
    expect(back?.tSeconds).toBe(600 + 12 * 3600)
    expect(node(600 + 12 * 3600, 'radio-1')?.status).toBe('ok')
  })
})
