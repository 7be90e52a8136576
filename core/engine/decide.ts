/**
 * The engine: a command, the state it meets, who sent it and the wall time give either the
 * events to append or an error that says why nothing happened. Pure: time comes in as `now`.
 * Every command first brings the exercise up to `now`, so it meets the state a person sees.
 */
import { scenarioTimeAt } from '../clock/ExerciseClock'
import type { Command, CommandOf } from '../protocol/commands'
import type { ProtocolError } from '../protocol/errors'
import { ERROR_CODES } from '../protocol/errors'
import type { EventDraft } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import type { Viewer } from '../protocol/viewer'
import type { Inject, Scenario } from '../scenario/schema'
import { DEFAULT_TEAM_SIZE } from '../scenario/schema'
import { hasEntry, lookUp } from '../vocabulary/records'
import { formatScenarioTime } from '../vocabulary/scenarioTime'
import { requireApproval, ruleOn } from './adjudication'
import { advance, openDecision } from './advance'
import { acknowledgeInject, openChannel, sendInChannel } from './channels'
import { extendDecision } from './decisionWindow'
import { Emitter } from './Emitter'
import { type BallotOf, openHotWash, submitHotWash } from './hotWash'
import { recordObservation } from './observations'
import { pacedSpeed } from './pace'
import { type Refusal, refuse } from './refusal'
import { injectDueT } from './schedule'
import { answerDecision, launchAttack, takeAction } from './teamCommands'
import { unscriptedInject } from './unscriptedInject'

export type Decided =
  | { readonly ok: true; readonly events: EventDraft[] }
  | { readonly ok: false; readonly error: ProtocolError }

/** What the server knows beyond the log: whether an ended exercise is in its hot wash, and its ballots. */
export interface DecideContext {
  /** The exercise has ended and its hot wash is open: its people may still talk. */
  readonly hotWash?: boolean
  /** The hot-wash ballot of a participant (a keyed hash only the server can compute). */
  readonly ballotOf?: BallotOf
}

/** Decides what `command` from `actor` does to `state` at wall time `now` (epoch ms). */
export function decide(
  state: ExerciseState,
  command: Command,
  actor: Viewer,
  now: number,
  context: DecideContext = {},
): Decided {
  const scenario = state.scenario
  if (!scenario) return refuse(ERROR_CODES.notFound, 'This exercise does not exist.')
  if (command.type === 'exercise.open') return { ok: true, events: [] }
  const refusal =
    checkRole(command, actor) ??
    checkRemoved(state, actor) ??
    (state.ended && !openAfterEnd(command, context) ? ended() : null)
  if (refusal) return refusal
  const emitter = new Emitter(state, now)
  advance(emitter)
  const outcome = apply(emitter, scenario, command, actor, context)
  if (outcome) return outcome
  advance(emitter)
  return { ok: true, events: emitter.drafts }
}

/** The commands only the facilitator may send, with what they do, in words. */
export const FACILITATOR_COMMANDS: Partial<Record<Command['type'], string>> = {
  'clock.start': 'start the scenario clock',
  'clock.pause': 'pause the scenario clock',
  'clock.setSpeed': 'change the clock speed',
  'clock.jump': 'move scenario time',
  'clock.followPlan': 'return the clock to its plan',
  'decision.extend': "extend a decision's deadline",
  'inject.fire': 'fire an inject',
  'inject.skip': 'skip an inject',
  'inject.delay': 'delay an inject',
  'inject.send': 'send an inject',
  'decision.open': 'open a decision',
  'exercise.end': 'end the exercise',
  'participant.remove': 'remove a participant',
  'participant.move': 'move a participant to another team',
  'team.rotateCode': "replace a team's join code",
  'adjudication.require': 'change which attacks need approval',
  'adjudication.rule': 'rule on a move',
  'channel.open': 'open a channel',
}

