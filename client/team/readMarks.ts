/** Which injects a participant has opened: kept per participant, so a reload keeps them. */
import { useCallback, useEffect, useState } from 'react'
import { readStored, writeStored } from '../shared/storage'

/** The localStorage key of a participant's read marks. */
export function readMarksKey(participantId: string): string {
  return `holdover.read.${participantId}`
}

/**
 * The read mark of a decision, kept in the same set as delivery ids (`d<seq>`), which the
 * prefix keeps apart.
 */
export function decisionReadKey(decisionId: string): string {
  return `decision:${decisionId}`
}

/** The delivery ids (and decision keys) a participant has read, as stored. */
export function loadReadMarks(participantId: string): ReadonlySet<string> {
  const stored = readStored<unknown>(readMarksKey(participantId))
  return new Set(
    Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [],
  )
}

/** `read` with `ids` added; the same set when none of them is new. */
export function withRead(read: ReadonlySet<string>, ids: Iterable<string>): ReadonlySet<string> {
  let next: Set<string> | null = null
  for (const id of ids) {
    if (read.has(id) || next?.has(id)) continue
    next ??= new Set(read)
    next.add(id)
  }
  return next ?? read
}

/** How many of `deliveryIds` are not in `read`. */
export function countUnread(deliveryIds: Iterable<string>, read: ReadonlySet<string>): number {
  let unread = 0
  for (const id of deliveryIds) if (!read.has(id)) unread++
  return unread
}

/** The participant's read marks and a way to add to them; other tabs of the same seat follow. */
export function useReadMarks(participantId: string): {
  read: ReadonlySet<string>
  markRead: (ids: Iterable<string>) => void
} {
  const [read, setRead] = useState(() => loadReadMarks(participantId))

  useEffect(() => {
    setRead(loadReadMarks(participantId))
    const onStorage = (event: StorageEvent) => {
      if (event.key === readMarksKey(participantId)) setRead(loadReadMarks(participantId))
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [participantId])

  const markRead = useCallback(
    (ids: Iterable<string>) => {
      setRead((current) => {
        const next = withRead(current, ids)
        if (next !== current) writeStored(readMarksKey(participantId), [...next])
        return next
      })
    },
    [participantId],
  )
  return { read, markRead }
}
