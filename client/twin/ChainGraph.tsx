import { type KeyboardEvent, memo, useEffect, useId, useRef, useState } from 'react'
import {
  type ChainLayout,
  type GraphDirection,
  NODE_HEIGHT,
  NODE_WIDTH,
  neighbourOf,
} from './chainLayout'
import { type NodeDisplay, nodeAccessibleName } from './nodeDisplay'

/** Fitting a wide chain to the page shrinks it no further than this; past it, it scrolls. */
const MIN_SCALE = 0.6

const ARROWS: Record<string, GraphDirection> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
}

/**
 * The chain as a graph: edges drawn in SVG, each node a real button over them, coloured and
 * labelled by its state. One tab stop; arrow keys move between nodes, Enter selects one.
 */
export const ChainGraph = memo(function ChainGraph({
  chain,
  shown,
  selectedId,
  onSelect,
  label,
}: {
  chain: ChainLayout
  /** Each node's state as this audience may see it. */
  shown: ReadonlyMap<string, NodeDisplay>
  selectedId: string | null
  onSelect: (nodeId: string) => void
  /** The graph's accessible name. */
  label: string
}) {
  const id = useId()
  const [activeId, setActiveId] = useState<string | null>(null)
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const moved = useRef(false)
  const scroller = useRef<HTMLDivElement>(null)
  const [available, setAvailable] = useState<number | null>(null)
  const [fit, setFit] = useState(true)
  const tooWide = available !== null && chain.width > available
  const scale = fit && tooWide ? Math.max(MIN_SCALE, available / chain.width) : 1

  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const measure = () => setAvailable(element.clientWidth - 2)
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    measure()
    return () => observer.disconnect()
  }, [])
  const focusable =
    chain.nodes.find((node) => node.id === activeId)?.id ??
    chain.nodes.find((node) => node.id === selectedId)?.id ??
    chain.nodes[0]?.id ??
    null

  useEffect(() => {
    if (!moved.current || activeId === null) return
    moved.current = false
    buttons.current.get(activeId)?.focus()
  }, [activeId])

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, nodeId: string) => {
    const direction = ARROWS[event.key]
    let next: string | null = null
    if (direction) next = neighbourOf(chain, nodeId, direction)
    else if (event.key === 'Home') next = chain.nodes[0]?.id ?? null
    else if (event.key === 'End') next = chain.nodes.at(-1)?.id ?? null
    else return
    event.preventDefault()
    if (next === null) return
    moved.current = true
    setActiveId(next)
  }

  const selectedEdges = (from: string, to: string) => from === selectedId || to === selectedId

  return (
    <div className="chain-graph" data-testid="chain-graph">
      <div className="chain-graph__bar">
        <p id={`${id}-hint`} className="hint">
          Arrow keys move between nodes; Enter shows a node’s details and plots it. Arrows show
          where each node takes its time from (dashed: a backup source).
        </p>
        {tooWide ? (
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => setFit((value) => !value)}
          >
            {fit ? 'Show at full size' : 'Fit to the page'}
          </button>
        ) : null}
      </div>
      <div className="chain-graph__scroll" ref={scroller}>
        <div
          className="chain-graph__sizer"
          style={{ width: chain.width * scale, height: chain.height * scale }}
        >
          {/* biome-ignore lint/a11y/useSemanticElements: a fieldset would put a form control around buttons that submit nothing. */}
          <div
            role="group"
            aria-label={label}
            aria-describedby={`${id}-hint`}
            className="chain-graph__canvas"
            style={{
              width: chain.width,
              height: chain.height,
              ...(scale < 1 ? { transform: `scale(${scale})` } : {}),
            }}
          >
            <svg
              className="chain-graph__edges"
              width={chain.width}
              height={chain.height}
              aria-hidden="true"
              focusable="false"
            >
              <defs>
                <marker
                  id={`${id}-arrow`}
                  viewBox="0 0 10 10"
                  refX="9"
                  refY="5"
                  markerWidth="7"
                  markerHeight="7"
                  orient="auto-start-reverse"
                >
                  <path d="M 0 0 L 10 5 L 0 10 z" className="chain-graph__arrow" />
                </marker>
              </defs>
              {chain.edges.map((edge) => (
                <path
                  key={`${edge.from}>${edge.to}`}
                  d={edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ')}
                  className={[
                    'chain-graph__edge',
                    edge.preferred ? '' : 'chain-graph__edge--backup',
                    selectedEdges(edge.from, edge.to) ? 'chain-graph__edge--selected' : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  markerEnd={`url(#${id}-arrow)`}
                />
              ))}
            </svg>
            {chain.nodes.map((node) => {
              const display = shown.get(node.id)
              const state = display?.state ?? 'unknown'
              return (
                <button
                  key={node.id}
                  ref={(element) => {
                    if (element) buttons.current.set(node.id, element)
                    else buttons.current.delete(node.id)
                  }}
                  type="button"
                  className={`chain-node chain-node--${state}`}
                  style={{
                    left: node.x - NODE_WIDTH / 2,
                    top: node.y - NODE_HEIGHT / 2,
                    width: NODE_WIDTH,
                    height: NODE_HEIGHT,
                  }}
                  tabIndex={node.id === focusable ? 0 : -1}
                  aria-pressed={node.id === selectedId}
                  aria-label={display ? nodeAccessibleName(node.label, display) : node.label}
                  title={node.label}
                  data-node-id={node.id}
                  data-state={state}
                  onClick={() => {
                    setActiveId(node.id)
                    onSelect(node.id)
                  }}
                  onFocus={() => setActiveId(node.id)}
                  onKeyDown={(event) => onKeyDown(event, node.id)}
                >
                  <span className="chain-node__label">{node.label}</span>
                  {display ? (
                    <span className="chain-node__state">
                      <span aria-hidden="true">{display.symbol} </span>
                      {display.text}
                      {display.detail ? ` · ${display.detail}` : ''}
                    </span>
                  ) : null}
                </button>
              )
            })}
          </div>
        </div>
      </div>
    </div>
  )
})
