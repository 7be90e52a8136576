import { useEffect, useState } from 'react'
import { useNowSource, wallNowOf } from './now'

/**
 * Wall time now (epoch ms, on the server's clock; a replay cursor's in a replay: `now.tsx`),
 * refreshed every `everyMs` while mounted and live: for wall-time countdowns.
 */
export function useWallNow(clockOffsetMs: number, everyMs = 500): number {
  const source = useNowSource()
  const [now, setNow] = useState(() => wallNowOf(source, clockOffsetMs))
  useEffect(() => {
    setNow(wallNowOf(source, clockOffsetMs))
    if (source.kind === 'replay') return
    const timer = setInterval(() => setNow(wallNowOf(source, clockOffsetMs)), everyMs)
    return () => clearInterval(timer)
  }, [source, clockOffsetMs, everyMs])
  return now
}

/** Wall milliseconds left as `m:ss` (or `h:mm:ss`), rounded up; `0:00` once passed. */
export function formatWallLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`
}
