/**
 * The exercise state: a fold of its event log (core/engine/reducer.ts), and what a snapshot
 * carries on the wire. Types and the empty state only; the reducer and the rules live above.
 */
import type { ClockState } from '../clock/ExerciseClock'
import { STOPPED_CLOCK } from '../clock/ExerciseClock'
import type { Scenario } from '../scenario/schema'
import type { Effect } from '../twin/effectSchema'
import type { Sector } from '../twin/parameters'
import type { Mode } from '../twin/segment'
import type { Status } from '../twin/status'
import type { Channel } from '../vocabulary/constants'
import { emptyRecord } from '../vocabulary/records'
import type { DecisionOption, EventOf } from './events'
import { EMPTY_HOT_WASH, type HotWashState } from './hotWashState'
import { EMPTY_PLAY, type PlayState } from './playState'

export interface Participant {
  readonly id: string
  readonly name: string
  readonly teamId: string
  readonly joinedAt: number
  /** Wall time the facilitator removed them (epoch ms); absent while they take part. */
  readonly removedAt?: number
  /** Wall time the facilitator last moved them to `teamId` (epoch ms); absent if never. */
  readonly movedAt?: number
  /** Their moves between teams, in order; absent if never moved. */
  readonly moves?: readonly ParticipantMove[]
}

/** A move from one team to another, at a wall time (epoch ms). */
export interface ParticipantMove {
  readonly fromTeamId: string
  readonly teamId: string
  readonly at: number
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

interface DecisionFacts {
  readonly decisionId: string
  readonly teamId: string
  readonly question: string
  readonly body: string
  readonly options: readonly DecisionOption[]
  readonly decidedBy: 'lead' | 'vote'
  readonly openedT: number
  readonly deadlineT: number
  /** Open at least until this wall time (epoch ms); null in logs from before the minimum. */
  readonly deadlineAt: number | null
  /** Participant id → option id; the latest answer of each participant counts. */
  readonly votes: Readonly<Record<string, string>>
}

/** A decision once it has opened: a union on `state`, so closing fields exist only when closed. */
export type DecisionStatus =
  | (DecisionFacts & { readonly state: 'open' })
  | (DecisionFacts & {
      readonly state: 'closed'
      /** The option decided, or null when the deadline passed undecided. */
      readonly optionId: string | null
      readonly reason: 'answered' | 'vote' | 'default' | 'undecided'
      readonly closedT: number
    })

export interface ActionRecord {
  readonly seq: number
  readonly actionId: string
  readonly teamId: string
  readonly participantId: string | null
  readonly target: string | null
  readonly t: number
  readonly at: number
}

export interface AttackRecord {
  readonly seq: number
  readonly attackId: string
  readonly teamId: string
  readonly participantId: string | null
  /** Null for a foothold, which has no target. */
  readonly target: string | null
  /** The parameters red tuned; absent when it launched with the catalogue's defaults. */
  readonly params?: Readonly<Record<string, number>>
  readonly rationale?: string
  /** The white cell's request it was approved from, when it needed approval. */
  readonly requestId?: string
  /** When its effect lands (absent: at launch); `landedT` once it has. */
  readonly landsT?: number
  readonly landedT?: number
  readonly t: number
  readonly at: number
}

/** An effect on the twin, in force from `startT` until `endT` (null: for good). */
export interface EffectRecord {
  readonly effectId: string
  readonly source: 'attack' | 'action' | 'inject'
  readonly sourceId: string
  readonly effect: Effect
  readonly startT: number
  readonly endT: number | null
}

/** A node's status as the log last recorded it. */
export interface NodeStatusRecord {
  readonly nodeId: string
  /** The node's name as the change reported it (absent in older logs). */
  readonly label?: string
  readonly sector: Sector | null
  readonly status: Status
  readonly previous: Status
  readonly timeErrorNs: number
  readonly mode: Mode
  readonly t: number
  /** Red teams that observed the change (docs/twin.md, "What red sees"). */
  readonly teams: readonly string[]
}

export interface AlertRecord {
  readonly seq: number
  readonly alertId: string
  readonly nodeId: string
  readonly teamId: string
  readonly raised: boolean
  readonly observable: string
  readonly message: string
  readonly t: number
  readonly at: number
}

export interface Evaluator {
  readonly id: string
  readonly name: string
  readonly joinedAt: number
}

/** An observation as the state keeps it: the event without its type. */
export type ObservationRecord = Omit<EventOf<'observation.recorded'>, 'type'>

/** The clock plan's progress and who paces the clock (core/engine/pace.ts). */
export interface PaceState {
  /** The clock follows the scenario's plan; false once the facilitator sets a speed of their own. */
  readonly following: boolean
  /** The speed the facilitator last set (1× until they do): the pace off the plan. */
  readonly manualSpeed: number
  /** Steps of the plan already reached, with their scenario time: each is reached once. */
  readonly reached: Readonly<Record<string, number>>
  /** The decision whose opening paused the clock, while the clock stays paused for it. */
  readonly pausedBy: string | null
}

export const START_PACE: PaceState = {
  following: true,
  manualSpeed: 1,
  reached: emptyRecord(),
  pausedBy: null,
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
  readonly attacks: readonly AttackRecord[]
  /** Effects on the twin (ground truth: the facilitator's only). */
  readonly effects: readonly EffectRecord[]
  /** Each node's last recorded status (nodes never recorded are ok). */
  readonly nodeStatus: Readonly<Record<string, NodeStatusRecord>>
  /** Every recorded status change, in order: the sector board's history. */
  readonly statusLog: readonly NodeStatusRecord[]
  /** Alerts raised and cleared, in order. */
  readonly alerts: readonly AlertRecord[]
  readonly chat: readonly ChatMessage[]
  readonly play: PlayState
  /** The clock plan's progress and who paces the clock (core/engine/pace.ts). */
  readonly pace: PaceState
  /** Evaluators seated, by id. */
  readonly evaluators: Readonly<Record<string, Evaluator>>
  /** Observations recorded by evaluators and the facilitator, in order. */
  readonly observations: readonly ObservationRecord[]
  /** The survey after the end, and its responses (hotWashState.ts). */
  readonly hotWash: HotWashState
}

export const EMPTY_STATE: ExerciseState = {
  seq: 0,
  exerciseId: '',
  title: '',
  scenario: null,
  seed: 0,
  clock: STOPPED_CLOCK,
  ended: false,
  participants: emptyRecord(),
  deliveries: [],
  fired: emptyRecord(),
  skipped: emptyRecord(),
  rescheduled: emptyRecord(),
  decisions: emptyRecord(),
  actionsTaken: emptyRecord(),
  actions: [],
  attacks: [],
  effects: [],
  nodeStatus: emptyRecord(),
  statusLog: [],
  alerts: [],
  chat: [],
  play: EMPTY_PLAY,
  pace: START_PACE,
  evaluators: emptyRecord(),
  observations: [],
  hotWash: EMPTY_HOT_WASH,
}
