/**
 * A small chain for tests and the benchmark: a UTC(k) lab, two constellations, a fibre link and a
 * longwave signal; GNSS receivers feeding PTP grandmasters, a boundary clock, radios, a small
 * cell, a PMU and a trading venue; stratum-1 and stratum-2 NTP feeding a Kerberos domain, TLS,
 * a SIEM and a broker. Teams: lab, telco, grid-ops, soc, trading.
 */
import { type ChainInput, chainSchema } from './chainSchema'
import type { Chain } from './chainShape'
import { type Attack, attackSchema } from './effectSchema'

const SHARED: ChainInput['nodes'] = [
  {
    id: 'utc-lab',
    label: 'UTC(k) national time laboratory',
    kind: 'reference',
    monitoredBy: ['lab'],
    monitoring: ['device'],
  },
  {
    id: 'gnss-a',
    label: 'GNSS constellation A (steered to UTC(k))',
    kind: 'gnss-constellation',
    sources: ['utc-lab'],
  },
  { id: 'gnss-b', label: 'GNSS constellation B', kind: 'gnss-constellation' },
  {
    id: 'fibre-lab',
    label: 'White Rabbit fibre from the lab',
    kind: 'fibre',
    sources: ['utc-lab'],
  },
  { id: 'longwave', label: 'Longwave time signal', kind: 'longwave', sources: ['utc-lab'] },
]

// The part of the chain that a bigger example repeats; `s` suffixes every id.
function site(s: string): ChainInput['nodes'] {
  const id = (name: string) => `${name}${s}`
  return [
    {
      id: id('rcv-core-1'),
      label: 'Core site receiver 1',
      kind: 'gnss-receiver',
      sources: ['gnss-a', 'gnss-b'],
      monitoredBy: ['telco'],
      monitoring: ['cn0'],
    },
    {
      id: id('rcv-core-2'),
      label: 'Core site receiver 2',
      kind: 'gnss-receiver',
      sources: ['gnss-a', 'gnss-b'],
    },
    {
      id: id('rcv-cell'),
      label: 'Small-cell receiver',
      kind: 'gnss-receiver',
      sources: ['gnss-a'],
    },
    {
      id: id('rcv-grid'),
      label: 'Substation receiver',
      kind: 'gnss-receiver',
      sources: ['gnss-a', 'gnss-b'],
      monitoredBy: ['grid-ops'],
      monitoring: ['cn0'],
    },
    {
      id: id('rcv-pool'),
      label: 'Pool server receiver',
      kind: 'gnss-receiver',
      sources: ['gnss-b'],
    },
    {
      id: id('gm-1'),
      label: 'Grandmaster 1 (OCXO)',
      kind: 'ptp-grandmaster',
      sources: [id('rcv-core-1')],
      monitoredBy: ['telco'],
      monitoring: ['clock-class', { observable: 'offset-vs-independent', against: 'fibre-lab' }],
    },
    {
      id: id('gm-2'),
      label: 'Grandmaster 2 (OCXO)',
      kind: 'ptp-grandmaster',
      sources: [id('rcv-core-2')],
    },
    {
      id: id('bc-1'),
      label: 'Boundary clock',
      kind: 'ptp-boundary',
      sources: [id('gm-1'), id('gm-2')],
      monitoredBy: ['telco'],
      monitoring: ['clock-class'],
    },
    {
      id: id('radio-1'),
      label: 'Radio site 1',
      kind: 'consumer',
      sector: 'telecom',
      sources: [id('bc-1')],
      monitoredBy: ['telco'],
      monitoring: ['device'],
    },
    {
      id: id('radio-2'),
      label: 'Radio site 2',
      kind: 'consumer',
      sector: 'telecom',
      sources: [id('bc-1')],
    },
    {
      id: id('small-cell'),
      label: 'Small cell',
      kind: 'consumer',
      sector: 'telecom',
      sources: [id('rcv-cell')],
    },
    {
      id: id('pmu-1'),
      label: 'Substation PMU',
      kind: 'consumer',
      sector: 'grid',
      oscillator: 'ocxo',
      sources: [id('rcv-grid')],
      monitoredBy: ['grid-ops'],
      monitoring: ['offset-vs-gnss'],
    },
    {
      id: id('trading-venue'),
      label: 'Trading venue gateway',
      kind: 'consumer',
      sector: 'finance-hft',
      sources: [id('gm-2')],
      monitoredBy: ['trading'],
      monitoring: ['clock-class', { observable: 'offset-vs-independent', against: 'fibre-lab' }],
    },
    {
      id: id('ntp-s1a'),
      label: 'Stratum-1 NTP A',
      kind: 'ntp-server',
      stratum: 1,
      nts: true,
      sources: [id('rcv-core-1')],
    },
    {
      id: id('ntp-s1b'),
      label: 'Stratum-1 NTP B',
      kind: 'ntp-server',
      stratum: 1,
      nts: true,
      sources: [id('rcv-core-2')],
    },
    {
      id: id('ntp-s1c'),
      label: 'Stratum-1 NTP C (longwave)',
      kind: 'ntp-server',
      stratum: 1,
      sources: ['longwave'],
    },
    {
      id: id('ntp-pool'),
      label: 'Public pool server',
      kind: 'ntp-server',
      stratum: 1,
      sources: [id('rcv-pool')],
    },
    {
      id: id('ntp-s2'),
      label: 'Corporate stratum-2 NTP',
      kind: 'ntp-server',
      stratum: 2,
      sources: [id('ntp-s1a'), id('ntp-s1b'), id('ntp-s1c'), id('ntp-pool')],
      monitoredBy: ['soc'],
      monitoring: ['ntp-peers'],
    },
    {
      id: id('kdc'),
      label: 'Kerberos domain controllers',
      kind: 'consumer',
      sector: 'kerberos',
      sources: [id('ntp-s2')],
      monitoredBy: ['soc'],
      monitoring: ['device'],
    },
    {
      id: id('web-tls'),
      label: 'Web front ends (TLS)',
      kind: 'consumer',
      sector: 'tls',
      sources: [id('ntp-s2')],
    },
    {
      id: id('siem'),
      label: 'SIEM and log pipeline',
      kind: 'consumer',
      sector: 'logging',
      sources: [id('ntp-s2')],
      monitoredBy: ['soc'],
      monitoring: ['ntp-peers'],
    },
    {
      id: id('broker'),
      label: 'Broker order system',
      kind: 'consumer',
      sector: 'finance-other',
      sources: [id('ntp-s1a'), id('ntp-s1b'), id('ntp-s1c')],
      monitoredBy: ['trading'],
      monitoring: ['ntp-peers'],
    },
  ]
}

