/** Compiles a chain spec into the twin: nodes by index, defaults resolved, sources in order. */
import type { Chain, ObservableKind } from './chainShape'
import { type HoldoverModel, holdoverCrossingS, holdoverModel } from './holdover'
import { hash3, hashString, unitFrom } from './noise'
import {
  BOUNDARY_CLASSES,
  CHRONY_MAKESTEP,
  DETECTION_DELAY_S,
  DISCIPLINES,
  type DisciplineFigures,
  KIND_DEFAULTS,
  type NodeKind,
  NTP,
  NTP_NETWORK_NOISE_NS,
  type NtpImplementation,
  type Oscillator,
  PTP,
  SECTOR_TOLERANCES,
  type Sector,
  W32TIME_DC_MAX_CORRECTION_NS,
} from './parameters'
import { defaultAgainst, nearestReceiver } from './references'
import {
  type Discipline,
  disciplineOf,
  isNetworkKind,
  isTransferKind,
  topologicalOrder,
} from './topology'

export interface TwinMonitor {
  readonly id: string
  readonly node: number
  readonly observable: ObservableKind
  /** The reference node of an offset observable. */
  readonly against: number | null
  readonly alarmNs: number
  readonly delayS: number
  /** Seeds this monitoring point's measurement noise. */
  readonly key: number
}

export interface TwinNode {
  readonly index: number
  readonly id: string
  readonly label: string
  readonly kind: NodeKind
  readonly sector: Sector | undefined
  readonly discipline: Discipline
  /** A receiver, radio or fibre link: gives no time once its input is gone. */
  readonly transfer: boolean
  readonly sources: readonly number[]
  readonly holdover: HoldoverModel
  /** How long holdover stays in spec (clockClass 7) before the clock counts as free-running. */
  readonly holdoverSpecS: number
  readonly toleranceNs: number
  readonly degradedNs: number
  readonly biasNs: number
  readonly linkNoiseNs: number
  readonly key: number
  /** Failed beyond these, degraded beyond the degraded ones: ahead of UTC (TE > 0) and behind. */
  readonly limits: DirectionLimits
  /** What breaks when the node fails ahead of or behind UTC (null: nothing beyond the figure). */
  readonly consequences: { readonly ahead: string | null; readonly behind: string | null }
  readonly ntp: NtpClient | null
  readonly nts: boolean
  readonly stratum: number | undefined
  /** Root distance this node serves with when all is well (NTP weights are 1/distance). */
  readonly baseDistanceNs: number
  readonly ptp: {
    readonly priority1: number
    readonly priority2: number
    readonly lockedClass: number
    /** G.8275.1 category of the frequency source it holds over on (1 PRC, 2 SSU, 3 EEC). */
    readonly frequencyCategory: 1 | 2 | 3
    readonly identity: string
  } | null
  /** How it runs the BMCA over the masters it hears. */
  readonly ptpPorts: {
    /** G.8275.1: priority1 not compared, localPriority decides before clockIdentity. */
    readonly telecom: boolean
    /** localPriority of the port facing each source, by source index. */
    readonly localPriority: ReadonlyMap<number, number>
    readonly masterOnly: boolean
  }
  /** A receiver that outputs GPS time: the broadcast UTC parameters do not reach it. */
  readonly gpsOutput: boolean
  readonly receiver: number | null
  readonly monitors: readonly TwinMonitor[]
  readonly monitoredBy: readonly string[]
}

export interface DirectionLimits {
  readonly aheadNs: number
  readonly behindNs: number
  readonly degradedAheadNs: number
  readonly degradedBehindNs: number
}

/** An NTP client's software: its selection settings, how it corrects and when it polls. */
export interface NtpClient {
  readonly minsane: number
  readonly minclock: number
  readonly implementation: NtpImplementation
  readonly discipline: DisciplineFigures
  /** ntpd -g under a supervisor: a panic exit restarts and steps. */
  readonly supervised: boolean
  readonly pollS: number
  /** This host's polls fall at phase + k·pollS (seeded, so a fleet does not poll together). */
  readonly pollPhaseS: number
  readonly leapFile: 'valid' | 'expired' | 'none'
  /** A correction larger than this is refused (w32time on a domain controller). */
  readonly maxCorrectionNs: number
  /** chrony's makestep: steps beyond the threshold in the first `limit` updates after a start (-1: always). */
  readonly makestep: { readonly thresholdNs: number; readonly limit: number } | null
}

/** A compiled chain. Immutable; evaluate it with `evaluateTwin` and `nextTwinChange`. */
export interface Twin {
  readonly chain: Chain
  readonly seed: number
  readonly nodes: readonly TwinNode[]
  readonly byId: ReadonlyMap<string, number>
  /** Node indices, every source before the nodes it feeds. */
  readonly order: readonly number[]
}