/** A removed participant's sockets are cut; this refuses whatever one of them had in flight. */
function checkRemoved(state: ExerciseState, actor: Viewer): Refusal | null {
  if (actor.role !== 'participant') return null
  const participant = Object.hasOwn(state.participants, actor.participantId)
    ? state.participants[actor.participantId]
    : undefined
  return participant?.removedAt === undefined
    ? null
    : refuse(ERROR_CODES.forbidden, 'You were removed from this exercise by the facilitator.')
}

/** After the end: removals always, and chat and the survey while the hot wash is open. */
function openAfterEnd(command: Command, context: DecideContext): boolean {
  return (
    command.type === 'participant.remove' ||
    ((command.type === 'chat.send' ||
      command.type === 'channel.send' ||
      command.type === 'hotwash.submit') &&
      !!context.hotWash)
  )
}

/** What an evaluator may send: they watch and rate, and control nothing. */
const EVALUATOR_COMMANDS: ReadonlySet<Command['type']> = new Set([
  'exercise.open',
  'observation.record',
])

function checkRole(command: Command, actor: Viewer): Refusal | null {
  if (actor.role === 'evaluator' && !EVALUATOR_COMMANDS.has(command.type)) {
    return refuse(
      ERROR_CODES.forbidden,
      `Evaluators watch and record observations; '${command.type}' is for the facilitator or the teams.`,
    )
  }
  const what = FACILITATOR_COMMANDS[command.type]
  if (what && actor.role !== 'facilitator') {
    return refuse(ERROR_CODES.forbidden, `Only the facilitator can ${what}; you are a participant.`)
  }
  return null
}

function ended(): Refusal {
  return refuse(ERROR_CODES.conflict, 'The exercise has ended; nothing more can happen in it.')
}

