import { useEffect, useState } from 'react'

/** Wall time now (epoch ms, on the server's clock), refreshed every `everyMs` while mounted: for wall-time countdowns. */
export function useWallNow(clockOffsetMs: number, everyMs = 500): number {
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs)
  useEffect(() => {
    setNow(Date.now() + clockOffsetMs)
    const timer = setInterval(() => setNow(Date.now() + clockOffsetMs), everyMs)
    return () => clearInterval(timer)
  }, [clockOffsetMs, everyMs])
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
