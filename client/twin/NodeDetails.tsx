import { useId } from 'react'
import type { AlertRecord, AttackRecord, NodeStatusRecord } from '../../core/protocol/state'
import type { Sector } from '../../core/twin/parameters'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import type { GraphNodeInput } from './chainLayout'
import type { NodeDisplay, TwinAudience } from './nodeDisplay'
import { Observations } from './Observations'
import { formatTimeError, kindLabel, sectorLabel } from './twinLabels'
import type { TwinRead } from './useTwinView'

export type DetailNode = GraphNodeInput & { readonly sector: Sector | null }

/**
 * One node, as this audience may know it: ground truth for the facilitator, the last report for
 * red, the team's own measurements and alerts for a blue team.
 */
export function NodeDetails({
  node,
  audience,
  shown,
  read,
  recorded,
  activeAlerts,
  attacks,
  labelOf,
  teamName,
  plotted,
  onTogglePlot,
}: {
  node: DetailNode
  audience: TwinAudience
  shown: NodeDisplay
  read: TwinRead | null
  /** The status the log last recorded for it (facilitator and red). */
  recorded: NodeStatusRecord | undefined
  activeAlerts: readonly AlertRecord[]
  /** Attacks launched on it (red). */
  attacks: readonly AttackRecord[]
  labelOf: (nodeId: string) => string
  teamName: (teamId: string) => string
  /** Whether it is on the plot besides the selected node; null: the plot cannot add it. */
  plotted: boolean | null
  onTogglePlot: () => void
}) {
  const id = useId()
  const truth =
    read?.audience === 'facilitator' ? read.nodes.find((entry) => entry.id === node.id) : undefined
  const observations = read?.observations.filter((entry) => entry.nodeId === node.id) ?? []
  return (
    <section className="node-details" aria-labelledby={`${id}-title`} data-testid="node-details">
      <h3 id={`${id}-title`}>{node.label}</h3>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>
          {node.kind ? kindLabel(node.kind) : 'Reached by an attack'}
          {node.sector ? ` (${sectorLabel(node.sector)})` : ''}
        </dd>
        <dt>{audience.role === 'blue' ? 'Monitoring' : 'Status'}</dt>
        <dd data-testid="node-state" data-state={shown.state}>
          <span className={`state-tag state-tag--${shown.state}`}>
            <span aria-hidden="true">{shown.symbol} </span>
            {shown.text}
          </span>
          {shown.detail ? ` · ${shown.detail}` : ''}
        </dd>
        {truth ? (
          <>
            <dt>Time error</dt>
            <dd className="mono">{formatTimeError(truth.timeErrorNs, { signed: true })}</dd>
            <dt>Tolerance</dt>
            <dd className="mono">±{formatTimeError(truth.toleranceNs)}</dd>
            <dt>Source</dt>
            <dd>{truth.selectedSource ? labelOf(truth.selectedSource) : 'none'}</dd>
            <dt>Traceable</dt>
            <dd>{truth.traceable ? 'yes, to a primary source' : 'no'}</dd>
          </>
        ) : null}
        {audience.role === 'red' && recorded ? (
          <>
            <dt>Time error</dt>
            <dd className="mono">{formatTimeError(recorded.timeErrorNs, { signed: true })}</dd>
            <dt>Reported at</dt>
            <dd className="mono">{formatScenarioTime(recorded.t)}</dd>
          </>
        ) : null}
      </dl>
      {plotted === null ? null : (
        <p>
          <button type="button" className="button button--small" onClick={onTogglePlot}>
            {plotted ? 'Remove from the comparison' : 'Keep on the plot to compare'}
          </button>
        </p>
      )}

      {audience.role === 'red' ? (
        <>
          <h4 className="inject-details__label">Your attacks on it</h4>
          {attacks.length === 0 ? (
            <p className="empty">None launched.</p>
          ) : (
            <ul className="plain-list">
              {attacks.map((attack) => (
                <li key={attack.seq}>
                  <span className="mono">{formatScenarioTime(attack.t)}</span> {attack.attackId}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <h4 className="inject-details__label">
            {audience.role === 'facilitator' ? 'What monitoring shows' : 'Your measurements'}
          </h4>
          <Observations
            observations={observations}
            labelOf={labelOf}
            {...(audience.role === 'facilitator'
              ? { showTeams: (teams: readonly string[]) => teams.map(teamName).join(', ') }
              : {})}
          />
          <h4 className="inject-details__label">Active alerts</h4>
          {activeAlerts.length === 0 ? (
            <p className="empty">None.</p>
          ) : (
            <ul className="plain-list">
              {activeAlerts.map((alert) => (
                <li key={`${alert.teamId}:${alert.alertId}`}>
                  <span aria-hidden="true">⚠ </span>
                  <span className="mono">{formatScenarioTime(alert.t)}</span> {alert.message}
                  {audience.role === 'facilitator' ? (
                    <span className="muted"> ({teamName(alert.teamId)})</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
