/** Server → client events. Every event carries its `seq` in the exercise log, wall time `at`, scenario time `t`. */
import type { Rating } from '../scenario/ratings'
import type { Scenario } from '../scenario/schema'
import type { Effect } from '../twin/effectSchema'
import type { Sector } from '../twin/parameters'
import type { Mode } from '../twin/segment'
import type { Status } from '../twin/status'
import type { Channel } from '../vocabulary/constants'
import type { HotWashEventBody } from './hotWashEvents'
import type { PlayEventBody } from './playEvents'

/** Why the engine, not the facilitator, changed the clock. */
export type PaceReason = 'plan' | 'decision'

/** An option of a decision as its team reads it. */
export interface DecisionOption {
  readonly id: string
  readonly label: string
  readonly description: string
}

export interface EventMeta {
  /** Position in the exercise's event log, from 1. */
  readonly seq: number
  /** Wall time, epoch milliseconds. */
  readonly at: number
  /** Scenario time, seconds. */
  readonly t: number
}

export type EventBody =
  | {
      readonly type: 'exercise.created'
      readonly exerciseId: string
      readonly title: string
      readonly scenario: Scenario
      /** Seed of the exercise's pseudo-random generator. */
      readonly seed: number
    }
  | {
      readonly type: 'participant.joined'
      readonly participantId: string
      readonly teamId: string
      readonly name: string
    }
  | {
      readonly type: 'participant.removed'
      readonly participantId: string
      readonly teamId: string
      readonly name: string
      /** Who removed them: `facilitator` (the white cell). */
      readonly by: string
    }
  | {
      readonly type: 'participant.moved'
      readonly participantId: string
      readonly name: string
      /** The team they left. */
      readonly fromTeamId: string
      /** The team they are on now. */
      readonly teamId: string
    }
  | {
      /** A team's join code was replaced (the code itself stays in the store, never in the log). */
      readonly type: 'joinCode.rotated'
      readonly teamId: string
    }
  | {
      readonly type: 'clock.started'
      /** `decision`: the clock resumes because the decision that paused it closed. */
      readonly reason?: 'decision'
    }
  | {
      readonly type: 'clock.paused'
      /** `decision`: a decision that opened pauses the clock (absent: the facilitator paused it). */
      readonly reason?: 'decision'
      /** The decision that paused it (the white cell's only). */
      readonly decisionId?: string
    }
  | {
      readonly type: 'clock.speedChanged'
      readonly speed: number
      /**
       * Absent: the facilitator set it (the clock leaves the plan). `plan`: the facilitator
       * returned to the clock plan. `decision`: a decision opened or closed.
       */
      readonly reason?: PaceReason
    }
  | {
      /** The clock reached a step of the scenario's clock plan; scenario time is the step's. */
      readonly type: 'clock.planStep'
      /** The step's id (blank for teams: the plan is the white cell's). */
      readonly stepId: string
      /** The speed the clock runs at from here, or null when it keeps its speed. */
      readonly speed: number | null
      /** The clock holds (pauses) here. */
      readonly hold: boolean
    }
  | { readonly type: 'clock.jumped'; readonly fromT: number }
  | {
      readonly type: 'inject.delivered'
      /** The scripted inject's id, or null for an ad-hoc inject. */
      readonly injectId: string | null
      /** Groups the deliveries of one inject to several teams. */
      readonly deliveryId: string
      readonly teamId: string
      readonly channel: Channel
      readonly from: string
      readonly title: string
      readonly body: string
    }
  | {
      readonly type: 'chat.message'
      readonly teamId: string
      readonly participantId: string | null
      readonly name: string
      readonly text: string
    }
  | { readonly type: 'inject.skipped'; readonly injectId: string }
  | { readonly type: 'inject.rescheduled'; readonly injectId: string; readonly dueT: number }
  | {
      readonly type: 'decision.opened'
      readonly decisionId: string
      readonly teamId: string
      readonly question: string
      readonly body: string
      readonly options: readonly DecisionOption[]
      readonly decidedBy: 'lead' | 'vote'
      readonly deadlineT: number
      /** The decision stays open at least until this wall time (epoch ms), whatever the clock's speed. */
      readonly deadlineAt?: number
    }
  | {
      /** The facilitator gave a team more time to decide. */
      readonly type: 'decision.extended'
      readonly decisionId: string
      readonly teamId: string
      /** Seconds added. */
      readonly by: number
      readonly deadlineT: number
      readonly deadlineAt: number
    }
  | {
      readonly type: 'decision.answered'
      readonly decisionId: string
      readonly teamId: string
      readonly participantId: string | null
      readonly optionId: string
    }
  | {
      readonly type: 'decision.closed'
      readonly decisionId: string
      readonly teamId: string
      readonly optionId: string | null
      readonly reason: 'answered' | 'vote' | 'default' | 'undecided'
    }
  | {
      readonly type: 'action.taken'
      readonly actionId: string
      readonly teamId: string
      readonly participantId: string | null
      readonly target: string | null
    }
  | {
      readonly type: 'attack.launched'
      readonly attackId: string
      readonly teamId: string
      readonly participantId: string | null
      /** The node aimed at; null for a foothold, which has no target. */
      readonly target: string | null
      /** The parameters red tuned (from the catalogue's `tunable`); absent when none. */
      readonly params?: Readonly<Record<string, number>>
      /** Why red made the move, when it said. */
      readonly rationale?: string
      /** The white cell's request this launch was approved from, when it needed approval. */
      readonly requestId?: string
      /** Scenario time its effect lands (the catalogue's `executeIn` later); absent: at once. */
      readonly landsT?: number
    }
  | {
      readonly type: 'twin.effectApplied'
      readonly effectId: string
      readonly source: 'attack' | 'action' | 'inject'
      readonly sourceId: string
      readonly effect: Effect
      /** Scenario time the effect ends, or null for good. */
      readonly endT: number | null
    }
  | {
      readonly type: 'twin.statusChanged'
      readonly nodeId: string
      /**
       * The node's name, so that whoever is told of the change reads a name: red hears of nodes
       * beyond its chain this way (absent in logs recorded before it).
       */
      readonly label?: string
      readonly sector?: Sector
      readonly status: Status
      readonly previous: Status
      /** The systematic time error the status was judged on, ns (the wander ε left out). */
      readonly timeErrorNs: number
      /** The wander ε at that moment, reported apart (absent in logs recorded before it). */
      readonly wanderNs?: number
      /** What breaks when it failed this way (a consumer's per-direction consequence). */
      readonly consequence?: string
      readonly mode: Mode
      /** Red teams that observe the change (docs/twin.md, "What red sees"); they see it too. */
      readonly teams: readonly string[]
    }
  | {
      readonly type: 'twin.alert'
      readonly alertId: string
      readonly nodeId: string
      readonly teamId: string
      /** true: raised; false: cleared. */
      readonly raised: boolean
      readonly observable: string
      readonly message: string
    }
  | PlayEventBody
  | HotWashEventBody
  | { readonly type: 'exercise.ended' }
  | {
      /** An evaluator took their seat (the white cell's only). */
      readonly type: 'evaluator.joined'
      readonly evaluatorId: string
      readonly name: string
    }
  | {
      /** An evaluator's (or the facilitator's) rating of a team against an objective; no team receives it. */
      readonly type: 'observation.recorded'
      readonly observationId: string
      readonly objectiveId: string
      readonly teamId: string
      readonly rating: Rating
      readonly text: string
      /** The evaluator's id, or `facilitator`. */
      readonly authorId: string
      readonly authorName: string
    }

export type EventType = EventBody['type']
export type HoldoverEvent = EventBody & EventMeta
export type EventOf<K extends EventType> = Extract<EventBody, { type: K }> & EventMeta
/** An event the engine has produced but the log has not yet numbered. */
export type EventDraft = EventBody & Omit<EventMeta, 'seq'>
