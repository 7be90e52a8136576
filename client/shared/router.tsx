/** A small pathname router: the History API, observed through useSyncExternalStore. */
import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { useSyncExternalStore } from 'react'

const NAVIGATED = 'holdover:navigated'
let navigatedWithinApp = false

function subscribe(onChange: () => void): () => void {
  const onPopState = () => {
    navigatedWithinApp = true
    onChange()
  }
  window.addEventListener('popstate', onPopState)
  window.addEventListener(NAVIGATED, onChange)
  return () => {
    window.removeEventListener('popstate', onPopState)
    window.removeEventListener(NAVIGATED, onChange)
  }
}

/** The current location's pathname; re-renders on every navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

/** True once the app has navigated without a page load: page headings then take the focus. */
export function hasNavigatedWithinApp(): boolean {
  return navigatedWithinApp
}

/** Goes to `to` (a path within the app) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  navigatedWithinApp = true
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATED))
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string }

/** An anchor that navigates within the app; modified clicks (new tab, download) behave as usual. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target
    ) {
      return
    }
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={handleClick} {...rest} />
}
