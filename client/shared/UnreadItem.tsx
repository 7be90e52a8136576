import type { ReactNode, Ref } from 'react'
import { useId } from 'react'

/**
 * An item of a team's feed that opens and closes under its title, marked while unread: a badge
 * among its details, its body rendered only while open.
 */
export function UnreadItem({
  title,
  unread,
  unreadBadge,
  open,
  onToggle,
  toggleRef,
  meta,
  data,
  children,
}: {
  title: ReactNode
  unread: boolean
  /** The badge's text while unread. */
  unreadBadge: string
  open: boolean
  onToggle: () => void
  toggleRef?: Ref<HTMLButtonElement>
  /** The details after the badge. */
  meta: ReactNode
  /** The list item's `data-` attributes (`data-unread` is added). */
  data: Readonly<Record<`data-${string}`, string | boolean>>
  children: ReactNode
}) {
  const id = useId()
  return (
    <li className={unread ? 'inject inject--unread' : 'inject'} {...data} data-unread={unread}>
      <article aria-labelledby={`${id}-title`}>
        <h3 className="inject__heading">
          <button
            ref={toggleRef}
            type="button"
            className="inject__toggle"
            aria-expanded={open}
            aria-controls={`${id}-body`}
            onClick={onToggle}
          >
            <span aria-hidden="true" className="inject__chevron">
              {open ? '▾' : '▸'}
            </span>
            <span id={`${id}-title`}>{title}</span>
          </button>
        </h3>
        <p className="inject__meta">
          {unread ? <span className="badge badge--unread">{unreadBadge}</span> : null}
          {meta}
        </p>
        <div id={`${id}-body`} className="inject__body" hidden={!open}>
          {open ? children : null}
        </div>
      </article>
    </li>
  )
}