/** Applies the command to the emitter; returns a refusal, or null when it was applied. */
function apply(
  emitter: Emitter,
  scenario: Scenario,
  command: Command,
  actor: Viewer,
  context: DecideContext,
): Refusal | null {
  const state = emitter.state
  const t = scenarioTimeAt(state.clock, emitter.now)
  switch (command.type) {
    case 'exercise.open':
      return null
    case 'clock.start':
      if (state.clock.running)
        return refuse(ERROR_CODES.conflict, 'The scenario clock is already running.')
      emitter.emit({ type: 'clock.started' }, t)
      return null
    case 'clock.pause':
      if (!state.clock.running)
        return refuse(ERROR_CODES.conflict, 'The scenario clock is already paused.')
      emitter.emit({ type: 'clock.paused' }, t)
      return null
    case 'clock.setSpeed':
      if (command.speed !== state.clock.speed)
        emitter.emit({ type: 'clock.speedChanged', speed: command.speed }, t)
      return null
    case 'clock.jump':
      if (command.t < t) {
        return refuse(
          ERROR_CODES.conflict,
          `Scenario time only moves forward: it is ${formatScenarioTime(t)} now, so it cannot jump to ${formatScenarioTime(command.t)}.`,
        )
      }
      // Whatever falls due on the way fires first, at its own time, so a jump skips nothing.
      advance(emitter, command.t)
      emitter.emit({ type: 'clock.jumped', fromT: t }, command.t)
      return null
    case 'clock.followPlan': {
      if (scenario.clockPlan.length === 0)
        return refuse(ERROR_CODES.conflict, 'This scenario has no clock plan to follow.')
      const speed = pacedSpeed({ ...state, pace: { ...state.pace, following: true } }, scenario)
      emitter.emit({ type: 'clock.speedChanged', speed, reason: 'plan' }, t)
      return null
    }
    case 'decision.extend':
      return extendDecision(emitter, command, t)
    case 'observation.record':
      return recordObservation(emitter, scenario, command, actor, t)
    case 'inject.fire':
      return fireInject(emitter, scenario, command, t)
    case 'inject.skip': {
      const inject = findInject(scenario, command.injectId)
      const problem = inject ? notFiredYet(state, inject) : noInject(command.injectId)
      if (problem) return problem
      if (hasEntry(state.skipped, command.injectId))
        return refuse(ERROR_CODES.conflict, `Inject '${command.injectId}' is already skipped.`)
      emitter.emit({ type: 'inject.skipped', injectId: command.injectId }, t)
      return null
    }
    case 'inject.delay': {
      const inject = findInject(scenario, command.injectId)
      if (!inject) return noInject(command.injectId)
      const problem = notFiredYet(state, inject)
      if (problem) return problem
      const dueT = injectDueT(state, scenario, inject)
      if (dueT === null) {
        return refuse(
          ERROR_CODES.conflict,
          `Inject '${inject.id}' has no due time yet (it waits on a trigger); fire it by hand instead.`,
        )
      }
      emitter.emit(
        { type: 'inject.rescheduled', injectId: inject.id, dueT: Math.max(dueT, t) + command.by },
        t,
      )
      return null
    }
    case 'inject.send': {
      const to = [...new Set(Array.isArray(command.to) ? command.to : [command.to])]
      const unknown = to.filter((teamId) => !scenario.teams.some((team) => team.id === teamId))
      if (unknown.length > 0) return refuse(ERROR_CODES.notFound, unknownTeams(unknown, scenario))
      emitter.deliver(unscriptedInject('ad-hoc', { ...command, to }), t, null)
      return null
    }
    case 'decision.open': {
      const decision = scenario.decisions.find((candidate) => candidate.id === command.decisionId)
      if (!decision)
        return refuse(
          ERROR_CODES.notFound,
          `This scenario has no decision '${command.decisionId}'.`,
        )
      if (hasEntry(state.decisions, decision.id))
        return refuse(ERROR_CODES.conflict, `Decision '${decision.id}' is already open or closed.`)
      openDecision(emitter, decision, t)
      return null
    }
    case 'decision.answer':
      return answerDecision(emitter, command, actor, t)
    case 'action.take':
      return takeAction(emitter, scenario, command, actor, t)
    case 'attack.launch':
      return launchAttack(emitter, scenario, command, actor, t)
    case 'chat.send': {
      // Checked before the channel is looked up: a participant learns nothing from the answer.
      if (actor.role === 'participant' && actor.teamId !== command.channel) {
        return refuse(
          ERROR_CODES.forbidden,
          `You can only write in your own team's chat ('${actor.teamId}').`,
        )
      }
      if (!scenario.teams.some((team) => team.id === command.channel)) {
        return refuse(ERROR_CODES.notFound, unknownTeams([command.channel], scenario))
      }
      const author =
        actor.role === 'participant'
          ? {
              participantId: actor.participantId,
              name: lookUp(state.participants, actor.participantId)?.name ?? 'Participant',
            }
          : { participantId: null, name: 'Exercise control' }
      emitter.emit(
        { type: 'chat.message', teamId: command.channel, ...author, text: command.text },
        t,
      )
      return null
    }
    case 'adjudication.require':
      return requireApproval(emitter, scenario, command, t)
    case 'adjudication.rule':
      return ruleOn(emitter, scenario, command, t)
    case 'channel.open':
      return openChannel(emitter, scenario, command, t)
    case 'channel.send':
      return sendInChannel(emitter, command, actor, t)
    case 'inject.acknowledge':
      return acknowledgeInject(emitter, command, actor, t)
    case 'exercise.end':
      emitter.emit({ type: 'exercise.ended' }, t)
      openHotWash(emitter, scenario, t)
      return null
    case 'hotwash.submit':
      return submitHotWash(emitter, scenario, command, actor, t, context.ballotOf)
    case 'participant.remove':
      return removeParticipant(emitter, command, t)
    case 'participant.move':
      return moveParticipant(emitter, scenario, command, t)
    case 'team.rotateCode':
      if (!scenario.teams.some((team) => team.id === command.teamId)) {
        return refuse(ERROR_CODES.notFound, unknownTeams([command.teamId], scenario))
      }
      emitter.emit({ type: 'joinCode.rotated', teamId: command.teamId }, t)
      return null
  }
}

