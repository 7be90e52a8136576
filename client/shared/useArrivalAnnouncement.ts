import { useEffect, useRef, useState } from 'react'

/**
 * A sentence for screen readers when records arrive after the page has loaded: `announce` words
 * the ones newer than those seen before (never empty), the latest last.
 */
export function useArrivalAnnouncement<T extends { readonly seq: number }>(
  records: readonly T[],
  announce: (fresh: readonly T[], latest: T) => string,
): string {
  const latestSeq = records.reduce((max, record) => Math.max(max, record.seq), 0)
  const seen = useRef<number | null>(null)
  const [announcement, setAnnouncement] = useState('')

  // biome-ignore lint/correctness/useExhaustiveDependencies: `records` changes whenever `latestSeq` does.
  useEffect(() => {
    const before = seen.current
    seen.current = latestSeq
    if (before === null || latestSeq <= before) return
    const fresh = records.filter((record) => record.seq > before)
    const last = fresh[fresh.length - 1]
    if (!last) return
    setAnnouncement(announce(fresh, last))
  }, [latestSeq])
  return announcement
}
