/** How a node takes time from its sources, and the order in which the chain is computed. */
import type { NodeKind } from './parameters'

/**
 * `primary`: a source of time with no upstream (UTC(k), a constellation, a transmitter).
 * `direct`: first usable source in preference order (receivers, grandmasters, 1PPS consumers).
 * `ntp`: RFC 5905 selection over all its servers. `ptp`: BMCA over its PTP masters.
 * `free`: no source at all; runs on its own oscillator.
 */
export type Discipline = 'primary' | 'direct' | 'ntp' | 'ptp' | 'free'

const PRIMARY_KINDS: ReadonlySet<NodeKind> = new Set([
  'reference',
  'gnss-constellation',
  'longwave',
  'shortwave',
  'fibre',
])
const TRANSFER_KINDS: ReadonlySet<NodeKind> = new Set([
  'gnss-receiver',
  'longwave',
  'shortwave',
  'fibre',
])

/** True for PTP masters (grandmasters and boundary clocks). */
export function isPtpKind(kind: NodeKind | undefined): boolean {
  return kind === 'ptp-grandmaster' || kind === 'ptp-boundary'
}

/** True when a link from a source of this kind runs over a network (NTP or PTP), not a cable or radio. */
export function isNetworkKind(kind: NodeKind | undefined): boolean {
  return kind === 'ntp-server' || isPtpKind(kind)
}

/** A transfer node (receiver, radio, fibre) gives no time once it has lost its input. */
export function isTransferKind(kind: NodeKind): boolean {
  return TRANSFER_KINDS.has(kind)
}

interface NodeShape {
  readonly kind: NodeKind
  readonly sources: readonly string[]
  readonly ntp?: unknown
}

/** The discipline a node uses, from its kind and the kinds of its sources. */
export function disciplineOf(
  node: NodeShape,
  kindOf: (id: string) => NodeKind | undefined,
): Discipline {
  const kinds = node.sources.map(kindOf)
  if (node.kind === 'ntp-server' || node.ntp !== undefined || kinds.includes('ntp-server'))
    return 'ntp'
  if (node.sources.length === 0) return PRIMARY_KINDS.has(node.kind) ? 'primary' : 'free'
  if (kinds.every(isPtpKind)) return 'ptp'
  return 'direct'
}

/** A chain of sources that leads back to its start (as ids), or null when there is none. */
export function findSourceCycle(
  nodes: readonly { readonly id: string; readonly sources: readonly string[] }[],
): string[] | null {
  const sources = new Map(nodes.map((node) => [node.id, node.sources]))
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id]
    state.set(id, 'visiting')
    stack.push(id)
    for (const next of sources.get(id) ?? []) {
      if (!sources.has(next)) continue
      const found = visit(next)
      if (found) return found
    }
    stack.pop()
    state.set(id, 'done')
    return null
  }
  for (const node of nodes) {
    const found = visit(node.id)
    if (found) return found
  }
  return null
}

/** Node indices with every source before the nodes it feeds, or null when the graph has a cycle. */
export function topologicalOrder(sources: readonly (readonly number[])[]): number[] | null {
  const dependants: number[][] = sources.map(() => [])
  const waiting = sources.map((list) => list.length)
  sources.forEach((list, node) => {
    for (const source of list) dependants[source]?.push(node)
  })
  const order: number[] = []
  const ready = waiting.flatMap((count, node) => (count === 0 ? [node] : []))
  for (let head = 0; head < ready.length; head++) {
    const node = ready[head] as number
    order.push(node)
    for (const next of dependants[node] ?? []) {
      waiting[next] = (waiting[next] ?? 0) - 1
      if (waiting[next] === 0) ready.push(next)
    }
  }
  return order.length === sources.length ? order : null
}
