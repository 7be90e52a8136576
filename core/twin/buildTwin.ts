/** Compiles a chain spec into the twin: nodes by index, defaults resolved, sources in order. */
import type { Chain, ObservableKind } from './chainSchema'
import { type HoldoverModel, holdoverCrossingS, holdoverModel } from './holdover'
import { hash3, hashString, unitFrom } from './noise'
import {
  DETECTION_DELAY_S,
  KIND_DEFAULTS,
  type NodeKind,
  NTP,
  NTP_NETWORK_NOISE_NS,
  PTP,
  SECTOR_TOLERANCES,
  type Sector,
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
  readonly ntp: { readonly minsane: number; readonly minclock: number } | null
  readonly nts: boolean
  readonly stratum: number | undefined
  /** Root distance this node serves with when all is well (NTP weights are 1/distance). */
  readonly baseDistanceNs: number
  readonly ptp: {
    readonly priority1: number
    readonly priority2: number
    readonly lockedClass: number
    readonly identity: string
  } | null
  readonly receiver: number | null
  readonly monitors: readonly TwinMonitor[]
  readonly monitoredBy: readonly string[]
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
    const oscillator = spec.oscillator ?? kindDefaults.oscillator
    const holdover = holdoverModel(oscillator, spec.holdover, sign)
    const nodeSources = sources[index] ?? []
    const networked = nodeSources.some((s) => isNetworkKind(chain.nodes[s]?.kind))
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
      holdoverSpecS: holdoverCrossingS(holdover, toleranceNs),
      toleranceNs,
      degradedNs,
      biasNs: spec.biasNs,
      linkNoiseNs:
        spec.linkNoiseNs ??
        (discipline === 'ntp'
          ? networked
            ? NTP_NETWORK_NOISE_NS
            : KIND_DEFAULTS['ntp-server'].linkNoiseNs
          : kindDefaults.linkNoiseNs),
      key,
      ntp:
        discipline === 'ntp'
          ? {
              minsane: spec.ntp?.minsane ?? NTP.minsane,
              minclock: spec.ntp?.minclock ?? NTP.minclock,
            }
          : null,
      nts: spec.nts,
      stratum: spec.stratum,
      baseDistanceNs: distances[index] ?? 0,
      ptp:
        spec.kind === 'ptp-grandmaster' || spec.kind === 'ptp-boundary'
          ? {
              priority1: spec.priority1 ?? PTP.defaultPriority,
              priority2: spec.priority2 ?? PTP.defaultPriority,
              lockedClass: spec.clockClass ?? PTP.lockedClass,
              identity: clockIdentity(key),
            }
          : null,
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
