import type { KeyboardEvent, ReactNode } from 'react'
import { useId, useRef } from 'react'
import { rovingIndex } from './rovingIndex'

export interface Tab<Id extends string> {
  readonly id: Id
  readonly label: ReactNode
  readonly content: ReactNode
  /** Kept in the page (hidden) while another tab is shown, so it keeps its state; otherwise
   * its content mounts only while it is selected. */
  readonly keepMounted?: boolean
}

/**
 * Tabs after the WAI-ARIA pattern: one Tab stop on the selected tab, arrow keys (and Home, End)
 * move between tabs and select them, each panel labelled by its tab.
 */
export function Tabs<Id extends string>({
  label,
  tabs,
  selected,
  onSelect,
}: {
  label: string
  tabs: readonly Tab<Id>[]
  selected: Id
  onSelect: (id: Id) => void
}) {
  const id = useId()
  const list = useRef<HTMLDivElement>(null)
  const index = Math.max(
    0,
    tabs.findIndex((tab) => tab.id === selected),
  )

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = rovingIndex(event.key, index, tabs.length)
    if (next === null) return
    event.preventDefault()
    const tab = tabs[next]
    if (!tab) return
    onSelect(tab.id)
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus()
  }

  return (
    <div className="tabs">
      <div
        ref={list}
        role="tablist"
        aria-label={label}
        className="tabs__list"
        onKeyDown={onKeyDown}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${id}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="tabs__tab"
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${id}-panel-${tab.id}`}
          aria-labelledby={`${id}-tab-${tab.id}`}
          className="tabs__panel"
          hidden={tab.id !== selected}
        >
          {tab.id === selected || tab.keepMounted ? tab.content : null}
        </div>
      ))}
    </div>
  )
}

/** A tab's text with its unread badge; the count is read out with the tab's name. */
export function TabLabel({ text, unread }: { text: string; unread: number }) {
  return (
    <>
      {text}
      {unread > 0 ? (
        <span
          className="badge badge--unread tabs__badge"
          data-testid={`unread-${text.toLowerCase()}`}
        >
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      ) : null}
    </>
  )
}
