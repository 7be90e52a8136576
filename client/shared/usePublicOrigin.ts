/** Where links for other people point: the server's HOLDOVER_PUBLIC_URL, or the address this browser used. */
import { useEffect, useState } from 'react'
import { apiRequest } from './api'

let asked: Promise<string | null> | null = null

/** The server's public address (asked once per page), or null when it has none. */
function serverPublicUrl(): Promise<string | null> {
  asked ??= apiRequest<{ publicUrl?: string | null }>('GET', '/health').then(
    (health) => (typeof health.publicUrl === 'string' ? health.publicUrl : null),
    () => {
      asked = null
      return null
    },
  )
  return asked
}

/**
 * The origin (and path) to put in join links: the configured public address once the server
 * has said, `window.location.origin` until then or without one.
 */
export function usePublicOrigin(): string {
  const [origin, setOrigin] = useState(window.location.origin)
  useEffect(() => {
    let current = true
    void serverPublicUrl().then((url) => {
      if (current && url) setOrigin(url)
    })
    return () => {
      current = false
    }
  }, [])
  return origin
}
