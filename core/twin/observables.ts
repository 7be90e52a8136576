/**
 * What monitoring shows: measured values at each monitoring point, with measurement noise, and
 * only what that point can measure. A blind spot has no monitoring point, so nothing here.
 */
import type { Twin, TwinMonitor, TwinNode } from './buildTwin'
import type { ObservableKind } from './chainShape'
import { combineNoise, type NoiseTerm, noiseAt } from './noise'
import { GNSS_SIGNAL, type NtpImplementation } from './parameters'
import { addScaled, type Quad, quadAt } from './poly'
import {
  type Daemon,
  keptFor,
  type Mode,
  type NodeSegment,
  type PeerStatus,
  type Segment,
  timeErrorAt,
} from './segment'

interface ObservationBase {
  readonly monitorId: string
  readonly nodeId: string
  /** The teams whose monitoring shows it. */
  readonly teams: readonly string[]
}

export type Observation = ObservationBase &
  (
    | {
        readonly observable: 'offset-vs-gnss' | 'offset-vs-independent'
        readonly against: string | null
        /** Measured offset (node − reference), or null when either gives no time. */
        readonly offsetNs: number | null
      }
    | {
        readonly observable: 'cn0'
        readonly receiver: string | null
        readonly cn0DbHz: number | null
        readonly satellites: number
        readonly agcDb: number | null
      }
    | {
        readonly observable: 'clock-class'
        readonly clockClass: number | null
        readonly grandmasterId: string | null
        readonly priority1: number | null
        readonly stepsRemoved: number | null
        /** The grandmaster's leap61 flag and TAI − UTC, as announced. */
        readonly leap61: boolean
        readonly currentUtcOffset: number | null
      }
    | {
        readonly observable: 'ntp-peers'
        /** The NTP software on the host (what its operator queries: ntpq, chronyc, w32tm). */
        readonly implementation: NtpImplementation | null
        readonly daemon: Exclude<Daemon, 'held'> | null
        readonly stratum: number | null
        readonly leapAnnounced: boolean
        readonly peers: readonly {
          readonly id: string
          readonly state: PeerStatus
          readonly offsetNs: number | null
        }[]
      }
    | {
        readonly observable: 'device'
        /** As the device reports it (a spoofed receiver says it is locked). */
        readonly mode: Mode | null
        readonly source: string | null
      }
  )

export type ObservationOf<K extends ObservableKind> = Extract<Observation, { observable: K }>

type OffsetModel = { readonly q: Quad; readonly noise: readonly NoiseTerm[] } | null
// Per node segment, per monitoring point: the model and the reference's segment it was built
// with. Node segments outlive the chain's segments (a node keeps its segment until it changes),
// so a model is built once for as long as neither end of the measurement changes.
const models = new WeakMap<
  NodeSegment,
  Map<string, { readonly ref: NodeSegment | undefined; readonly model: OffsetModel }>
>()

/** An offset measurement as a quadratic plus noise in a segment, or null when it cannot be made. */
export function offsetModel(twin: Twin, segment: Segment, monitor: TwinMonitor): OffsetModel {
  const own = segment.nodes[monitor.node] as NodeSegment
  const ref = monitor.against === null ? undefined : segment.nodes[monitor.against]
  let byMonitor = models.get(own)
  if (!byMonitor) {
    byMonitor = new Map()
    models.set(own, byMonitor)
  }
  const known = byMonitor.get(monitor.id)
  if (known !== undefined && known.ref === ref) return known.model
  const model = buildOffsetModel(twin, segment, monitor)
  byMonitor.set(monitor.id, { ref, model })
  return model
}

function buildOffsetModel(twin: Twin, segment: Segment, monitor: TwinMonitor): OffsetModel {
  const node = segment.nodes[monitor.node]
  const ref = monitor.against === null ? undefined : segment.nodes[monitor.against]
  if (!node?.hasTime || !ref?.hasTime || node.mode === 'down' || ref.mode === 'down') return null
  const sigmaNs = Math.max(
    1,
    0.05 *
      ((twin.nodes[monitor.node]?.linkNoiseNs ?? 0) +
        (twin.nodes[monitor.against as number]?.linkNoiseNs ?? 0)),
  )
  return {
    q: addScaled(node.te, ref.te, -1),
    noise: combineNoise([
      [node.noise, 1],
      [ref.noise, -1],
      [[{ kind: 'flat', key: monitor.key, weight: 1, sigmaNs }], 1],
    ]),
  }
}

/**
 * The measured offset of an offset monitoring point at t, or null. `noisy: false` gives the
 * windowed measure an offset alarm judges (its mean, in which the measurement noise averages out).
 */
export function measuredOffset(
  twin: Twin,
  segment: Segment,
  monitor: TwinMonitor,
  t: number,
  noisy = true,
): number | null {
  const model = offsetModel(twin, segment, monitor)
  if (!model) return null
  return quadAt(model.q, t) + (noisy ? noiseAt(twin.seed, model.noise, t) : 0)
}

/** The receiver state a node's C/N0 monitoring sees (null: no receiver, or it is down). */
export function gnssSeen(twin: Twin, segment: Segment, index: number): NodeSegment['gnss'] {
  const receiver = twin.nodes[index]?.receiver
  const state = receiver === null || receiver === undefined ? undefined : segment.nodes[receiver]
  return state?.mode === 'down' ? null : (state?.gnss ?? null)
}

/** The grandmaster dataset a node's PTP monitoring sees. */
export function parentSeen(own: NodeSegment): NodeSegment['parent'] {
  return own.mode === 'down' ? null : own.parent
}

