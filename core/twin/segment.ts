/**
 * A segment of the twin's timeline: between two events every node keeps its mode, its selected
 * source and a time error that is a quadratic plus seeded noise. These are its types and readers.
 */
import type { PtpDataset } from './bmca'
import { type NoiseTerm, noiseAt } from './noise'
import { type Quad, quadAt } from './poly'

export const MODES = [
  'primary',
  'locked',
  'slewing',
  'stepping',
  'holdover',
  'free-run',
  'panicked',
  'down',
] as const
/** What a clock is doing: a primary source, following a source, or running on its own. */
export type Mode = (typeof MODES)[number]

/** The state of one server as an NTP client sees it (ntpq's tally codes, spelled out). */
export type PeerStatus =
  | 'sys.peer'
  | 'candidate'
  | 'falseticker'
  | 'unreachable'
  | 'kod'
  | 'nts-failed'
  | 'excess-distance'

export interface Peer {
  readonly source: number
  readonly status: PeerStatus
  /** Added to the server's time error on this association (an on-path shift), ns. */
  readonly shift: Quad
  /** Root distance λ of this association, ns. */
  readonly distance: Quad
}

/**
 * The daemon's state: `held` is a daemon an attacker controls; `spike` waits out the stepout;
 * `panic`: ntpd exited; `refused`: w32time declined a correction past its maximum.
 */
export type Daemon = 'sync' | 'slew' | 'spike' | 'held' | 'panic' | 'refused' | 'unsync'

/** The root distance a survivor's weight (1/λ) was set from. */
export interface WeightBasis {
  readonly source: number
  readonly distanceNs: number
}

export interface NtpState {
  readonly daemon: Daemon
  /** The combined offset of the survivors (their weighted mean), or null when unsynchronised. */
  readonly target: Quad | null
  /** How far the clock is behind the target: TE = target − pending + bias. */
  readonly pending: Quad
  readonly spikeStartT: number | null
  readonly peers: readonly Peer[]
  readonly stratum: number
  readonly basis: readonly WeightBasis[]
  /** Its servers changed since its last poll: it sees that at this poll (null: nothing pending). */
  readonly pollDueT: number | null
  /** When the daemon last started (null: before the scenario began). */
  readonly startedT: number | null
}

export interface GnssState {
  readonly satellites: number
  readonly jammed: boolean
  readonly spoofed: boolean
}

/** Where a clock's free run started, and the constant part of its time error then. */
export interface Coast {
  readonly startT: number
  readonly baseNs: number
  /** Root distance at the start (NTP: it then grows at 15 µs/s). */
  readonly distanceNs: number
}

export interface NodeSegment {
  readonly mode: Mode
  /** Gives time downstream (a receiver without fix, a node that is down or panicked does not). */
  readonly serving: boolean
  /** Has a time at all (false: a receiver without fix, a node that is down). */
  readonly hasTime: boolean
  readonly te: Quad
  readonly noise: readonly NoiseTerm[]
  readonly selected: number | null
  /** The effect window of the rogue grandmaster it follows, if any. */
  readonly rogue: number | null
  /** Every clock on the selected path is locked back to a primary source. */
  readonly traceable: boolean
  /** Not on its first configured source (or, for NTP, some server is not a truechimer). */
  readonly lostPreferred: boolean
  readonly coast: Coast | null
  readonly distance: Quad
  /** What a PTP master announces downstream. */
  readonly announce: PtpDataset | null
  /** The grandmaster this node follows, as its monitoring sees it. */
  readonly parent: PtpDataset | null
  /** Leap seconds it announces (see `leapKey`). */
  readonly leaps: readonly string[]
  readonly ntp: NtpState | null
  readonly gnss: GnssState | null
}

export interface Segment {
  readonly startT: number
  readonly nodes: readonly NodeSegment[]
  /** The next event after `startT`: this segment holds until then (Infinity: for good). */
  readonly endT: number
  /** The nodes whose own next scheduled change this event moved, and the new times, as pairs. */
  readonly dueSet: readonly number[]
  /** The earliest of every node's own next scheduled change (Infinity: none). */
  readonly dueT: number
  /** The switch-source mitigations in force, as text (a change recomputes every node). */
  readonly switchKey: string
  /** The nodes whose segment is another object than in the segment before this one. */
  readonly changed: readonly number[]
}

/** A node's time error at t within a segment, ns: its quadratic plus its noise. */
export function timeErrorAt(seed: number, node: NodeSegment, t: number): number {
  return quadAt(node.te, t) + noiseAt(seed, node.noise, t)
}

/** True for the modes in which a clock runs on its own oscillator. */
export function isCoasting(mode: Mode): boolean {
  return mode === 'holdover' || mode === 'free-run' || mode === 'panicked' || mode === 'down'
}

/**
 * A value kept per object and id (a node segment and a monitoring point, say): computed once
 * for as long as the object lives, since what it is computed from never changes.
 */
export function keptFor<K extends object, V>(
  memo: WeakMap<K, Map<string, V>>,
  key: K,
  id: string,
  compute: () => V,
): V {
  let byId = memo.get(key)
  if (!byId) {
    byId = new Map()
    memo.set(key, byId)
  }
  if (byId.has(id)) return byId.get(id) as V
  const value = compute()
  byId.set(id, value)
  return value
}
