import { useCallback, useId, useMemo, useState } from 'react'
import type { ExerciseState } from '../../core/protocol/state'
import { AttacksLaunched } from './AttacksLaunched'
import { ChainGraph } from './ChainGraph'
import { layoutChain } from './chainLayout'
import { type DetailNode, NodeDetails } from './NodeDetails'
import {
  activeAlertsByNode,
  facilitatorDisplay,
  type NodeDisplay,
  redDisplay,
  type TwinAudience,
  teamDisplay,
} from './nodeDisplay'
import { type PlotLine, plotLinesOf } from './plotData'
import { type Consumer, SectorBoard } from './SectorBoard'
import { TimeErrorPlot } from './TimeErrorPlot'
import { type TwinRead, type TwinSource, useTwinView } from './useTwinView'

const MAX_COMPARED = 3
const OFFSET_OBSERVABLES = new Set(['offset-vs-gnss', 'offset-vs-independent'])

/**
 * The timing chain for one audience: the graph of the chain coloured by what this audience may
 * know, the selected node's details, its time error (or measured offset) over time, and the
 * sector board. Reads the twin once, then follows the frames the server pushes each tick.
 */
export function TimingChain({
  audience,
  state,
  clockOffsetMs,
  connected,
  readTwin,
  onTwinFrame,
}: {
  audience: TwinAudience
  state: ExerciseState
  clockOffsetMs: number
  connected: boolean
  readTwin: TwinSource['readTwin']
  onTwinFrame: TwinSource['onTwinFrame']
}) {
  const id = useId()
  const scenario = state.scenario
  const chainNodes = scenario?.chain?.nodes
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [compared, setCompared] = useState<readonly string[]>([])

  // Red knows the nodes it can aim at, and the nodes its attacks reached once they report.
  const reachedKey =
    audience.role === 'red'
      ? Object.keys(state.nodeStatus)
          .filter((nodeId) => !chainNodes?.some((node) => node.id === nodeId))
          .sort()
          .join(' ')
      : ''
  // A reached node's sector never changes, so the reports it came with are enough: keyed by ids.
  // biome-ignore lint/correctness/useExhaustiveDependencies: not rebuilt on every report.
  const nodes = useMemo((): DetailNode[] => {
    const known: DetailNode[] = (chainNodes ?? []).map((node) => ({
      id: node.id,
      label: node.label,
      kind: node.kind,
      sector: node.sector ?? null,
      sources: node.sources,
    }))
    const reached: DetailNode[] = reachedKey
      .split(' ')
      .filter(Boolean)
      .map((nodeId) => ({
        id: nodeId,
        // The name came with the report; an older log's report has the id only.
        label: state.nodeStatus[nodeId]?.label ?? nodeId,
        kind: null,
        sector: state.nodeStatus[nodeId]?.sector ?? null,
        sources: [],
      }))
    return [...known, ...reached]
  }, [chainNodes, reachedKey])
  const layout = useMemo(() => layoutChain(nodes), [nodes])
  const byId = useMemo(() => new Map(nodes.map((node) => [node.id, node])), [nodes])
  const labelOf = useCallback((nodeId: string) => byId.get(nodeId)?.label ?? nodeId, [byId])
  const teamName = useCallback(
    (teamId: string) => scenario?.teams.find((team) => team.id === teamId)?.name ?? teamId,
    [scenario],
  )
  // What a blue team's monitoring covers, and where it measures an offset (something to plot).
  const monitoredIds = useMemo(
    () =>
      new Set(
        audience.role === 'blue'
          ? (chainNodes ?? [])
              .filter((node) => node.monitoredBy.includes(audience.teamId))
              .map((node) => node.id)
          : [],
      ),
    [chainNodes, audience],
  )
  const offsetIds = useMemo(
    () =>
      new Set(
        (chainNodes ?? [])
          .filter((node) =>
            node.monitoring.some((monitor) => OFFSET_OBSERVABLES.has(monitor.observable)),
          )
          .map((node) => node.id),
      ),
    [chainNodes],
  )

  const plotIds = useMemo(() => {
    if (audience.role === 'red') return []
    const wanted = [...(selectedId ? [selectedId] : []), ...compared]
    return [...new Set(wanted)].filter((nodeId) => byId.has(nodeId))
  }, [audience.role, selectedId, compared, byId])
  const seriesNodeIds =
    audience.role === 'blue' ? plotIds.filter((nodeId) => offsetIds.has(nodeId)) : plotIds

  const source = useMemo(() => ({ readTwin, onTwinFrame }), [readTwin, onTwinFrame])
  const { read, error } = useTwinView(source, {
    enabled: connected,
    clock: state.clock,
    clockOffsetMs,
    seriesNodeIds,
  })

  const alerts = useMemo(() => activeAlertsByNode(state.alerts), [state.alerts])
  const shown = useMemo(() => {
    const truth = new Map(
      read?.audience === 'facilitator' ? read.nodes.map((node) => [node.id, node]) : [],
    )
    const map = new Map<string, NodeDisplay>()
    for (const node of nodes) {
      const recorded = state.nodeStatus[node.id]
      map.set(
        node.id,
        audience.role === 'facilitator'
          ? facilitatorDisplay(truth.get(node.id), recorded)
          : audience.role === 'red'
            ? redDisplay(recorded)
            : teamDisplay(monitoredIds.has(node.id), alerts.get(node.id)?.length ?? 0),
      )
    }
    return map
  }, [nodes, read, state.nodeStatus, alerts, audience, monitoredIds])

  const consumers = useMemo((): Consumer[] => {
    const all = nodes.filter((node) =>
      audience.role === 'red'
        ? node.kind === 'consumer' || node.sector !== null
        : node.kind === 'consumer',
    )
    const visible = audience.role === 'blue' ? all.filter((node) => monitoredIds.has(node.id)) : all
    return visible.map(({ id: nodeId, label, sector }) => ({ id: nodeId, label, sector }))
  }, [nodes, audience, monitoredIds])
  const alarmSinceT = useMemo(() => {
    if (audience.role !== 'blue') return null
    const since = new Map<string, number>()
    for (const [nodeId, active] of alerts) since.set(nodeId, Math.min(...active.map((a) => a.t)))
    return since
  }, [alerts, audience.role])

  const select = useCallback((nodeId: string) => setSelectedId(nodeId), [])
  const selected = selectedId ? byId.get(selectedId) : undefined
  const lines = useMemo(
    () => (read ? plotLinesOf(read, labelOf, chainNodes ?? []) : []),
    [read, labelOf, chainNodes],
  )
  const graphLabel =
    audience.role === 'facilitator'
      ? 'Timing chain, ground truth'
      : audience.role === 'red'
        ? 'Timing chain: the nodes you can attack and those your attacks reached'
        : 'Timing chain: the nodes your team monitors or acts on'

  return (
    <section className="panel twin" aria-labelledby={`${id}-title`} data-testid="timing-chain">
      <div className="panel__head">
        <h2 id={`${id}-title`}>Timing chain</h2>
        <Legend audience={audience} />
      </div>
      <p className="hint">{introduction(audience)}</p>
      {error && !read ? (
        <p className="hint" role="status">
          {error}
        </p>
      ) : null}
      <ChainGraph
        chain={layout}
        shown={shown}
        selectedId={selectedId}
        onSelect={select}
        label={graphLabel}
      />
      <div className="twin__row">
        <div className="twin__details">
          {selected ? (
            <NodeDetails
              node={selected}
              audience={audience}
              shown={shown.get(selected.id) ?? teamDisplay(false, 0)}
              read={read}
              recorded={state.nodeStatus[selected.id]}
              activeAlerts={alerts.get(selected.id) ?? []}
              attacks={state.attacks.filter((attack) => attack.target === selected.id)}
              labelOf={labelOf}
              teamName={teamName}
              plotted={
                audience.role === 'red' || (audience.role === 'blue' && !offsetIds.has(selected.id))
                  ? null
                  : compared.includes(selected.id)
              }
              onTogglePlot={() =>
                setCompared((list) =>
                  list.includes(selected.id)
                    ? list.filter((nodeId) => nodeId !== selected.id)
                    : [...list, selected.id].slice(-MAX_COMPARED),
                )
              }
            />
          ) : (
            <p className="empty">Select a node in the chain to see its details and plot it.</p>
          )}
        </div>
        <div className="twin__plot">
          <h3>{audience.role === 'blue' ? 'Measured offsets' : 'Time error'}</h3>
          <PlotArea
            audience={audience}
            plotIds={plotIds}
            seriesNodeIds={seriesNodeIds}
            lines={lines}
            read={read}
            labelOf={labelOf}
          />
          {compared.length > 0 ? (
            <p className="hint">
              Compared: {compared.map(labelOf).join(', ')}.{' '}
              <button type="button" className="link-button" onClick={() => setCompared([])}>
                Clear the comparison
              </button>
            </p>
          ) : null}
        </div>
      </div>
      <SectorBoard
        consumers={consumers}
        shown={shown}
        statusLog={audience.role === 'blue' ? null : state.statusLog}
        alarmSinceT={alarmSinceT}
        clock={state.clock}
        clockOffsetMs={clockOffsetMs}
        selectedId={selectedId}
        onSelect={select}
        empty={
          audience.role === 'blue'
            ? 'Your monitoring watches no consumer.'
            : audience.role === 'red'
              ? 'None of your attacks has reached a consumer yet.'
              : 'This chain has no consumers.'
        }
      />
      {audience.role === 'facilitator' && scenario ? (
        <AttacksLaunched state={state} labelOf={labelOf} teamName={teamName} />
      ) : null}
    </section>
  )
}

