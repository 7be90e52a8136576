import type { HTMLAttributes, ReactNode } from 'react'
import { useEffect, useRef } from 'react'
import { hasNavigatedWithinApp } from './router'

/** The frame of every page: a skip link, the site bar (with `bar` on its right) and the main area. */
export function PageShell({
  title,
  bar,
  children,
  wide = false,
  fill = false,
}: {
  /** The document title, before "· Holdover". */
  title: string
  bar?: ReactNode
  children: ReactNode
  wide?: boolean
  /** One screen high: the page never scrolls as a whole, its panes scroll inside (a workspace). */
  fill?: boolean
}) {
  useEffect(() => {
    document.title = title ? `${title} · Holdover` : 'Holdover'
  }, [title])
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-bar">
        <span className="site-bar__brand">
          <span aria-hidden="true" className="site-bar__mark">
            ◷
          </span>{' '}
          Holdover
        </span>
        {bar ? <div className="site-bar__extra">{bar}</div> : null}
      </header>
      <main
        id="main"
        tabIndex={-1}
        className={fill ? 'page page--fill' : wide ? 'page page--wide' : 'page'}
      >
        {children}
      </main>
    </>
  )
}

/**
 * A page's h1. After an in-app navigation it takes the focus when it appears, unless the person
 * is already somewhere else, so a screen reader reads the new page and Tab starts from its top.
 */
export function PageHeading(props: HTMLAttributes<HTMLHeadingElement>) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    const active = document.activeElement
    const focusIsNowhere =
      active === null || active === document.body || active.hasAttribute('data-page-heading')
    if (hasNavigatedWithinApp() && focusIsNowhere) ref.current?.focus()
  }, [])
  return <h1 ref={ref} tabIndex={-1} data-page-heading="" {...props} />
}
