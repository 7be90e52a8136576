import type { Observation } from '../../core/twin/observables'
import { formatTimeError, modeLabel, observableLabel } from './twinLabels'

/** What monitoring points measure on one node, each in its own terms (as the tools would show it). */
export function Observations({
  observations,
  labelOf,
  showTeams,
}: {
  observations: readonly Observation[]
  /** A node's name as this audience knows it (its id when it does not). */
  labelOf: (nodeId: string) => string
  /** For the facilitator: which teams see each measurement. */
  showTeams?: (teamIds: readonly string[]) => string
}) {
  if (observations.length === 0) return <p className="empty">No monitoring on this node.</p>
  return (
    <ul className="observations" data-testid="observations">
      {observations.map((observation) => (
        <li
          key={observation.monitorId}
          className="observation"
          data-observable={observation.observable}
        >
          <span className="observation__what">{observableLabel(observation.observable)}</span>
          {showTeams ? (
            <span className="muted"> (seen by {showTeams(observation.teams)})</span>
          ) : null}
          <ObservationValue observation={observation} labelOf={labelOf} />
        </li>
      ))}
    </ul>
  )
}

function ObservationValue({
  observation,
  labelOf,
}: {
  observation: Observation
  labelOf: (nodeId: string) => string
}) {
  switch (observation.observable) {
    case 'offset-vs-gnss':
    case 'offset-vs-independent':
      return (
        <p className="observation__value">
          <span className="mono">
            {observation.offsetNs === null
              ? 'no measurement'
              : formatTimeError(observation.offsetNs, { signed: true })}
          </span>
          {observation.against ? (
            <span className="muted"> against {labelOf(observation.against)}</span>
          ) : null}
        </p>
      )
    case 'cn0':
      return (
        <p className="observation__value mono">
          C/N0 {observation.cn0DbHz === null ? '—' : `${observation.cn0DbHz.toFixed(1)} dB-Hz`},{' '}
          {observation.satellites} satellites, AGC{' '}
          {observation.agcDb === null ? '—' : `${observation.agcDb.toFixed(1)} dB`}
          {observation.receiver ? (
            <span className="muted"> (receiver {labelOf(observation.receiver)})</span>
          ) : null}
        </p>
      )
    case 'clock-class':
      return (
        <p className="observation__value mono">
          clockClass {observation.clockClass ?? '—'}, grandmaster{' '}
          {observation.grandmasterId ?? 'none'}, priority1 {observation.priority1 ?? '—'},
          stepsRemoved {observation.stepsRemoved ?? '—'}, currentUtcOffset{' '}
          {observation.currentUtcOffset ?? '—'}
          {observation.leap61 ? ', leap61' : ''}
        </p>
      )
    case 'ntp-peers':
      return (
        <div className="observation__value">
          <p className="mono">
            {observation.implementation ?? 'ntpd'} {observation.daemon ?? 'not running'}, stratum{' '}
            {observation.stratum ?? '—'}
            {observation.leapAnnounced ? ', leap second announced' : ''}
          </p>
          {observation.peers.length > 0 ? (
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">Server</th>
                  <th scope="col">Tally</th>
                  <th scope="col">Offset</th>
                </tr>
              </thead>
              <tbody>
                {observation.peers.map((peer) => (
                  <tr key={peer.id}>
                    <th scope="row">{labelOf(peer.id)}</th>
                    <td className="mono">{peer.state}</td>
                    <td className="mono">
                      {peer.offsetNs === null
                        ? '—'
                        : formatTimeError(peer.offsetNs, { signed: true })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      )
    case 'device':
      return (
        <p className="observation__value mono">
          {observation.mode === null ? 'no answer' : `reports ${modeLabel(observation.mode)}`}
          {observation.source ? `, source ${labelOf(observation.source)}` : ''}
        </p>
      )
  }
}
