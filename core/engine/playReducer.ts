/** The reducer's part for live-play events (playEvents.ts): rulings, landings, channels, acknowledgements. */
import type { EventOf } from '../protocol/events'
import { acknowledgementKey, EMPTY_PLAY, type PlayState } from '../protocol/playState'
import type { ExerciseState } from '../protocol/state'
import { hasEntry } from '../vocabulary/records'
import type { Drafts } from './drafts'

export type PlayEvent = EventOf<
  | 'adjudication.required'
  | 'adjudication.requested'
  | 'adjudication.ruled'
  | 'attack.landed'
  | 'channel.opened'
  | 'channel.message'
  | 'inject.acknowledged'
>

/** Applies one live-play event to `next` (the state with the event's seq already set). */
export function applyPlayEvent(
  next: ExerciseState,
  event: PlayEvent,
  drafts: Drafts,
): ExerciseState {
  const { appended, replaced, withEntry } = drafts
  // Keyframes written before live play have no `play`.
  const play: PlayState = next.play ?? EMPTY_PLAY
  const withPlay = (changes: Partial<PlayState>) => ({ ...next, play: { ...play, ...changes } })
  switch (event.type) {
    case 'adjudication.required':
      return withPlay({ approveAllAttacks: event.attacks })
    case 'adjudication.requested': {
      const { type: _type, seq: _seq, at, t, ...request } = event
      return withPlay({
        rulings: appended(play.rulings, { ...request, requestedT: t, requestedAt: at }),
      })
    }
    case 'adjudication.ruled': {
      const index = play.rulings.findIndex(
        (record) => record.requestId === event.requestId && !record.ruling,
      )
      if (index === -1) return withPlay({})
      const ruling = {
        verdict: event.verdict,
        ...(event.params ? { params: event.params } : {}),
        note: event.note,
        by: event.by,
        t: event.t,
        at: event.at,
      }
      return withPlay({
        rulings: replaced(play.rulings, index, { ...play.rulings[index]!, ruling }),
      })
    }
    case 'attack.landed': {
      const index = next.attacks.findIndex((record) => record.seq === event.launchSeq)
      if (index === -1) return next
      const landed = { ...next.attacks[index]!, landedT: event.t }
      return { ...next, attacks: replaced(next.attacks, index, landed) }
    }
    case 'channel.opened':
      return withPlay({
        channels: withEntry(play.channels, event.channelId, {
          channelId: event.channelId,
          name: event.name,
          teams: event.teams,
          openedT: event.t,
        }),
      })
    case 'channel.message': {
      const { type: _type, teams: _teams, ...message } = event
      return withPlay({ channelMessages: appended(play.channelMessages, message) })
    }
    case 'inject.acknowledged': {
      const key = acknowledgementKey(event.deliveryId, event.teamId)
      if (hasEntry(play.acknowledged, key)) return next
      const { type: _type, seq: _seq, ...record } = event
      return withPlay({ acknowledged: withEntry(play.acknowledged, key, record) })
    }
  }
}