/** Moves a seated participant to another team of the scenario, if that team has room. */
function moveParticipant(
  emitter: Emitter,
  scenario: Scenario,
  command: CommandOf<'participant.move'>,
  t: number,
): Refusal | null {
  const participants = emitter.state.participants
  const participant = lookUp(participants, command.participantId)
  if (!participant) {
    return refuse(
      ERROR_CODES.notFound,
      `No participant '${command.participantId}' in this exercise.`,
    )
  }
  if (participant.removedAt !== undefined) {
    return refuse(ERROR_CODES.conflict, `${participant.name} was removed; they cannot be moved.`)
  }
  const team = scenario.teams.find((candidate) => candidate.id === command.teamId)
  if (!team) return refuse(ERROR_CODES.notFound, unknownTeams([command.teamId], scenario))
  if (participant.teamId === team.id) {
    return refuse(ERROR_CODES.conflict, `${participant.name} is already on ${team.name}.`)
  }
  const cap = team.maxParticipants ?? DEFAULT_TEAM_SIZE
  const seated = Object.values(participants).filter(
    (other) => other.teamId === team.id && other.removedAt === undefined,
  ).length
  if (seated >= cap) {
    return refuse(ERROR_CODES.conflict, `${team.name} is full (${cap} participants).`)
  }
  const { id: participantId, name, teamId: fromTeamId } = participant
  emitter.emit({ type: 'participant.moved', participantId, name, fromTeamId, teamId: team.id }, t)
  return null
}

function removeParticipant(
  emitter: Emitter,
  command: CommandOf<'participant.remove'>,
  t: number,
): Refusal | null {
  const participants = emitter.state.participants
  const participant = Object.hasOwn(participants, command.participantId)
    ? participants[command.participantId]
    : undefined
  if (!participant) {
    return refuse(
      ERROR_CODES.notFound,
      `No participant '${command.participantId}' in this exercise.`,
    )
  }
  if (participant.removedAt !== undefined) {
    return refuse(ERROR_CODES.conflict, `${participant.name} was already removed.`)
  }
  const { id: participantId, teamId, name } = participant
  emitter.emit({ type: 'participant.removed', participantId, teamId, name, by: 'facilitator' }, t)
  return null
}

function fireInject(
  emitter: Emitter,
  scenario: Scenario,
  command: CommandOf<'inject.fire'>,
  t: number,
): Refusal | null {
  const inject = findInject(scenario, command.injectId)
  if (!inject) return noInject(command.injectId)
  const firedAt = lookUp(emitter.state.fired, inject.id)
  if (firedAt !== undefined) {
    return refuse(
      ERROR_CODES.conflict,
      `Inject '${inject.id}' was already fired at ${formatScenarioTime(firedAt)}; each inject fires once.`,
    )
  }
  emitter.deliver(
    { ...inject, title: command.title ?? inject.title, body: command.body ?? inject.body },
    t,
  )
  return null
}

function findInject(scenario: Scenario, injectId: string): Inject | undefined {
  return scenario.injects.find((candidate) => candidate.id === injectId)
}

function noInject(injectId: string): Refusal {
  return refuse(ERROR_CODES.notFound, `This scenario has no inject '${injectId}'.`)
}

function notFiredYet(state: ExerciseState, inject: Inject): Refusal | null {
  const firedAt = lookUp(state.fired, inject.id)
  return firedAt === undefined
    ? null
    : refuse(
        ERROR_CODES.conflict,
        `Inject '${inject.id}' was already fired at ${formatScenarioTime(firedAt)}.`,
      )
}

function unknownTeams(teamIds: string[], scenario: Scenario): string {
  const known = scenario.teams.map((team) => team.id).join(', ')
  return `No team '${teamIds.join("', '")}' in this exercise; its teams are ${known}.`
}
