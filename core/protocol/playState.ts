/** The live-play part of the exercise state: rulings, cross-team channels, acknowledgements. */
import { emptyRecord } from '../vocabulary/records'
import type { PlayEventBody, Verdict } from './playEvents'

/** What a request for a ruling says: the move, who made it, and why. */
export type RulingRequest = Omit<Extract<PlayEventBody, { type: 'adjudication.requested' }>, 'type'>

/** A move waiting for (or given) the white cell's ruling. */
export interface RulingRecord extends RulingRequest {
  readonly requestedT: number
  readonly requestedAt: number
  /** Absent while it waits. */
  readonly ruling?: {
    readonly verdict: Verdict
    readonly params?: Readonly<Record<string, number>>
    readonly note: string
    readonly by: string
    readonly t: number
    readonly at: number
  }
}

export interface ChannelRecord {
  readonly channelId: string
  readonly name: string
  readonly teams: readonly string[]
  /** Scenario time it opened; 0 for a channel the scenario declares. */
  readonly openedT: number
}

export interface ChannelMessageRecord {
  readonly seq: number
  readonly channelId: string
  readonly teamId: string | null
  readonly participantId: string | null
  readonly name: string
  readonly text: string
  readonly at: number
  readonly t: number
}

export interface AcknowledgementRecord {
  readonly deliveryId: string
  readonly teamId: string
  readonly participantId: string
  readonly name: string
  readonly t: number
  readonly at: number
}

export interface PlayState {
  /** The white cell turned approval on for every attack. */
  readonly approveAllAttacks: boolean
  /** Every request for a ruling, in order. */
  readonly rulings: readonly RulingRecord[]
  /** Channels opened by the facilitator (the scenario's own are in the scenario). */
  readonly channels: Readonly<Record<string, ChannelRecord>>
  readonly channelMessages: readonly ChannelMessageRecord[]
  /** `<deliveryId>:<teamId>` → the team's first acknowledgement of that delivery. */
  readonly acknowledged: Readonly<Record<string, AcknowledgementRecord>>
}

export const EMPTY_PLAY: PlayState = {
  approveAllAttacks: false,
  rulings: [],
  channels: emptyRecord(),
  channelMessages: [],
  acknowledged: emptyRecord(),
}

/** The key of a team's acknowledgement of a delivery. */
export function acknowledgementKey(deliveryId: string, teamId: string): string {
  return `${deliveryId}:${teamId}`
}
