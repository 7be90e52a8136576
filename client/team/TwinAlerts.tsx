import { useId } from 'react'
import type { AlertRecord } from '../../core/protocol/state'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { useArrivalAnnouncement } from '../shared/useArrivalAnnouncement'

/**
 * The alerts a blue team's monitoring raised and cleared, newest first, each new one announced to
 * screen readers. Only this team's: the server never sends another team's alerts.
 */
export function TwinAlerts({
  alerts,
  labelOf,
}: {
  alerts: readonly AlertRecord[]
  labelOf: (nodeId: string) => string
}) {
  const id = useId()
  const announcement = useAlertAnnouncement(alerts, labelOf)
  const newestFirst = [...alerts].sort((a, b) => b.seq - a.seq)
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="twin-alerts">
      <h2 id={`${id}-title`}>Monitoring alerts</h2>
      <div className="visually-hidden" aria-live="polite" data-testid="alert-announcer">
        {announcement}
      </div>
      {newestFirst.length === 0 ? (
        <p className="empty">No alerts from your monitoring.</p>
      ) : (
        <ul className="feed feed--compact alert-list">
          {newestFirst.map((alert) => (
            <li
              key={alert.seq}
              className={alert.raised ? 'twin-alert twin-alert--raised' : 'twin-alert'}
              data-testid="twin-alert"
              data-node-id={alert.nodeId}
              data-raised={alert.raised}
            >
              <p className="twin-alert__head">
                <span className="mono">{formatScenarioTime(alert.t)}</span>{' '}
                <span className={`state-tag state-tag--${alert.raised ? 'alarm' : 'no-alarm'}`}>
                  <span aria-hidden="true">{alert.raised ? '⚠ ' : '✓ '}</span>
                  {alert.raised ? 'Raised' : 'Cleared'}
                </span>{' '}
                <strong>{labelOf(alert.nodeId)}</strong>
              </p>
              <p className="twin-alert__message">{alert.message}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** A sentence for screen readers when alerts arrive after the page has loaded. */
function useAlertAnnouncement(
  alerts: readonly AlertRecord[],
  labelOf: (nodeId: string) => string,
): string {
  return useArrivalAnnouncement(alerts, (fresh, last) => {
    const what = `${last.raised ? 'Alert raised' : 'Alert cleared'} on ${labelOf(last.nodeId)}: ${last.message}`
    return fresh.length === 1 ? what : `${fresh.length} alert changes; the latest: ${what}`
  })
}
