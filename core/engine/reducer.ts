/** State = fold(events): the one reducer that the server, the client and the replay share. */
import { jumpClock, pauseClock, setClockSpeed, startClock } from '../clock/ExerciseClock'
import type { HoldoverEvent } from '../protocol/events'
import { joinedParticipant, movedParticipant, removedParticipant } from '../protocol/participants'
import type { ExerciseState } from '../protocol/state'
import { EMPTY_STATE } from '../protocol/state'
import { hasEntry, lookUp } from '../vocabulary/records'
import { COPYING, type Drafts, OwnedDrafts } from './drafts'
import { applyHotWashEvent } from './hotWashReducer'
import { paceAfterSpeed, paceAfterStep } from './paceReducer'
import { applyPlayEvent } from './playReducer'

/**
 * Applies one event to the state and returns the new state. With the default `drafts` the input
 * is not modified; a fold passes its own (drafts.ts) to grow what it alone holds in place.
 */
export function applyEvent(
  state: ExerciseState,
  event: HoldoverEvent,
  drafts: Drafts = COPYING,
): ExerciseState {
  const { withEntry, appended } = drafts
  const next = { ...state, seq: event.seq }
  switch (event.type) {
    case 'exercise.created':
      return {
        ...next,
        exerciseId: event.exerciseId,
        title: event.title,
        scenario: event.scenario,
        seed: event.seed,
      }
    case 'participant.joined':
      return {
        ...next,
        participants: withEntry(
          state.participants,
          event.participantId,
          joinedParticipant(event.participantId, event.name, event.teamId, event.at),
        ),
      }
    case 'participant.removed': {
      const participant = lookUp(state.participants, event.participantId)
      if (!participant) return next
      return {
        ...next,
        participants: withEntry(
          state.participants,
          event.participantId,
          removedParticipant(participant, event.at),
        ),
      }
    }
    case 'participant.moved': {
      const { fromTeamId, teamId, at } = event
      return {
        ...next,
        participants: withEntry(
          state.participants,
          event.participantId,
          movedParticipant(
            lookUp(state.participants, event.participantId),
            event.participantId,
            event.name,
            { fromTeamId, teamId, at },
          ),
        ),
      }
    }
    case 'joinCode.rotated':
      return next
    case 'clock.started':
      return {
        ...next,
        clock: startClock(state.clock, event.at),
        pace: { ...state.pace, pausedBy: null },
      }
    case 'clock.paused':
      return {
        ...next,
        clock: { ...pauseClock(state.clock, event.at), anchorT: event.t },
        pace: { ...state.pace, pausedBy: event.decisionId ?? null },
      }
    case 'clock.speedChanged':
      // Anchored at the event's own scenario time: the engine changes pace at the moment a plan
      // step or a decision falls due, not at the tick that noticed it.
      return {
        ...next,
        clock: { ...setClockSpeed(state.clock, event.speed, event.at), anchorT: event.t },
        pace: paceAfterSpeed(state.pace, event.speed, event.reason),
      }
    case 'clock.planStep': {
      // A team is told of a step without its id (visibility/viewEvent.ts): it reaches nothing.
      const pace =
        event.stepId === '' ? state.pace : paceAfterStep(state.pace, event.stepId, event.t)
      // A step that changes nothing (the speed it asks for is already the clock's) leaves it be.
      if (event.speed === null && !event.hold) return { ...next, pace }
      const anchored = { ...state.clock, anchorT: event.t, anchorAt: event.at }
      const clock = {
        ...anchored,
        speed: event.speed ?? anchored.speed,
        running: anchored.running && !event.hold,
      }
      return { ...next, clock, pace }
    }
    case 'clock.jumped':
      return { ...next, clock: jumpClock(state.clock, event.t, event.at) }
    case 'inject.delivered': {
      const { type: _type, ...delivery } = event
      return {
        ...next,
        deliveries: appended(state.deliveries, delivery),
        fired:
          event.injectId === null
            ? state.fired
            : keepFirst(state.fired, event.injectId, event.t, drafts),
      }
    }
    case 'chat.message': {
      const { type: _type, ...message } = event
      return { ...next, chat: appended(state.chat, message) }
    }
    case 'inject.skipped':
      return { ...next, skipped: withEntry(state.skipped, event.injectId, event.t) }
    case 'inject.rescheduled':
      return { ...next, rescheduled: withEntry(state.rescheduled, event.injectId, event.dueT) }
    case 'decision.opened': {
      const { type: _type, seq: _seq, at: _at, t, ...opened } = event
      return {
        ...next,
        decisions: withEntry(state.decisions, event.decisionId, {
          ...opened,
          state: 'open',
          openedT: t,
          deadlineAt: event.deadlineAt ?? null,
          votes: {},
        }),
      }
    }
    case 'decision.extended': {
      const decision = lookUp(state.decisions, event.decisionId)
      if (decision?.state !== 'open') return next
      return {
        ...next,
        decisions: withEntry(state.decisions, event.decisionId, {
          ...decision,
          deadlineT: event.deadlineT,
          deadlineAt: event.deadlineAt,
        }),
      }
    }
    case 'decision.answered': {
      const decision = lookUp(state.decisions, event.decisionId)
      if (decision?.state !== 'open') return next
      const voter = event.participantId ?? 'facilitator'
      return {
        ...next,
        decisions: withEntry(state.decisions, event.decisionId, {
          ...decision,
          votes: withEntry(decision.votes, voter, event.optionId),
        }),
      }
    }
    case 'decision.closed': {
      const decision = lookUp(state.decisions, event.decisionId)
      if (decision?.state !== 'open') return next
      return {
        ...next,
        decisions: withEntry(state.decisions, event.decisionId, {
          ...decision,
          state: 'closed',
          optionId: event.optionId,
          reason: event.reason,
          closedT: event.t,
        }),
      }
    }
    case 'action.taken': {
      const { type: _type, ...record } = event
      return {
        ...next,
        actions: appended(state.actions, record),
        actionsTaken: keepFirst(state.actionsTaken, event.actionId, event.t, drafts),
      }
    }
    case 'attack.launched': {
      const { type: _type, ...record } = event
      return { ...next, attacks: appended(state.attacks, record) }
    }
    case 'twin.effectApplied':
      return {
        ...next,
        effects: appended(state.effects, {
          effectId: event.effectId,
          source: event.source,
          sourceId: event.sourceId,
          effect: event.effect,
          startT: event.t,
          endT: event.endT,
        }),
      }
    case 'twin.statusChanged': {
      const record = {
        nodeId: event.nodeId,
        ...(event.label === undefined ? {} : { label: event.label }),
        sector: event.sector ?? null,
        status: event.status,
        previous: event.previous,
        timeErrorNs: event.timeErrorNs,
        mode: event.mode,
        t: event.t,
        teams: event.teams,
      }
      return {
        ...next,
        nodeStatus: withEntry(state.nodeStatus, event.nodeId, record),
        statusLog: appended(state.statusLog, record),
      }
    }
    case 'twin.alert': {
      const { type: _type, ...record } = event
      return { ...next, alerts: appended(state.alerts, record) }
    }
    case 'adjudication.required':
    case 'adjudication.requested':
    case 'adjudication.ruled':
    case 'attack.landed':
    case 'channel.opened':
    case 'channel.message':
    case 'inject.acknowledged':
      return applyPlayEvent(next, event, drafts)
    case 'exercise.ended':
      return { ...next, ended: true, clock: pauseClock(state.clock, event.at) }
    case 'evaluator.joined':
      return {
        ...next,
        evaluators: withEntry(state.evaluators, event.evaluatorId, {
          id: event.evaluatorId,
          name: event.name,
          joinedAt: event.at,
        }),
      }
    case 'observation.recorded': {
      const { type: _type, ...observation } = event
      return { ...next, observations: appended(state.observations, observation) }
    }
    case 'hotwash.opened':
    case 'hotwash.submitted':
      return applyHotWashEvent(next, event, drafts)
  }
}

/** Folds a sequence of events, from the empty state unless another is given, in linear time. */
export function foldEvents(
  events: Iterable<HoldoverEvent>,
  from: ExerciseState = EMPTY_STATE,
): ExerciseState {
  // Nobody sees the states in between, so the fold may grow what it has copied in place.
  const drafts = new OwnedDrafts()
  let state = from
  for (const event of events) state = applyEvent(state, event, drafts)
  return state
}

/** The record with `key` set to `value`, unless it already has a value (the first one counts). */
function keepFirst(
  record: Readonly<Record<string, number>>,
  key: string,
  value: number,
  drafts: Drafts,
): Readonly<Record<string, number>> {
  return hasEntry(record, key) ? record : drafts.withEntry(record, key, value)
}
