import { describe, expect, it } from 'vitest'
import { compareTelecom, type PtpDataset } from './bmca'
import { buildTwin } from './buildTwin'
import { type ChainInput, chainSchema } from './chainSchema'
import type { ActiveEffect, Effect } from './effectSchema'
import { evaluateTwin, teamView } from './evaluateTwin'
import { nextTwinChange } from './nextTwinChange'
import { at, lockedDataset } from './testChains'

/** A grandmaster behind `hops` boundary clocks of one class, and a radio at the end. */
function hopChain(hops: number, boundaryClass: 'A' | 'B' | 'C', profile = 'g8275.1') {
  const nodes: ChainInput['nodes'] = [
    { id: 'gnss', label: 'GNSS', kind: 'gnss-constellation' },
    { id: 'rcv', label: 'Receiver', kind: 'gnss-receiver', sources: ['gnss'] },
    {
      id: 'gm',
      label: 'T-GM',
      kind: 'ptp-grandmaster',
      ptpProfile: profile as 'g8275.1',
      sources: ['rcv'],
    },
  ]
  for (let k = 1; k <= hops; k++)
    nodes.push({
      id: `bc-${k}`,
      label: `T-BC ${k}`,
      kind: 'ptp-boundary',
      boundaryClass,
      ptpProfile: profile as 'g8275.1',
      sources: [k === 1 ? 'gm' : `bc-${k - 1}`],
      monitoredBy: ['telco'],
      monitoring: ['clock-class'],
    })
  nodes.push({
    id: 'radio',
    label: 'Radio',
    kind: 'consumer',
    sector: 'telecom',
    sources: [hops === 0 ? 'gm' : `bc-${hops}`],
  })
  return chainSchema.parse({ nodes })
}

function systematic(chain: ReturnType<typeof hopChain>, effects: ActiveEffect[], t: number) {
  const state = evaluateTwin(buildTwin(chain, { seed: 3 }), effects, t)
  return (id: string) => {
    const node = state.nodes.find((n) => n.id === id)
    if (!node) throw new Error(id)
    return { ...node, systematicNs: node.timeErrorNs - node.wanderNs }
  }
}

describe('time error along a chain of boundary clocks (G.8273.2)', () => {
  it('adds each hop’s constant time error: two class A hops add 100 ns', () => {
    const at0 = systematic(hopChain(0, 'A'), [], 10)
    const at2 = systematic(hopChain(2, 'A'), [], 10)
    expect(at2('radio').systematicNs - at0('radio').systematicNs).toBeCloseTo(100, 6)
    const classB = systematic(hopChain(2, 'B'), [], 10)
    const classC = systematic(hopChain(2, 'C'), [], 10)
    expect(classB('radio').systematicNs - at0('radio').systematicNs).toBeCloseTo(40, 6)
    expect(classC('radio').systematicNs - at0('radio').systematicNs).toBeCloseTo(20, 6)
  })

  it('fails a radio behind ten class A hops before its grandmaster reaches 1.5 µs', () => {
    const chain = hopChain(10, 'A')
    const jam: ActiveEffect[] = [at({ kind: 'gnss-jamming', target: 'rcv' }, 0)]
    // A seed whose grandmaster drifts the way the hops add (positive): the budget's worst case.
    const seed = [1, 2, 3, 4, 5, 6].find((s) => {
      const gm = evaluateTwin(buildTwin(chain, { seed: s }), jam, 3_600).nodes.find(
        (n) => n.id === 'gm',
      )
      return (gm?.timeErrorNs ?? 0) > 0
    })
    const twin = buildTwin(chain, { seed })
    let t = 0
    for (;;) {
      const change = nextTwinChange(twin, jam, t, 30 * 3_600, { alerts: false })
      if (!change) throw new Error('the radio never failed')
      t = change.tSeconds
      if (change.statuses.some((c) => c.nodeId === 'radio' && c.status === 'failed')) break
    }
    const gm = evaluateTwin(twin, jam, t).nodes.find((n) => n.id === 'gm')
    // 1.5 µs less ten hops of 50 ns: the grandmaster is at about 1 µs when the radio fails.
    expect((gm?.timeErrorNs ?? 0) - (gm?.wanderNs ?? 0)).toBeLessThan(1_050)
  })

  it('holds a grandmaster to the PRTC’s 100 ns, not the 250 ns holdover allowance', () => {
    const twin = buildTwin(hopChain(0, 'A'), { seed: 3 })
    const gm = twin.nodes[twin.byId.get('gm') ?? -1]
    expect(gm?.toleranceNs).toBe(100)
  })
})

