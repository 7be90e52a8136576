/** The exercise state: a fold of its event log (see reducer.ts). */
import type { ClockState } from '../clock/ExerciseClock'
import { STOPPED_CLOCK } from '../clock/ExerciseClock'
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

export interface DecisionOption {
  readonly id: string
  readonly label: string
  readonly description: string
}

/** A decision once it has opened: a union on `state`, so closing fields exist only when closed. */
export type DecisionStatus =
  | {
      readonly state: 'open'
      readonly decisionId: string
      readonly teamId: string
      readonly question: string
      readonly body: string
      readonly options: readonly DecisionOption[]
      readonly decidedBy: 'lead' | 'vote'
      readonly openedT: number
      readonly deadlineT: number
      /** Participant id → option id; the latest answer of each participant counts. */
      readonly votes: Readonly<Record<string, string>>
    }
  | {
      readonly state: 'closed'
      readonly decisionId: string
      readonly teamId: string
      readonly question: string
      readonly body: string
      readonly options: readonly DecisionOption[]
      readonly decidedBy: 'lead' | 'vote'
      readonly openedT: number
      readonly deadlineT: number
      readonly votes: Readonly<Record<string, string>>
      /** The option decided, or null when the deadline passed undecided. */
      readonly optionId: string | null
      readonly reason: 'answered' | 'vote' | 'default' | 'undecided'
      readonly closedT: number
    }

export interface ActionRecord {
  readonly seq: number
  readonly actionId: string
  readonly teamId: string
  readonly participantId: string | null
  readonly target: string | null
  readonly t: number
  readonly at: number
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
  /** Scripted injects the facilitator skipped, with the scenario time of the skip. */
  readonly skipped: Readonly<Record<string, number>>
  /** Scripted injects the facilitator moved, with their new due time. */
  readonly rescheduled: Readonly<Record<string, number>>
  readonly decisions: Readonly<Record<string, DecisionStatus>>
  /** Each action's first taking, as its scenario time. */
  readonly actionsTaken: Readonly<Record<string, number>>
  readonly actions: readonly ActionRecord[]
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
  skipped: {},
  rescheduled: {},
  decisions: {},
  actionsTaken: {},
  actions: [],
  chat: [],
}
