/** Small chains built in code for the twin's tests, each isolating one behaviour. */
import type { PtpDataset } from './bmca'
import { chainSchema } from './chainSchema'
import type { Chain } from './chainShape'
import type { ActiveEffect, Effect } from './effectSchema'
import type { NtpImplementation, Oscillator } from './parameters'

/** One constellation, one receiver, one grandmaster with the given oscillator, and its clients. */
export function holdoverChain(oscillator: Oscillator): Chain {
  return chainSchema.parse({
    nodes: [
      { id: 'gnss', label: 'GNSS', kind: 'gnss-constellation' },
      { id: 'rcv', label: 'Receiver', kind: 'gnss-receiver', sources: ['gnss'] },
      { id: 'gm', label: 'Grandmaster', kind: 'ptp-grandmaster', oscillator, sources: ['rcv'] },
      { id: 'radio', label: 'Radio', kind: 'consumer', sector: 'telecom', sources: ['gm'] },
      {
        id: 'venue',
        label: 'Trading venue',
        kind: 'consumer',
        sector: 'finance-hft',
        sources: ['gm'],
      },
      {
        id: 'cell',
        label: 'Small cell',
        kind: 'consumer',
        sector: 'telecom',
        oscillator,
        sources: ['rcv'],
      },
    ],
  })
}

export interface NtpChainOptions {
  readonly nts?: boolean
  /** The clients' software (default: ntpd, so that each test states what it relies on). */
  readonly implementation?: NtpImplementation
  /** ntp settings merged into both clients. */
  readonly client?: Record<string, unknown>
  /** ntp settings merged into the four servers. */
  readonly server?: Record<string, unknown>
  readonly startUtc?: string
}

/** A lab feeding four stratum-1 servers, and clients that use all four. */
export function ntpChain(options: NtpChainOptions = {}): Chain {
  const servers = ['s1', 's2', 's3', 's4']
  const ntp = { implementation: options.implementation ?? 'ntpd', ...options.client }
  return chainSchema.parse({
    ...(options.startUtc ? { startUtc: options.startUtc } : {}),
    nodes: [
      { id: 'lab', label: 'UTC(k)', kind: 'reference' },
      ...servers.map((id) => ({
        id,
        label: `Stratum-1 ${id}`,
        kind: 'ntp-server',
        stratum: 1,
        nts: options.nts ?? false,
        sources: ['lab'],
        ...(options.server ? { ntp: options.server } : {}),
      })),
      {
        id: 'dc',
        label: 'Domain controller',
        kind: 'consumer',
        sector: 'kerberos',
        nts: options.nts ?? false,
        ntp,
        sources: servers,
        monitoredBy: ['soc'],
        monitoring: ['ntp-peers'],
      },
      {
        id: 'broker',
        label: 'Broker',
        kind: 'consumer',
        sector: 'finance-other',
        nts: options.nts ?? false,
        ntp,
        sources: servers,
      },
      { id: 'app', label: 'App server', kind: 'consumer', sector: 'logging', sources: ['dc'] },
    ],
  })
}

/** Two receivers and grandmasters, a boundary clock and a radio, with PTP monitoring. */
export function ptpChain(): Chain {
  return chainSchema.parse({
    nodes: [
      { id: 'gnss', label: 'GNSS', kind: 'gnss-constellation' },
      { id: 'fibre', label: 'Fibre from the lab', kind: 'fibre' },
      { id: 'rcv-a', label: 'Receiver A', kind: 'gnss-receiver', sources: ['gnss'] },
      { id: 'rcv-b', label: 'Receiver B', kind: 'gnss-receiver', sources: ['gnss'] },
      {
        id: 'gm-a',
        label: 'Grandmaster A',
        kind: 'ptp-grandmaster',
        sources: ['rcv-a'],
        priority2: 100,
      },
      {
        id: 'gm-b',
        label: 'Grandmaster B',
        kind: 'ptp-grandmaster',
        sources: ['rcv-b'],
        priority2: 110,
      },
      {
        id: 'bc',
        label: 'Boundary clock',
        kind: 'ptp-boundary',
        sources: ['gm-a', 'gm-b'],
        monitoredBy: ['telco'],
        monitoring: ['clock-class', { observable: 'offset-vs-independent', against: 'fibre' }],
      },
      { id: 'radio', label: 'Radio', kind: 'consumer', sector: 'telecom', sources: ['bc'] },
    ],
  })
}

/** An effect in force from `startT` (until `endT`, if given). */
export function at(effect: Effect, startT: number, endT?: number): ActiveEffect {
  return endT === undefined ? { effect, startT } : { effect, startT, endT }
}

/** An on-path shift of a server's replies to all its clients. */
export function shiftOf(target: string, offsetNs: number): Effect {
  return { kind: 'ntp-shift', target, offsetNs, side: 'server', method: 'rewrite' }
}

/** A locked grandmaster's announced dataset (IEEE 1588 defaults, clockClass 6). */
export const lockedDataset: PtpDataset = {
  priority1: 128,
  clockClass: 6,
  clockAccuracy: 0x21,
  offsetScaledLogVariance: 0x4e5d,
  priority2: 128,
  identity: '00:00:00:ff:fe:00:00:02',
  stepsRemoved: 0,
  leap61: false,
  currentUtcOffset: 37,
  rogue: false,
}
