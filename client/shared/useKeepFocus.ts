import type { RefObject } from 'react'
import { useEffect, useRef } from 'react'

/**
 * When `key` changes and the element that had the focus went away with the change (a form that
 * closes once answered), puts the focus on `target`, so keyboard users do not start over at the
 * top of the page.
 */
export function useKeepFocus(target: RefObject<HTMLElement | null>, key: unknown): void {
  const last = useRef(key)
  useEffect(() => {
    if (Object.is(last.current, key)) return
    last.current = key
    const active = document.activeElement
    if (active === null || active === document.body) target.current?.focus()
  }, [key, target])
}
