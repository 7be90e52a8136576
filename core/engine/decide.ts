/**
 * The engine: a command, the state it meets, who sent it and the wall time give either the
 * events to append or an error that says why nothing happened. Pure: time comes in as `now`.
 */
import { scenarioTimeAt } from '../clock/ExerciseClock'
import { formatScenarioTime } from '../clock/scenarioTime'
import type { Command } from '../protocol/commands'
import { ERROR_CODES, type ProtocolError, protocolError } from '../protocol/errors'
import type { EventDraft } from '../protocol/events'
import type { Inject, Scenario } from '../scenario/schema'
import type { Viewer } from '../visibility/viewer'
import { dueInjectDrafts, injectDeliveries } from './due'
import type { ExerciseState } from './state'

export type Decision =
  | { readonly ok: true; readonly events: EventDraft[] }
  | { readonly ok: false; readonly error: ProtocolError }

const refuse = (code: ProtocolError['code'], message: string): Decision => ({
  ok: false,
  error: protocolError(code, message),
})
const accept = (events: EventDraft[]): Decision => ({ ok: true, events })

/** Decides what `command` from `actor` does to `state` at wall time `now` (epoch ms). */
export function decide(
  state: ExerciseState,
  command: Command,
  actor: Viewer,
  now: number,
): Decision {
  const scenario = state.scenario
  if (!scenario) return refuse(ERROR_CODES.notFound, 'This exercise does not exist.')
  const t = scenarioTimeAt(state.clock, now)
  const facilitatorOnly = (what: string): Decision | null =>
    actor.role === 'facilitator'
      ? null
      : refuse(ERROR_CODES.forbidden, `Only the facilitator can ${what}; you are a participant.`)
  const notEnded = (): Decision | null =>
    state.ended
      ? refuse(ERROR_CODES.conflict, 'The exercise has ended; nothing more can happen in it.')
      : null

  switch (command.type) {
    case 'exercise.open':
      return accept([])
    case 'clock.start':
      return (
        facilitatorOnly('start the scenario clock') ??
        notEnded() ??
        (state.clock.running
          ? refuse(ERROR_CODES.conflict, 'The scenario clock is already running.')
          : accept([{ type: 'clock.started', at: now, t }]))
      )
    case 'clock.pause':
      return (
        facilitatorOnly('pause the scenario clock') ??
        notEnded() ??
        (state.clock.running
          ? accept([...dueInjectDrafts(state, now), { type: 'clock.paused', at: now, t }])
          : refuse(ERROR_CODES.conflict, 'The scenario clock is already paused.'))
      )
    case 'clock.setSpeed':
      return (
        facilitatorOnly('change the clock speed') ??
        notEnded() ??
        (command.speed === state.clock.speed
          ? accept([])
          : accept([
              ...dueInjectDrafts(state, now),
              { type: 'clock.speedChanged', speed: command.speed, at: now, t },
            ]))
      )
    case 'clock.jump': {
      const refused = facilitatorOnly('move scenario time') ?? notEnded()
      if (refused) return refused
      if (command.t < t) {
        return refuse(
          ERROR_CODES.conflict,
          `Scenario time only moves forward: it is ${formatScenarioTime(t)} now, so it cannot jump to ${formatScenarioTime(command.t)}.`,
        )
      }
      // Whatever falls due on the way fires first, at its own time, so a jump skips nothing.
      const due = dueInjectDrafts(state, now, command.t)
      return accept([...due, { type: 'clock.jumped', fromT: t, at: now, t: command.t }])
    }
    case 'inject.fire': {
      const refused = facilitatorOnly('fire an inject') ?? notEnded()
      if (refused) return refused
      const inject = scenario.injects.find((candidate) => candidate.id === command.injectId)
      if (!inject) {
        return refuse(ERROR_CODES.notFound, `This scenario has no inject '${command.injectId}'.`)
      }
      const firedAt = state.fired[inject.id]
      if (firedAt !== undefined) {
        return refuse(
          ERROR_CODES.conflict,
          `Inject '${inject.id}' was already fired at ${formatScenarioTime(firedAt)}; each inject fires once.`,
        )
      }
      return accept(injectDeliveries(state, inject, now, t, 0))
    }
    case 'inject.send': {
      const refused = facilitatorOnly('send an inject') ?? notEnded()
      if (refused) return refused
      const to = unique(Array.isArray(command.to) ? command.to : [command.to])
      const unknown = to.filter((teamId) => !scenario.teams.some((team) => team.id === teamId))
      if (unknown.length > 0) return refuse(ERROR_CODES.notFound, unknownTeams(unknown, scenario))
      const adHoc: Inject = {
        id: 'ad-hoc',
        at: t,
        phase: '',
        from: command.from,
        to,
        channel: command.channel,
        title: command.title,
        body: command.body,
        expectedActions: [],
        objectives: [],
        notes: '',
      }
      return accept(injectDeliveries(state, adHoc, now, t, 0, null))
    }
    case 'chat.send': {
      const refused = notEnded()
      if (refused) return refused
      if (!scenario.teams.some((team) => team.id === command.channel)) {
        return refuse(ERROR_CODES.notFound, unknownTeams([command.channel], scenario))
      }
      if (actor.role === 'participant' && actor.teamId !== command.channel) {
        return refuse(
          ERROR_CODES.forbidden,
          `You can only write in your own team's chat ('${actor.teamId}').`,
        )
      }
      const author =
        actor.role === 'participant'
          ? {
              participantId: actor.participantId,
              name: state.participants[actor.participantId]?.name ?? 'Participant',
            }
          : { participantId: null, name: 'Exercise control' }
      return accept([
        {
          type: 'chat.message',
          teamId: command.channel,
          ...author,
          text: command.text,
          at: now,
          t,
        },
      ])
    }
    case 'exercise.end': {
      const refused = facilitatorOnly('end the exercise') ?? notEnded()
      if (refused) return refused
      return accept([
        ...(state.clock.running ? dueInjectDrafts(state, now) : []),
        { type: 'exercise.ended', at: now, t },
      ])
    }
    case 'attack.launch':
      return refuse(ERROR_CODES.notFound, `This scenario has no attack '${command.attackId}'.`)
    case 'action.take':
      return refuse(ERROR_CODES.notFound, `This scenario has no action '${command.actionId}'.`)
    case 'decision.answer':
      return refuse(ERROR_CODES.notFound, `This scenario has no decision '${command.decisionId}'.`)
  }
}

function unknownTeams(teamIds: string[], scenario: Scenario): string {
  const known = scenario.teams.map((team) => team.id).join(', ')
  return `No team '${teamIds.join("', '")}' in this exercise; its teams are ${known}.`
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)]
}
