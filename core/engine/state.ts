/** The exercise state: a fold of its event log (see reducer.ts). */
import { type ClockState, STOPPED_CLOCK } from '../clock/ExerciseClock'
import type { Channel, Scenario } from '../scenario/schema'

export interface Participant {
  readonly id: string
  readonly name: string
  readonly teamId: string
  readonly joinedAt: number
}

export interface Delivery {
  readonly seq: number
  readonly deliveryId: string
  readonly injectId: string | null
  readonly teamId: string
  readonly channel: Channel
  readonly from: string
  readonly title: string
  readonly body: string
  readonly at: number
  readonly t: number
}

export interface ChatMessage {
  readonly seq: number
  readonly teamId: string
  readonly participantId: string | null
  readonly name: string
  readonly text: string
  readonly at: number
  readonly t: number
}

export interface ExerciseState {
  /** Seq of the last event folded in. */
  readonly seq: number
  readonly exerciseId: string
  readonly title: string
  readonly scenario: Scenario | null
  readonly seed: number
  readonly clock: ClockState
  readonly ended: boolean
  readonly participants: Readonly<Record<string, Participant>>
  readonly deliveries: readonly Delivery[]
  /** Scripted injects already fired, with the scenario time they were delivered at. */
  readonly fired: Readonly<Record<string, number>>
  readonly chat: readonly ChatMessage[]
}

export const EMPTY_STATE: ExerciseState = {
  seq: 0,
  exerciseId: '',
  title: '',
  scenario: null,
  seed: 0,
  clock: STOPPED_CLOCK,
  ended: false,
  participants: {},
  deliveries: [],
  fired: {},
  chat: [],
}