/** Builds the twin of a validated chain; `seed` (the exercise's) drives all noise. */
export function buildTwin(chain: Chain, options: { readonly seed?: number } = {}): Twin {
  const seed = (options.seed ?? 1) >>> 0
  const byId = new Map(chain.nodes.map((node, index) => [node.id, index]))
  const kindOf = (id: string) => chain.nodes[byId.get(id) ?? -1]?.kind
  const sources = chain.nodes.map((node) =>
    node.sources.flatMap((id) => {
      const index = byId.get(id)
      return index === undefined ? [] : [index]
    }),
  )
  const order = topologicalOrder(sources)
  if (!order) throw new Error('buildTwin: the chain has a source cycle (run checkChain first)')
  const distances: number[] = chain.nodes.map(() => 0)
  const nodes: TwinNode[] = []
  for (const index of order) {
    const spec = chain.nodes[index]
    if (!spec) continue
    const discipline = disciplineOf(spec, kindOf)
    const key = hashString(spec.id)
    const kindDefaults = KIND_DEFAULTS[spec.kind]
    const sectorFigures = spec.sector ? SECTOR_TOLERANCES[spec.sector] : undefined
    const toleranceNs = spec.toleranceNs ?? sectorFigures?.toleranceNs ?? kindDefaults.toleranceNs
    const degradedNs =
      spec.degradedNs ??
      (spec.toleranceNs === undefined && sectorFigures ? sectorFigures.degradedNs : toleranceNs / 2)
    const sign = unitFrom(seed, key, 0x5167) < 0.5 ? 1 : -1
    const nodeSources = sources[index] ?? []
    const networked = nodeSources.some((s) => isNetworkKind(chain.nodes[s]?.kind))
    const oscillator = spec.oscillator ?? defaultOscillator(spec.kind, discipline, networked)
    const holdover = holdoverModel(oscillator, spec.holdover, sign)
    const boundary =
      spec.kind === 'ptp-boundary' ? BOUNDARY_CLASSES[spec.boundaryClass ?? 'A'] : null
    const telecom = spec.ptpProfile === 'g8275.1'
    if (discipline === 'ntp') {
      const reach = nodeSources.map((s) => (distances[s] ?? 0) + linkDistanceNs(chain, index, s))
      distances[index] = reach.length === 0 ? NTP.maxDistanceNs : Math.min(...reach)
    }
    nodes[index] = {
      index,
      id: spec.id,
      label: spec.label,
      kind: spec.kind,
      sector: spec.sector,
      discipline,
      transfer: isTransferKind(spec.kind),
      sources: nodeSources,
      holdover,
      // A grandmaster announces holdover in spec for as long as its drift stays inside the
      // G.8271.1 holdover allowance; every other clock for as long as it stays in tolerance.
      holdoverSpecS: holdoverCrossingS(
        holdover,
        spec.kind === 'ptp-grandmaster' && spec.toleranceNs === undefined
          ? PTP.holdoverAllowanceNs
          : toleranceNs,
      ),
      toleranceNs,
      degradedNs,
      limits: directionLimits(spec, toleranceNs, degradedNs),
      consequences: {
        ahead: spec.ahead?.consequence ?? sectorFigures?.ahead?.consequence ?? null,
        behind: spec.behind?.consequence ?? sectorFigures?.behind?.consequence ?? null,
      },
      // G.8273.2: each boundary-clock hop adds its class's constant time error (budgeted
      // worst case, so the hops add up) on top of any link bias.
      biasNs: spec.biasNs + (boundary?.constantNs ?? 0),
      linkNoiseNs:
        spec.linkNoiseNs ??
        (discipline === 'ntp'
          ? networked
            ? NTP_NETWORK_NOISE_NS
            : KIND_DEFAULTS['ntp-server'].linkNoiseNs
          : (boundary?.dynamicNs ?? kindDefaults.linkNoiseNs)),
      key,
      ntp: discipline === 'ntp' ? ntpClient(spec, seed, key) : null,
      nts: spec.nts,
      stratum: spec.stratum,
      baseDistanceNs: distances[index] ?? 0,
      ptp:
        spec.kind === 'ptp-grandmaster' || spec.kind === 'ptp-boundary'
          ? {
              priority1: telecom ? PTP.telecomPriority1 : (spec.priority1 ?? PTP.defaultPriority),
              priority2: spec.priority2 ?? PTP.defaultPriority,
              lockedClass: spec.clockClass ?? PTP.lockedClass,
              frequencyCategory: spec.frequencyCategory ?? 1,
              identity: clockIdentity(key),
            }
          : null,
      ptpPorts: {
        telecom,
        localPriority: new Map(
          Object.entries(spec.localPriority).flatMap(([id, priority]) => {
            const s = byId.get(id)
            return s === undefined ? [] : [[s, priority] as const]
          }),
        ),
        masterOnly: spec.masterOnly,
      },
      gpsOutput: spec.gnssOutput === 'gps',
      receiver: indexOrNull(byId, nearestReceiver(chain.nodes, spec.id)),
      monitors: [],
      monitoredBy: spec.monitoredBy,
    }
  }
  for (const node of nodes) {
    const spec = chain.nodes[node.index]
    if (!spec) continue
    const monitors = spec.monitoring.map((monitor, i): TwinMonitor => {
      const { observable } = monitor
      const against =
        observable === 'offset-vs-gnss' || observable === 'offset-vs-independent'
          ? (monitor.against ?? defaultAgainst(chain.nodes, spec.id, observable))
          : null
      const repeated = spec.monitoring.slice(0, i).some((m) => m.observable === observable)
      const id = `${spec.id}/${observable}${repeated ? `-${i}` : ''}`
      return {
        id,
        node: node.index,
        observable: monitor.observable,
        against: against === null ? null : indexOrNull(byId, against),
        alarmNs: monitor.alarmNs ?? node.degradedNs,
        delayS: monitor.delayS ?? DETECTION_DELAY_S[monitor.observable],
        key: hashString(id),
      }
    })
    nodes[node.index] = { ...node, monitors }
  }
  return { chain, seed, nodes, byId, order }
}