/** ntpd's state as ntpq reports it (a daemon an attacker holds still says it is in sync). */
export function daemonSeen(own: NodeSegment): Exclude<Daemon, 'held'> | null {
  if (own.mode === 'down' || !own.ntp) return null
  return own.ntp.daemon === 'held' ? 'sync' : own.ntp.daemon
}

/** The associations ntpq lists (none once the daemon has exited). */
export function peersSeen(own: NodeSegment): NonNullable<NodeSegment['ntp']>['peers'] {
  if (own.mode === 'down' || !own.ntp || own.ntp.daemon === 'panic') return []
  return own.ntp.peers
}

/** The mode a device reports about itself (nothing when it is down). */
export function modeSeen(own: NodeSegment): Mode | null {
  return own.mode === 'down' ? null : own.mode
}

/** Whether the node shows a leap second announced. */
export function leapSeen(own: NodeSegment): boolean {
  return own.mode !== 'down' && own.leaps.length > 0
}

// What clock-class and device monitoring show depends on the node's segment alone, not on t:
// kept per node segment, so a quiet node costs nothing to observe again.
const steadyObservations = new WeakMap<NodeSegment, Map<string, Observation>>()

/** What one monitoring point shows at t. */
export function observe(
  twin: Twin,
  segment: Segment,
  monitor: TwinMonitor,
  t: number,
): Observation {
  if (monitor.observable !== 'clock-class' && monitor.observable !== 'device')
    return observeAt(twin, segment, monitor, t)
  const own = segment.nodes[monitor.node] as NodeSegment
  return keptFor(steadyObservations, own, monitor.id, () => observeAt(twin, segment, monitor, t))
}

function observeAt(twin: Twin, segment: Segment, monitor: TwinMonitor, t: number): Observation {
  const node = twin.nodes[monitor.node] as TwinNode
  const own = segment.nodes[monitor.node] as NodeSegment
  // Each case spells the common fields out: spreading a shared base object is many times
  // slower in V8, and this runs for every monitoring point at every read.
  switch (monitor.observable) {
    case 'offset-vs-gnss':
    case 'offset-vs-independent':
      return {
        monitorId: monitor.id,
        nodeId: node.id,
        teams: node.monitoredBy,
        observable: monitor.observable,
        against: idOf(twin, monitor.against),
        offsetNs: measuredOffset(twin, segment, monitor, t),
      }
    case 'cn0': {
      const gnss = gnssSeen(twin, segment, node.index)
      const satellites = gnss?.satellites ?? 0
      const nominal = gnss?.spoofed ? GNSS_SIGNAL.spoofedCn0DbHz : GNSS_SIGNAL.nominalCn0DbHz
      return {
        monitorId: monitor.id,
        nodeId: node.id,
        teams: node.monitoredBy,
        observable: 'cn0',
        receiver: idOf(twin, node.receiver),
        cn0DbHz: satellites === 0 ? null : nominal + jitter(twin, monitor, t, 1, 0.5),
        satellites,
        agcDb: gnss
          ? (gnss.jammed ? GNSS_SIGNAL.jammedAgcDb : 0) + jitter(twin, monitor, t, 2, 0.3)
          : null,
      }
    }
    case 'clock-class': {
      const parent = parentSeen(own)
      return {
        monitorId: monitor.id,
        nodeId: node.id,
        teams: node.monitoredBy,
        observable: 'clock-class',
        clockClass: parent?.clockClass ?? null,
        grandmasterId: parent?.identity ?? null,
        priority1: parent?.priority1 ?? null,
        stepsRemoved: parent?.stepsRemoved ?? null,
        leap61: parent?.leap61 ?? false,
        currentUtcOffset: parent?.currentUtcOffset ?? null,
      }
    }
    case 'ntp-peers': {
      const te = timeErrorAt(twin.seed, own, t)
      const daemon = daemonSeen(own)
      const peers = peersSeen(own).map((peer, k) => {
        const server = segment.nodes[peer.source]
        const reachable =
          server?.hasTime === true &&
          (peer.status === 'sys.peer' ||
            peer.status === 'candidate' ||
            peer.status === 'falseticker' ||
            peer.status === 'excess-distance')
        const offsetNs = reachable
          ? timeErrorAt(twin.seed, server, t) +
            quadAt(peer.shift, t) -
            te +
            jitter(twin, monitor, t, 16 + k, Math.max(1, node.linkNoiseNs / 2))
          : null
        return { id: twin.nodes[peer.source]?.id ?? '?', state: peer.status, offsetNs }
      })
      return {
        monitorId: monitor.id,
        nodeId: node.id,
        teams: node.monitoredBy,
        observable: 'ntp-peers',
        implementation: twin.nodes[monitor.node]?.ntp?.implementation ?? null,
        daemon,
        stratum: daemon === null ? null : daemon === 'unsync' ? 16 : (own.ntp?.stratum ?? null),
        leapAnnounced: leapSeen(own),
        peers,
      }
    }
    case 'device':
      return {
        monitorId: monitor.id,
        nodeId: node.id,
        teams: node.monitoredBy,
        observable: 'device',
        mode: modeSeen(own),
        source:
          own.mode === 'down'
            ? null
            : own.rogue !== null
              ? (own.parent?.identity ?? null)
              : idOf(twin, own.selected),
      }
  }
}

function idOf(twin: Twin, index: number | null): string | null {
  return index === null ? null : (twin.nodes[index]?.id ?? null)
}

// Measurement noise of one reading at a monitoring point.
function jitter(twin: Twin, monitor: TwinMonitor, t: number, salt: number, sigma: number): number {
  return noiseAt(
    twin.seed,
    [{ kind: 'flat', key: monitor.key ^ salt, weight: 1, sigmaNs: sigma }],
    t,
  )
}