describe('the telecom profile G.8275.1', () => {
  const base: PtpDataset = lockedDataset

  it('does not compare priority1; localPriority decides before clockIdentity', () => {
    expect(compareTelecom({ ...base, priority1: 0 }, 128, base, 128)).toBe(0)
    expect(compareTelecom({ ...base, clockClass: 7 }, 1, base, 128)).toBeGreaterThan(0)
    expect(compareTelecom({ ...base, identity: 'ff' }, 10, base, 128)).toBeLessThan(0)
  })

  it('announces holdover classes 7 then 140 at a grandmaster, 135 then 165 at a boundary clock', () => {
    const chain = hopChain(1, 'A')
    const jam: ActiveEffect[] = [at({ kind: 'gnss-jamming', target: 'rcv' }, 0)]
    const twin = buildTwin(chain, { seed: 3 })
    const classOf = (t: number) => {
      const seen = teamView(evaluateTwin(twin, jam, t), 'telco').observations
      const cc = seen.find((o) => o.observable === 'clock-class')
      return cc && 'clockClass' in cc ? cc.clockClass : null
    }
    expect(classOf(10)).toBe(7) // the grandmaster in holdover, in spec, re-announced
    expect(classOf(3 * 3_600)).toBe(140) // past its 250 ns holdover allowance
    const isolated = [...jam, at({ kind: 'isolate', target: 'bc-1' }, 0)]
    const bcClass = (t: number) => {
      const seen = teamView(evaluateTwin(twin, isolated, t), 'telco').observations
      const cc = seen.find((o) => o.observable === 'clock-class')
      return cc && 'clockClass' in cc ? cc.clockClass : null
    }
    expect(bcClass(10)).toBe(135)
    expect(bcClass(30 * 3_600)).toBe(165)
  })

  it('announces 140, 150 or 160 past the holdover specification by its frequency source', () => {
    const jam: ActiveEffect[] = [at({ kind: 'gnss-jamming', target: 'rcv' }, 0)]
    const classes = ([1, 2, 3] as const).map((category) => {
      const chain = hopChain(1, 'A')
      const nodes = chain.nodes.map((node) =>
        node.id === 'gm' ? { ...node, frequencyCategory: category } : node,
      )
      const twin = buildTwin({ ...chain, nodes }, { seed: 3 })
      const cc = teamView(evaluateTwin(twin, jam, 3 * 3_600), 'telco').observations.find(
        (o) => o.observable === 'clock-class',
      )
      return cc && 'clockClass' in cc ? cc.clockClass : null
    })
    // G.8275.1 Table 2: SyncE traceable to a PRC, an SSU, an EEC.
    expect(classes).toEqual([140, 150, 160])
  })

  const rogue = (fields: Partial<Extract<Effect, { kind: 'ptp-rogue-gm' }>>): ActiveEffect =>
    at(
      {
        kind: 'ptp-rogue-gm',
        target: 'bc-1',
        priority1: 0,
        priority2: 128,
        clockClass: 6,
        clockAccuracy: 0x21,
        offsetScaledLogVariance: 0x4e5d,
        port: 'access',
        offsetNs: 40_000,
        rateNsPerS: 0,
        clockIdentity: '00:00:00:00:00:00:00:01',
        ...fields,
      },
      100,
    )

  it('ignores a rogue’s priority1 0: an equal dataset wins only on localPriority or identity', () => {
    const telecom = systematic(
      hopChain(1, 'A'),
      [rogue({ clockIdentity: 'ff:ff:ff:ff:ff:ff:ff:ff' })],
      200,
    )
    expect(telecom('bc-1').selectedSource).toBe('gm')
    // The same rogue against the default profile wins on priority1 alone.
    const plain = systematic(
      hopChain(1, 'A', 'default'),
      [rogue({ clockIdentity: 'ff:ff:ff:ff:ff:ff:ff:ff' })],
      200,
    )
    expect(plain('bc-1').selectedSource).toBe('ff:ff:ff:ff:ff:ff:ff:ff')
    // Equal quality and a lower identity: the standard's last tie-break hands it the clock.
    expect(systematic(hopChain(1, 'A'), [rogue({})], 200)('bc-1').selectedSource).toBe(
      '00:00:00:00:00:00:00:01',
    )
    // A better claimed accuracy (from the attack) wins outright.
    const accurate = rogue({ clockIdentity: 'ff:ff:ff:ff:ff:ff:ff:ff', clockAccuracy: 0x20 })
    expect(systematic(hopChain(1, 'A'), [accurate], 200)('bc-1').selectedSource).toBe(
      'ff:ff:ff:ff:ff:ff:ff:ff',
    )
  })

  it('follows the port with the best localPriority, and counts that as its preferred source', () => {
    const chain = chainSchema.parse({
      nodes: [
        { id: 'gnss', label: 'GNSS', kind: 'gnss-constellation' },
        { id: 'rcv-a', label: 'A', kind: 'gnss-receiver', sources: ['gnss'] },
        { id: 'rcv-b', label: 'B', kind: 'gnss-receiver', sources: ['gnss'] },
        {
          id: 'gm-a',
          label: 'GM A',
          kind: 'ptp-grandmaster',
          ptpProfile: 'g8275.1',
          sources: ['rcv-a'],
        },
        {
          id: 'gm-b',
          label: 'GM B',
          kind: 'ptp-grandmaster',
          ptpProfile: 'g8275.1',
          sources: ['rcv-b'],
        },
        {
          id: 'bc',
          label: 'T-BC',
          kind: 'ptp-boundary',
          ptpProfile: 'g8275.1',
          localPriority: { 'gm-a': 20, 'gm-b': 10 },
          sources: ['gm-a', 'gm-b'],
        },
      ],
    })
    const bc = systematic(chain, [], 10)('bc')
    expect(bc.selectedSource).toBe('gm-b')
    expect(bc.status).toBe('ok')
  })

  it('does not hear a rogue on a master-only port, but does on its slave port’s link', () => {
    const chain = hopChain(1, 'A')
    const guarded = chainSchema.parse({
      nodes: chain.nodes.map((n) => (n.id === 'bc-1' ? { ...n, masterOnly: true } : n)),
    })
    const accurate = { clockAccuracy: 0x20, clockIdentity: 'ff:ff:ff:ff:ff:ff:ff:ff' }
    expect(systematic(guarded, [rogue(accurate)], 200)('bc-1').selectedSource).toBe('gm')
    expect(
      systematic(guarded, [rogue({ ...accurate, port: 'upstream' })], 200)('bc-1').selectedSource,
    ).toBe('ff:ff:ff:ff:ff:ff:ff:ff')
  })

  it('announces a false leap as leap61 and a new currentUtcOffset, not as a step in its time', () => {
    const chain = hopChain(1, 'A')
    const leap: ActiveEffect[] = [
      at({ kind: 'false-leap-second', target: 'gm', leapAfterS: 600, direction: 'insert' }, 0),
    ]
    const twin = buildTwin(chain, { seed: 3 })
    const seen = (t: number) =>
      teamView(evaluateTwin(twin, leap, t), 'telco').observations.find(
        (o) => o.observable === 'clock-class',
      )
    expect(seen(300)).toMatchObject({ leap61: true, currentUtcOffset: 37 })
    expect(seen(700)).toMatchObject({ leap61: false, currentUtcOffset: 38 })
    const before = systematic(chain, leap, 300)('radio').systematicNs
    expect(systematic(chain, leap, 700)('radio').systematicNs).toBeCloseTo(before, 3)
  })
})