// Computers disciplined by NTP hold their last correction on the system clock (0.1–1 ppm);
// appliances and radios have a crystal or better.
function defaultOscillator(kind: NodeKind, discipline: Discipline, networked: boolean): Oscillator {
  if (discipline === 'ntp' && (kind === 'consumer' || networked)) return 'system-clock'
  return KIND_DEFAULTS[kind].oscillator
}

/** The implementation a host runs unless the scenario says: w32time on domain controllers, ntpd on time servers, chrony on other Linux hosts. */
export function defaultImplementation(spec: Chain['nodes'][number]): NtpImplementation {
  if (spec.sector === 'kerberos') return 'w32time'
  return spec.kind === 'ntp-server' ? 'ntpd' : 'chrony'
}

function ntpClient(spec: Chain['nodes'][number], seed: number, key: number): NtpClient {
  const implementation = spec.ntp?.implementation ?? defaultImplementation(spec)
  const discipline = DISCIPLINES[implementation]
  const pollS = spec.ntp?.pollS ?? discipline.pollS
  return {
    minsane: spec.ntp?.minsane ?? NTP.minsane,
    minclock: spec.ntp?.minclock ?? NTP.minclock,
    implementation,
    discipline,
    supervised: spec.ntp?.supervised ?? false,
    pollS,
    pollPhaseS: unitFrom(seed, key, 0x706f6c6c) * pollS,
    leapFile: spec.ntp?.leapFile ?? 'none',
    maxCorrectionNs:
      implementation === 'w32time' && spec.sector === 'kerberos'
        ? W32TIME_DC_MAX_CORRECTION_NS
        : Number.POSITIVE_INFINITY,
    makestep: implementation === 'chrony' ? makestepOf(spec.ntp?.makestep) : null,
  }
}

function makestepOf(
  given: { readonly thresholdS: number; readonly limit: number } | undefined,
): NtpClient['makestep'] {
  const { thresholdS, limit } = given ?? CHRONY_MAKESTEP
  return { thresholdNs: thresholdS * 1e9, limit }
}

function directionLimits(
  spec: Chain['nodes'][number],
  toleranceNs: number,
  degradedNs: number,
): DirectionLimits {
  const sector = spec.sector ? SECTOR_TOLERANCES[spec.sector] : undefined
  // An explicit toleranceNs overrides the sector's per-direction figures; a direction's own wins.
  const fromSector = (figure: { readonly toleranceNs: number } | undefined) =>
    spec.toleranceNs === undefined ? figure?.toleranceNs : undefined
  const aheadNs = spec.ahead?.toleranceNs ?? fromSector(sector?.ahead) ?? toleranceNs
  const behindNs = spec.behind?.toleranceNs ?? fromSector(sector?.behind) ?? toleranceNs
  const ratio = degradedNs / toleranceNs
  return {
    aheadNs,
    behindNs,
    degradedAheadNs: aheadNs * ratio,
    degradedBehindNs: behindNs * ratio,
  }
}

/** The next poll of an NTP client strictly after t. */
export function nextPollAfter(ntp: NtpClient, t: number): number {
  const k = Math.floor((t - ntp.pollPhaseS) / ntp.pollS) + 1
  return ntp.pollPhaseS + k * ntp.pollS
}

/** The root distance a network (or reference-clock) association from `source` adds, ns. */
export function linkDistanceNs(chain: Chain, client: number, source: number): number {
  if (chain.nodes[source]?.kind !== 'ntp-server') return NTP.refclockDistanceNs
  return chain.nodes[client]?.ntp?.linkDistanceNs ?? NTP.networkDistanceNs
}

function indexOrNull(byId: ReadonlyMap<string, number>, id: string | null): number | null {
  return id === null ? null : (byId.get(id) ?? null)
}

// An EUI-64 style clockIdentity from the node id alone (so the BMCA's last tie-break does not
// depend on the seed); lexical order of the hex text is the BMCA's byte order.
function clockIdentity(key: number): string {
  const hi = hash3(0, key, 1)
  const lo = hash3(0, key, 2)
  const bytes = [
    hi >>> 24,
    (hi >>> 16) & 255,
    (hi >>> 8) & 255,
    0xff,
    0xfe,
    (lo >>> 16) & 255,
    (lo >>> 8) & 255,
    lo & 255,
  ]
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')
}
