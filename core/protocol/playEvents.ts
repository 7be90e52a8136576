/** Events of live play: adjudication, landed attacks, cross-team channels, acknowledged injects. */

/** What the white cell rules on: a red attack, or a blue action the scenario marks. */
export type RulingKind = 'attack' | 'action'
export type Verdict = 'approved' | 'denied' | 'modified'

export type PlayEventBody =
  | {
      readonly type: 'adjudication.required'
      /** true: every attack waits for a ruling; false: only those the scenario marks. */
      readonly attacks: boolean
      /** The red teams, who see the switch. */
      readonly teams: readonly string[]
    }
  | {
      readonly type: 'adjudication.requested'
      /** `r` and this event's seq. */
      readonly requestId: string
      readonly kind: RulingKind
      /** The attack's or action's id. */
      readonly itemId: string
      readonly teamId: string
      readonly participantId: string | null
      readonly target: string | null
      readonly params?: Readonly<Record<string, number>>
      readonly rationale: string
    }
  | {
      readonly type: 'adjudication.ruled'
      readonly requestId: string
      readonly kind: RulingKind
      readonly itemId: string
      readonly teamId: string
      readonly verdict: Verdict
      /** With `modified`: the parameters the attack runs with. */
      readonly params?: Readonly<Record<string, number>>
      readonly note: string
      /** Who ruled: `facilitator` (the white cell). */
      readonly by: string
    }
  | {
      readonly type: 'attack.landed'
      readonly attackId: string
      /** Seq of the `attack.launched` event whose effect this is. */
      readonly launchSeq: number
      readonly teamId: string
      readonly target: string | null
    }
  | {
      readonly type: 'channel.opened'
      readonly channelId: string
      readonly name: string
      readonly teams: readonly string[]
    }
  | {
      readonly type: 'channel.message'
      readonly channelId: string
      /** The channel's teams: who receives the message. */
      readonly teams: readonly string[]
      /** The writer's team; null for exercise control. */
      readonly teamId: string | null
      readonly participantId: string | null
      readonly name: string
      readonly text: string
    }
  | {
      readonly type: 'inject.acknowledged'
      readonly deliveryId: string
      readonly teamId: string
      readonly participantId: string
      readonly name: string
    }