/** The example chain, validated. */
export const exampleChain: Chain = chainSchema.parse({ nodes: [...SHARED, ...site('')] })

/** The example with its sites repeated `copies` times (5 shared nodes + 22 per copy). */
export function scaledExampleChain(copies: number): Chain {
  const sites = Array.from({ length: copies }, (_, k) => site(k === 0 ? '' : `-${k}`)).flat()
  return chainSchema.parse({ nodes: [...SHARED, ...sites] })
}

/** Red's catalogue for the example chain. */
export const exampleAttacks: Attack[] = [
  {
    id: 'jam-core',
    label: 'Jam the core site',
    description: 'A jammer near the core site: its receivers lose every constellation.',
    effect: { kind: 'gnss-jamming' },
    targets: ['rcv-core-1', 'rcv-core-2', 'rcv-cell'],
    technique: ['T0814', 'T0815'],
  },
  {
    id: 'spoof-grid',
    label: 'Push the substation receiver',
    effect: { kind: 'gnss-spoofing', rateNsPerS: 10, maxOffsetNs: 50_000 },
    targets: ['rcv-grid'],
    technique: ['T0830', 'T0832'],
  },
  {
    id: 'shift-s1',
    label: 'On-path shift of a stratum-1 server',
    effect: { kind: 'ntp-shift', offsetS: 360, method: 'rewrite' },
    targets: ['ntp-s1a', 'ntp-s1b', 'ntp-s1c', 'ntp-pool'],
    technique: ['T1557'],
  },
  {
    id: 'rogue-gm',
    label: 'Rogue grandmaster on the transport network',
    effect: { kind: 'ptp-rogue-gm', priority1: 0, offsetNs: 5_000 },
    targets: ['bc-1', 'trading-venue'],
    technique: ['T1557', 'T0830'],
  },
].map((attack) => attackSchema.parse(attack))
