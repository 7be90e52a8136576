/** Which node a monitoring point measures against when the scenario does not say. */
import type { NodeKind } from './parameters'

interface NodeShape {
  readonly id: string
  readonly kind: NodeKind
  readonly sources: readonly string[]
}

const indexes = new WeakMap<readonly NodeShape[], ReadonlyMap<string, NodeShape>>()

function indexOf(nodes: readonly NodeShape[]): ReadonlyMap<string, NodeShape> {
  let byId = indexes.get(nodes)
  if (!byId) {
    byId = new Map(nodes.map((node) => [node.id, node]))
    indexes.set(nodes, byId)
  }
  return byId
}

/** The GNSS receiver nearest upstream of a node (the node itself if it is one), or null. */
export function nearestReceiver(nodes: readonly NodeShape[], id: string): string | null {
  const byId = indexOf(nodes)
  const queue = [id]
  const seen = new Set(queue)
  for (let head = 0; head < queue.length; head++) {
    const node = byId.get(queue[head] as string)
    if (!node) continue
    if (node.kind === 'gnss-receiver') return node.id
    for (const source of node.sources) {
      if (!seen.has(source)) {
        seen.add(source)
        queue.push(source)
      }
    }
  }
  return null
}

/**
 * The default reference of an offset observable: for `offset-vs-gnss` the GNSS the site itself
 * receives (its nearest receiver, so a spoofed site compares spoofed with spoofed); for
 * `offset-vs-independent` the first fibre link, else the first UTC(k) reference of the chain.
 */
export function defaultAgainst(
  nodes: readonly NodeShape[],
  id: string,
  observable: 'offset-vs-gnss' | 'offset-vs-independent',
): string | null {
  if (observable === 'offset-vs-gnss') return nearestReceiver(nodes, id)
  const other = (kind: NodeKind) => nodes.find((node) => node.kind === kind && node.id !== id)
  return (other('fibre') ?? other('reference'))?.id ?? null
}