function introduction(audience: TwinAudience): string {
  switch (audience.role) {
    case 'facilitator':
      return 'Ground truth from the twin: every node’s status and true time error. Teams never see this.'
    case 'red':
      return 'Your targets, and what the nodes your attacks reached report. Nothing else of the chain is known to you.'
    case 'blue':
      return 'What your monitoring shows: alarms and measurements, never the true state of a node.'
  }
}

function Legend({ audience }: { audience: TwinAudience }) {
  const items =
    audience.role === 'blue'
      ? [
          ['alarm', '⚠ alarm'],
          ['no-alarm', '○ no alarm'],
          ['unmonitored', '· not monitored'],
        ]
      : [
          ['ok', '✓ ok'],
          ['degraded', '▲ degraded'],
          ['failed', '✕ failed'],
          ...(audience.role === 'red' ? [['unknown', '? no report']] : []),
        ]
  return (
    <ul className="twin-legend" aria-label="Legend">
      {items.map(([state, text]) => (
        <li key={state} className={`state-tag state-tag--${state}`}>
          {text}
        </li>
      ))}
    </ul>
  )
}

function PlotArea({
  audience,
  plotIds,
  seriesNodeIds,
  lines,
  read,
  labelOf,
}: {
  audience: TwinAudience
  plotIds: readonly string[]
  seriesNodeIds: readonly string[]
  lines: readonly PlotLine[]
  read: TwinRead | null
  labelOf: (nodeId: string) => string
}) {
  if (audience.role === 'red') {
    return (
      <p className="empty">
        You have no measurements of your own: the nodes your attacks reach report their status and
        time error in the details.
      </p>
    )
  }
  if (plotIds.length === 0) return <p className="empty">Select a node to plot it.</p>
  if (seriesNodeIds.length === 0) {
    return (
      <p className="empty">
        Your monitoring measures no offset on {plotIds.map(labelOf).join(', ')}: nothing to plot.
      </p>
    )
  }
  // A read made before the selection changed may still hold other nodes' curves.
  const shown = lines.filter((line) => seriesNodeIds.includes(line.nodeId))
  if (read && read.t < 1) return <p className="empty">The plot starts once the clock has run.</p>
  if (!read || shown.length === 0) return <p className="empty">Reading the twin…</p>
  return (
    <TimeErrorPlot
      lines={shown}
      nowT={read.t}
      quantity={audience.role === 'blue' ? '|offset|' : '|time error|'}
    />
  )
}
