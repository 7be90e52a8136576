/** What the white cell has read of the teams' activity, and what it says when a team writes. */
import { useCallback, useEffect, useMemo } from 'react'
import type { NotebookEdit } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import { useArrivalAnnouncement } from '../shared/useArrivalAnnouncement'
import { useReadMarks } from '../team/readMarks'
import type { ActivityItem } from './activity'
import { activityOf, unreadByTeam } from './activity'

export interface WhiteCellReading {
  readonly items: readonly ActivityItem[]
  /** Unread items per team, of every kind. */
  readonly unread: ReadonlyMap<string, number>
  /** Unread chat messages per team. */
  readonly unreadChat: ReadonlyMap<string, number>
  markRead(keys: Iterable<string>): void
  /** A sentence for a polite live region: the latest team message written while out of sight. */
  readonly announcement: string
}

/**
 * The activity of `state` and the notebook notes with its read marks (kept per exercise, so a reload keeps them).
 * `chatInView` is the team whose chat is on screen, or null: its messages are read as they come.
 */
export function useWhiteCellReading(
  exerciseId: string,
  state: ExerciseState,
  chatInView: string | null,
  notebookEdits: readonly NotebookEdit[] = [],
): WhiteCellReading {
  const items = useMemo(() => activityOf(state, notebookEdits), [state, notebookEdits])
  const { read, markRead } = useReadMarks(`facilitator:${exerciseId}`)
  const unread = useMemo(() => unreadByTeam(items, read), [items, read])
  const unreadChat = useMemo(
    () =>
      unreadByTeam(
        items.filter((item) => item.kind === 'chat'),
        read,
      ),
    [items, read],
  )

  const chatKeysInView = items
    .filter((item) => item.kind === 'chat' && item.teamId === chatInView)
    .map((item) => item.key)
  const inViewSignature = chatKeysInView.join(' ')
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for the keys.
  useEffect(() => {
    if (chatKeysInView.length > 0) markRead(chatKeysInView)
  }, [inViewSignature, markRead])

  const teamMessages = useMemo(
    () => state.chat.filter((message) => message.participantId !== null),
    [state.chat],
  )
  // Only what arrives out of sight is news: a message in the open chat is read as it comes.
  const announcement = useArrivalAnnouncement(teamMessages, (fresh) => {
    const last = fresh.filter((message) => message.teamId !== chatInView).at(-1)
    if (!last) return ''
    const team = state.scenario?.teams.find((t) => t.id === last.teamId)?.name ?? last.teamId
    return `New chat message from ${last.name} (${team}): ${last.text}`
  })
  const mark = useCallback((keys: Iterable<string>) => markRead(keys), [markRead])
  return { items, unread, unreadChat, markRead: mark, announcement }
}
