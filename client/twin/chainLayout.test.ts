import { describe, expect, it } from 'vitest'
import { exampleChain } from '../../core/twin/exampleChain'
import {
  type GraphNodeInput,
  layoutChain,
  NODE_HEIGHT,
  NODE_WIDTH,
  neighbourOf,
} from './chainLayout'

const node = (id: string, sources: string[] = []): GraphNodeInput => ({
  id,
  label: id,
  kind: 'consumer',
  sources,
})

describe('layoutChain', () => {
  it('draws the example chain top-down: every source above the node it feeds', () => {
    const chain = layoutChain(exampleChain.nodes)
    expect(chain.nodes).toHaveLength(exampleChain.nodes.length)
    const at = new Map(chain.nodes.map((placed) => [placed.id, placed]))
    const edgeCount = exampleChain.nodes.reduce((sum, n) => sum + n.sources.length, 0)
    expect(chain.edges).toHaveLength(edgeCount)
    for (const edge of chain.edges) {
      expect(at.get(edge.from)!.y).toBeLessThan(at.get(edge.to)!.y)
      expect(edge.points.length).toBeGreaterThanOrEqual(2)
    }
    expect(at.get('utc-lab')!.y).toBeLessThan(at.get('gm-1')!.y)
    expect(at.get('gm-1')!.y).toBeLessThan(at.get('bc-1')!.y)
    expect(at.get('bc-1')!.y).toBeLessThan(at.get('radio-1')!.y)
    for (const placed of chain.nodes) {
      expect(placed.x).toBeGreaterThan(0)
      expect(placed.x).toBeLessThan(chain.width)
      expect(placed.y + NODE_HEIGHT / 2).toBeLessThanOrEqual(chain.height)
    }
  })

  it('marks the preferred source, and lists nodes in reading order', () => {
    const chain = layoutChain([node('bc', ['gm-1', 'gm-2']), node('gm-2'), node('gm-1')])
    expect(chain.edges.map((edge) => [edge.from, edge.preferred])).toEqual([
      ['gm-1', true],
      ['gm-2', false],
    ])
    expect(chain.nodes.at(-1)!.id).toBe('bc')
    const [first, second] = chain.nodes
    expect(first!.y).toBe(second!.y)
    expect(first!.x).toBeLessThan(second!.x)
  })

  it('leaves out sources a team does not know about', () => {
    const chain = layoutChain([node('radio-1', ['bc-1']), node('gm-1')])
    expect(chain.edges).toEqual([])
    expect(chain.nodes.map((placed) => placed.id).sort()).toEqual(['gm-1', 'radio-1'])
  })

  it('sets nodes with no known link in a grid under the graph, not in one long row', () => {
    const loose = Array.from({ length: 14 }, (_, i) => node(`target-${i}`))
    const chain = layoutChain([node('gm', ['rcv']), node('rcv'), ...loose])
    const at = new Map(chain.nodes.map((placed) => [placed.id, placed]))
    const rows = new Set(loose.map((n) => at.get(n.id)!.y))
    expect(rows.size).toBe(3)
    for (const n of loose) expect(at.get(n.id)!.y).toBeGreaterThan(at.get('gm')!.y)
    expect(chain.width).toBeLessThan(7 * NODE_WIDTH)
    const boxes = chain.nodes.map((placed) => `${placed.x},${placed.y}`)
    expect(new Set(boxes).size).toBe(boxes.length)
    for (const placed of chain.nodes) {
      expect(placed.x - NODE_WIDTH / 2).toBeGreaterThanOrEqual(0)
      expect(placed.y + NODE_HEIGHT / 2).toBeLessThanOrEqual(chain.height)
    }
  })

  it('lays out an empty chain without failing', () => {
    expect(layoutChain([]).nodes).toEqual([])
  })
})

describe('neighbourOf', () => {
  it('moves along a row with left and right, and to the nearest node of the next row', () => {
    const chain = layoutChain([
      node('lab'),
      node('gnss', ['lab']),
      node('fibre', ['lab']),
      node('radio', ['gnss']),
    ])
    const [left, right] = chain.nodes.filter(
      (placed) => placed.id !== 'lab' && placed.id !== 'radio',
    )
    expect(neighbourOf(chain, left!.id, 'right')).toBe(right!.id)
    expect(neighbourOf(chain, right!.id, 'right')).toBeNull()
    expect(neighbourOf(chain, 'lab', 'up')).toBeNull()
    expect(['gnss', 'fibre']).toContain(neighbourOf(chain, 'lab', 'down'))
    expect(neighbourOf(chain, 'gnss', 'down')).toBe('radio')
    expect(neighbourOf(chain, 'radio', 'up')).toBe('gnss')
    expect(neighbourOf(chain, 'gone', 'down')).toBe('lab')
  })
})
