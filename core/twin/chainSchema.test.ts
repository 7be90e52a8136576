import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { chainSchema } from './chainSchema'
import { chainNodeSchema } from './chainShape'
import { checkAttacks, checkChain } from './checkChain'
import { attackSchema, effectSchema, resolveEffect } from './effectSchema'
import { effectTargetProblem } from './effectTargets'
import { exampleAttacks, exampleChain } from './exampleChain'

function issues(input: unknown): string[] {
  const result = chainSchema.safeParse(input)
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

const lab = { id: 'lab', label: 'Lab', kind: 'reference' }

describe('the chain spec', () => {
  it('reads a chain written in YAML, with defaults filled in', () => {
    const chain = chainSchema.parse(
      parseYaml(`
nodes:
  - { id: lab, label: UTC(k), kind: reference }
  - id: ntp1
    label: Stratum 1
    kind: ntp-server
    sources: [lab]
    monitoredBy: [soc]
    monitoring: [ntp-peers, { observable: offset-vs-independent, alarmNs: 5000000, delayS: "T+00:01" }]
  - { id: dc, label: Domain controller, kind: consumer, sector: kerberos, sources: [ntp1] }
`),
    )
    expect(chain.nodes[1]?.monitoring).toEqual([
      { observable: 'ntp-peers' },
      { observable: 'offset-vs-independent', alarmNs: 5_000_000, delayS: 60 },
    ])
    expect(chain.nodes[2]).toMatchObject({ nts: false, biasNs: 0, monitoredBy: [] })
    expect(exampleChain.nodes.length).toBeGreaterThan(20)
  })

  it('names each broken reference, cycle and misplaced field', () => {
    expect(
      issues({
        nodes: [lab, { id: 'x', label: 'X', kind: 'consumer', sector: 'tls', sources: ['nope'] }],
      }),
    ).toEqual(["nodes.1.sources.0: a node of this chain, not 'nope'"])
    expect(
      issues({
        nodes: [
          { id: 'a', label: 'A', kind: 'ntp-server', sources: ['b'] },
          { id: 'b', label: 'B', kind: 'ntp-server', sources: ['a'] },
        ],
      }),
    ).toEqual(['nodes: sources without a cycle, but a → b → a feeds itself'])
    expect(
      issues({ nodes: [lab, { id: 'c', label: 'C', kind: 'consumer', sources: ['lab'] }] }),
    ).toEqual(['nodes.1.sector: a sector (or a toleranceNs) for a consumer'])
    expect(issues({ nodes: [{ ...lab, sector: 'grid' }] })).toEqual([
      "nodes.0.sector: no 'sector' here: it is for consumers",
    ])
    expect(issues({ nodes: [lab, lab] })).toEqual(["nodes.1.id: a unique id ('lab' is used twice)"])
    expect(issues({ nodes: [{ ...lab, monitoring: ['ntp-peers'] }] })).toEqual([
      'nodes.0.monitoring.0: ntp-peers only on an NTP server or client',
    ])
    expect(issues({ nodes: [{ ...lab, colour: 'red' }] })[0]).toContain('colour')
    expect(issues({ nodes: [{ id: 'r', label: 'R', kind: 'gnss-receiver' }] })).toEqual([
      'nodes.0.sources: at least one source for a gnss-receiver',
    ])
  })

  it('checks monitoring teams against the scenario when it is given them', () => {
    const inScenario = z
      .strictObject({ nodes: z.array(chainNodeSchema) })
      .superRefine((chain, ctx) => checkChain(chain, ctx, { teams: ['soc'], path: ['chain'] }))
    const result = inScenario.safeParse({ nodes: [{ ...lab, monitoredBy: ['soc', 'ghost'] }] })
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      "chain.nodes.0.monitoredBy.1: a team of this scenario, not 'ghost'",
    ])
  })
})

describe('effects and attacks', () => {
  it('parses every effect kind from its YAML form', () => {
    const effects = parseYaml(`
- { kind: gnss-jamming, target: rcv-core-1, durationS: "T+02:00" }
- { kind: gnss-spoofing, target: rcv-grid, rateNsPerS: 10, maxOffsetNs: 50000 }
- { kind: utc-parameters, target: gnss-a, offsetNs: 13000 }
- { kind: ntp-shift, target: ntp-s1a, offsetS: 360 }
- { kind: ntp-kod, target: ntp-s1a }
- { kind: ptp-rogue-gm, target: bc-1, priority1: 0 }
- { kind: ptp-delay-asymmetry, target: bc-1, asymmetryNs: 3000 }
- { kind: server-compromise, target: ntp-s2, offsetNs: 1e9, leapFlag: true }
- { kind: false-leap-second, target: ntp-s1a }
- { kind: frequency-steer, target: utc-lab, fractional: 1e-13 }
- { kind: outage, target: gnss-b }
- { kind: switch-source, target: bc-1, to: gm-2 }
- { kind: force-holdover, target: gm-1 }
- { kind: isolate, target: ntp-s2 }
- { kind: enable-nts, target: broker }
- { kind: reject-leap, target: ntp-s2 }
- { kind: restore, target: ntp-s2 }
`)
    const parsed = z.array(effectSchema).parse(effects)
    expect(parsed[0]).toMatchObject({ durationS: 7_200 })
    expect(parsed[3]).toMatchObject({ side: 'server', method: 'rewrite', offsetS: 360 })
    for (const effect of parsed) expect(effectTargetProblem(exampleChain.nodes, effect)).toBeNull()
  })

  it('rejects unknown kinds, extra fields, and a shift given twice', () => {
    expect(effectSchema.safeParse({ kind: 'meteor', target: 'x' }).success).toBe(false)
    expect(effectSchema.safeParse({ kind: 'outage', target: 'x', offsetNs: 1 }).success).toBe(false)
    const both = effectSchema.safeParse({ kind: 'ntp-shift', target: 'x', offsetNs: 1, offsetS: 1 })
    expect(both.error?.issues[0]?.message).toBe('one of offsetNs or offsetS')
  })

  it('says when an effect cannot act on its target', () => {
    const problem = (effect: Parameters<typeof effectTargetProblem>[1]) =>
      effectTargetProblem(exampleChain.nodes, effect)
    expect(problem({ kind: 'gnss-jamming', target: 'ntp-s2' })).toContain('acts on gnss-receiver')
    expect(problem({ kind: 'ptp-rogue-gm', target: 'kdc' } as never)).toContain('BMCA')
    expect(problem({ kind: 'switch-source', target: 'rcv-core-1', to: 'gm-1' })).toContain('loop')
    expect(problem({ kind: 'outage', target: 'nowhere' })).toContain("not 'nowhere'")
  })

  it('completes an attack template with its target and launch parameters', () => {
    const shift = exampleAttacks.find((a) => a.id === 'shift-s1')
    if (!shift) throw new Error('shift-s1')
    expect(resolveEffect(shift.effect, 'ntp-s1a', { offsetS: 600 })).toEqual({
      ok: true,
      effect: {
        kind: 'ntp-shift',
        target: 'ntp-s1a',
        offsetS: 600,
        side: 'server',
        method: 'rewrite',
      },
    })
    expect(resolveEffect(shift.effect, 'ntp-s1a', { offsetNs: 5 })).toMatchObject({ ok: false })
    const checked = z.array(attackSchema).superRefine((attacks, refine) => {
      checkAttacks(exampleChain, attacks, refine)
    })
    const bad = checked.safeParse([{ ...exampleAttacks[0], targets: ['ntp-s2'] }])
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['0.targets.0'])
    expect(checked.safeParse(exampleAttacks).success).toBe(true)
  })
})
