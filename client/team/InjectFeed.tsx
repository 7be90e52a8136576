import { useId, useState } from 'react'
import type { CommandInput } from '../../core/protocol'
import { type AcknowledgementRecord, acknowledgementKey } from '../../core/protocol/playState'
import type { Delivery } from '../../core/protocol/state'
import { lookUp } from '../../core/vocabulary/records'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { ChannelTag, channelDisplay } from '../shared/labels'
import { Markdown } from '../shared/Markdown'
import { UnreadItem } from '../shared/UnreadItem'

/**
 * A team's injects, newest first, by channel (email, phone, SIEM, monitoring, news, regulator…)
 * with each channel's unread count; opening one marks it read, and a member acknowledges it for
 * the team, which the white cell sees.
 */
export function InjectFeed({
  deliveries,
  read,
  onRead,
  acknowledged = {},
  nameOf = (name) => name,
  disabled = false,
  readOnly = false,
  run,
}: {
  deliveries: readonly Delivery[]
  read: ReadonlySet<string>
  onRead: (deliveryIds: string[]) => void
  /** The team's acknowledgements, by `acknowledgementKey`. */
  acknowledged?: Readonly<Record<string, AcknowledgementRecord>>
  /** How a member's name reads ("you" for oneself). */
  nameOf?: (name: string, participantId: string) => string
  disabled?: boolean
  /** Nothing to mark read (a replay): no unread counts, no "Mark all as read". */
  readOnly?: boolean
  /** Sends the acknowledgement; none: no acknowledging. */
  run?: (command: CommandInput) => Promise<boolean>
}) {
  const titleId = useId()
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const [channel, setChannel] = useState<string | null>(null)
  const everything = [...deliveries].sort((a, b) => b.seq - a.seq)
  const channels = [...new Set(everything.map((delivery) => delivery.channel))]
  const newestFirst =
    channel === null ? everything : everything.filter((delivery) => delivery.channel === channel)
  const unread = newestFirst.filter((delivery) => !read.has(delivery.deliveryId))
  const unreadIn = (name: string | null) =>
    everything.filter(
      (delivery) => (name === null || delivery.channel === name) && !read.has(delivery.deliveryId),
    ).length

  const toggle = (deliveryId: string) => {
    const next = new Set(open)
    if (next.has(deliveryId)) next.delete(deliveryId)
    else {
      next.add(deliveryId)
      onRead([deliveryId])
    }
    setOpen(next)
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel__head">
        <h2 id={titleId}>Injects</h2>
        {readOnly ? null : (
          <>
            <span className="muted" data-testid="feed-unread">
              {unread.length === 0 ? 'All read' : `${unread.length} unread`}
            </span>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => onRead(unread.map((delivery) => delivery.deliveryId))}
              disabled={unread.length === 0}
            >
              Mark all as read
            </button>
          </>
        )}
      </div>
      {channels.length > 1 ? (
        <fieldset className="inbox-channels">
          <legend className="visually-hidden">Channels</legend>
          {[null, ...channels].map((name) => {
            const count = unreadIn(name)
            return (
              <button
                key={name ?? 'all'}
                type="button"
                className="button button--small button--quiet"
                aria-pressed={channel === name}
                data-testid={`inbox-channel-${name ?? 'all'}`}
                data-unread={count}
                onClick={() => setChannel(name)}
              >
                {name === null ? 'All' : channelDisplay(name).label}
                {count > 0 ? ` (${count} unread)` : ''}
              </button>
            )
          })}
        </fieldset>
      ) : null}
      {newestFirst.length === 0 ? (
        <p className="empty">No injects yet. They appear here as the exercise runs.</p>
      ) : (
        <ol className="feed" data-testid="inject-feed">
          {newestFirst.map((delivery) => (
            <InjectItem
              key={delivery.deliveryId}
              delivery={delivery}
              unread={!read.has(delivery.deliveryId)}
              open={open.has(delivery.deliveryId)}
              onToggle={() => toggle(delivery.deliveryId)}
              acknowledgement={lookUp(
                acknowledged,
                acknowledgementKey(delivery.deliveryId, delivery.teamId),
              )}
              nameOf={nameOf}
              disabled={disabled}
              run={run}
            />
          ))}
        </ol>
      )}
    </section>
  )
}

function InjectItem({
  delivery,
  unread,
  open,
  onToggle,
  acknowledgement,
  nameOf,
  disabled,
  run,
}: {
  delivery: Delivery
  unread: boolean
  open: boolean
  onToggle: () => void
  acknowledgement: AcknowledgementRecord | undefined
  nameOf: (name: string, participantId: string) => string
  disabled: boolean
  run: ((command: CommandInput) => Promise<boolean>) | undefined
}) {
  return (
    <UnreadItem
      title={delivery.title}
      unread={unread}
      unreadBadge="Unread"
      open={open}
      onToggle={onToggle}
      meta={
        <>
          <ChannelTag channel={delivery.channel} />
          {delivery.from ? <span>From {delivery.from}</span> : null}
          <span className="mono">{formatScenarioTime(delivery.t)}</span>
          {acknowledgement ? (
            <span data-testid="inject-acknowledged">
              Acknowledged by {nameOf(acknowledgement.name, acknowledgement.participantId)} at{' '}
              <span className="mono">{formatScenarioTime(acknowledgement.t)}</span>
            </span>
          ) : null}
        </>
      }
      data={{
        'data-testid': 'inject',
        'data-delivery-id': delivery.deliveryId,
        'data-acknowledged': acknowledgement !== undefined,
      }}
    >
      {delivery.body.trim() ? (
        <Markdown text={delivery.body} />
      ) : (
        <p className="muted">No further text.</p>
      )}
      {run && !acknowledgement ? (
        <p>
          <button
            type="button"
            className="button button--small"
            disabled={disabled}
            onClick={() => run({ type: 'inject.acknowledge', deliveryId: delivery.deliveryId })}
          >
            Acknowledge for the team
          </button>
        </p>
      ) : null}
    </UnreadItem>
  )
}
