import { useId, useState } from 'react'
import { formatScenarioTime } from '../../core/clock/scenarioTime'
import type { Delivery } from '../../core/engine/state'
import { ChannelTag } from '../shared/labels'
import { Markdown } from '../shared/Markdown'
import { UnreadItem } from '../shared/UnreadItem'

/** A team's injects, newest first; opening one marks it read. */
export function InjectFeed({
  deliveries,
  read,
  onRead,
}: {
  deliveries: readonly Delivery[]
  read: ReadonlySet<string>
  onRead: (deliveryIds: string[]) => void
}) {
  const titleId = useId()
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const newestFirst = [...deliveries].sort((a, b) => b.seq - a.seq)
  const unread = newestFirst.filter((delivery) => !read.has(delivery.deliveryId))

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
      </div>
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
}: {
  delivery: Delivery
  unread: boolean
  open: boolean
  onToggle: () => void
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
        </>
      }
      data={{ 'data-testid': 'inject', 'data-delivery-id': delivery.deliveryId }}
    >
      {delivery.body.trim() ? (
        <Markdown text={delivery.body} />
      ) : (
        <p className="muted">No further text.</p>
      )}
    </UnreadItem>
  )
}
