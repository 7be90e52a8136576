/**
 * The timing chain as a directed graph, time flowing from each source to the node it feeds, laid
 * out top-down by dagre (layered, Sugiyama-style). Pure: ChainGraph.tsx draws it.
 */
import { Graph, layout } from '@dagrejs/dagre'
import type { ChainNodeView } from '../../core/protocol/twinView'

/** The part of a chain node the graph needs (a scenario's chain node and a twin read's both have it). */
export type GraphNodeInput = Pick<ChainNodeView, 'id' | 'label' | 'sources'> & {
  /** Null for a node known only by its reports (red's reached nodes). */
  readonly kind: ChainNodeView['kind'] | null
}

export interface PlacedNode {
  readonly id: string
  readonly label: string
  readonly kind: GraphNodeInput['kind']
  /** Centre of the box. */
  readonly x: number
  readonly y: number
}

export interface PlacedEdge {
  /** The upstream node (the source of time). */
  readonly from: string
  readonly to: string
  /** Whether `from` is the node's first (preferred) source. */
  readonly preferred: boolean
  readonly points: readonly { readonly x: number; readonly y: number }[]
}

export interface ChainLayout {
  readonly width: number
  readonly height: number
  /** In reading order: top to bottom, then left to right (the order of keyboard navigation). */
  readonly nodes: readonly PlacedNode[]
  readonly edges: readonly PlacedEdge[]
}

export const NODE_WIDTH = 168
// Room for a label of three lines and the state line under it.
export const NODE_HEIGHT = 72
const MARGIN = 12
const NODE_SEP = 14
const RANK_SEP = 44
/** Nodes without a known link are set out in a grid, at least this many to a row. */
const LOOSE_COLUMNS = 6

type Point = { x: number; y: number }

/**
 * Lays out `nodes` top-down; a source that is not among them is left out (a team's partial view).
 * Nodes with no link to any other (red's targets, usually) go in a grid under the graph rather
 * than in one endless row.
 */
export function layoutChain(nodes: readonly GraphNodeInput[]): ChainLayout {
  const ids = new Set(nodes.map((node) => node.id))
  const edges: { from: string; to: string; preferred: boolean }[] = []
  for (const node of nodes) {
    node.sources.forEach((source, index) => {
      if (
        ids.has(source) &&
        source !== node.id &&
        !edges.some((e) => e.from === source && e.to === node.id)
      ) {
        edges.push({ from: source, to: node.id, preferred: index === 0 })
      }
    })
  }
  const linkedIds = new Set(edges.flatMap((edge) => [edge.from, edge.to]))
  const linked = nodes.filter((node) => linkedIds.has(node.id))
  const loose = nodes.filter((node) => !linkedIds.has(node.id))

  const centres = new Map<string, Point>()
  const edgePoints = new Map<string, Point[]>()
  let width = 0
  let height = 0
  if (linked.length > 0) {
    const graph = new Graph({ multigraph: false })
    graph.setGraph({
      rankdir: 'TB',
      nodesep: NODE_SEP,
      ranksep: RANK_SEP,
      marginx: MARGIN,
      marginy: MARGIN,
    })
    graph.setDefaultEdgeLabel(() => ({}))
    for (const node of linked) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT })
    for (const edge of edges) graph.setEdge(edge.from, edge.to)
    layout(graph)
    for (const node of linked) {
      const box = graph.node(node.id) as Point
      centres.set(node.id, { x: box.x, y: box.y })
    }
    for (const edge of edges) {
      const points = (graph.edge(edge.from, edge.to) as { points?: Point[] }).points ?? []
      edgePoints.set(
        `${edge.from}>${edge.to}`,
        points.map(({ x, y }) => ({ x, y })),
      )
    }
    const size = graph.graph() as { width?: number; height?: number }
    width = size.width ?? 0
    height = size.height ?? 0
  }

  if (loose.length > 0) {
    const fits = Math.floor((width - 2 * MARGIN + NODE_SEP) / (NODE_WIDTH + NODE_SEP))
    const columns = Math.min(loose.length, Math.max(fits, LOOSE_COLUMNS))
    const gridWidth = columns * NODE_WIDTH + (columns - 1) * NODE_SEP
    width = Math.max(width, gridWidth + 2 * MARGIN)
    const left = (width - gridWidth) / 2
    const top = linked.length > 0 ? height - MARGIN + RANK_SEP : MARGIN
    loose.forEach((node, index) => {
      const row = Math.floor(index / columns)
      centres.set(node.id, {
        x: left + (index % columns) * (NODE_WIDTH + NODE_SEP) + NODE_WIDTH / 2,
        y: top + row * (NODE_HEIGHT + NODE_SEP) + NODE_HEIGHT / 2,
      })
    })
    const rows = Math.ceil(loose.length / columns)
    height = top + rows * NODE_HEIGHT + (rows - 1) * NODE_SEP + MARGIN
  }

  const placed = nodes.map((node): PlacedNode => {
    const centre = centres.get(node.id) ?? { x: 0, y: 0 }
    return { id: node.id, label: node.label, kind: node.kind, x: centre.x, y: centre.y }
  })
  placed.sort((a, b) => a.y - b.y || a.x - b.x)
  return {
    width: Math.ceil(Math.max(width, NODE_WIDTH + 2 * MARGIN)),
    height: Math.ceil(Math.max(height, NODE_HEIGHT + 2 * MARGIN)),
    nodes: placed,
    edges: edges.map((edge) => ({
      ...edge,
      points: edgePoints.get(`${edge.from}>${edge.to}`) ?? [],
    })),
  }
}

export type GraphDirection = 'up' | 'down' | 'left' | 'right'

/**
 * The node an arrow key moves to from `fromId`: left and right along the same row, up and down to
 * the nearest node (by horizontal distance) in the row above or below. Null at an edge.
 */
export function neighbourOf(
  chain: ChainLayout,
  fromId: string,
  direction: GraphDirection,
): string | null {
  const from = chain.nodes.find((node) => node.id === fromId)
  if (!from) return chain.nodes[0]?.id ?? null
  if (direction === 'left' || direction === 'right') {
    const row = chain.nodes.filter((node) => node.y === from.y)
    const index = row.indexOf(from) + (direction === 'right' ? 1 : -1)
    return row[index]?.id ?? null
  }
  const rows = [...new Set(chain.nodes.map((node) => node.y))]
  const rowY = rows[rows.indexOf(from.y) + (direction === 'down' ? 1 : -1)]
  if (rowY === undefined) return null
  let best: PlacedNode | null = null
  for (const node of chain.nodes) {
    if (node.y !== rowY) continue
    if (!best || Math.abs(node.x - from.x) < Math.abs(best.x - from.x)) best = node
  }
  return best?.id ?? null
}
