import { useId } from 'react'
import { type AcknowledgementRecord, acknowledgementKey } from '../../core/protocol/playState'
import type { Delivery } from '../../core/protocol/state'
import type { Team } from '../../core/scenario/schema'
import { lookUp } from '../../core/vocabulary/records'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { ChannelTag } from '../shared/labels'
import { Markdown } from '../shared/Markdown'

interface Sent {
  readonly first: Delivery
  readonly teamIds: string[]
}

/** Every inject delivered so far, to every team, newest first; one entry per inject sent. */
export function DeliveryFeed({
  deliveries,
  teams,
  acknowledged = {},
}: {
  deliveries: readonly Delivery[]
  teams: readonly Team[]
  /** The teams' acknowledgements, by `acknowledgementKey`. */
  acknowledged?: Readonly<Record<string, AcknowledgementRecord>>
}) {
  const id = useId()
  const sent = groupByDelivery(deliveries)
  const teamName = (teamId: string) => teams.find((team) => team.id === teamId)?.name ?? teamId
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Delivered</h2>
      {sent.length === 0 ? (
        <p className="empty">Nothing delivered yet.</p>
      ) : (
        <ol className="feed feed--compact" data-testid="delivery-feed">
          {sent.map(({ first, teamIds }) => (
            <li key={first.deliveryId} className="delivery" data-delivery-id={first.deliveryId}>
              <p className="delivery__head">
                <span className="mono">{formatScenarioTime(first.t)}</span>
                <ChannelTag channel={first.channel} />
                <strong>{first.title}</strong>
              </p>
              <p className="muted">
                To {teamIds.map(teamName).join(', ')} ·{' '}
                {first.injectId === null ? 'ad hoc' : `scripted (${first.injectId})`}
                {first.from ? ` · from ${first.from}` : ''}
              </p>
              <p className="muted" data-testid="delivery-acknowledged">
                {teamIds
                  .map((teamId) => {
                    const ack = lookUp(acknowledged, acknowledgementKey(first.deliveryId, teamId))
                    return ack
                      ? `${teamName(teamId)}: acknowledged by ${ack.name} at ${formatScenarioTime(ack.t)}`
                      : `${teamName(teamId)}: not acknowledged`
                  })
                  .join(' · ')}
              </p>
              {first.body.trim() ? (
                <details>
                  <summary>Text</summary>
                  <Markdown text={first.body} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

function groupByDelivery(deliveries: readonly Delivery[]): Sent[] {
  const byId = new Map<string, Sent>()
  for (const delivery of deliveries) {
    const sent = byId.get(delivery.deliveryId)
    if (sent) sent.teamIds.push(delivery.teamId)
    else byId.set(delivery.deliveryId, { first: delivery, teamIds: [delivery.teamId] })
  }
  return [...byId.values()].sort((a, b) => b.first.seq - a.first.seq)
}
