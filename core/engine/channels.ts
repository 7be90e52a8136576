/** Cross-team channels (declared by the scenario or opened by the white cell) and acknowledged injects. */
import type { CommandOf } from '../protocol/commands'
import { ERROR_CODES } from '../protocol/errors'
import { acknowledgementKey, type ChannelRecord } from '../protocol/playState'
import type { ExerciseState } from '../protocol/state'
import type { Viewer } from '../protocol/viewer'
import { channelTeamsProblem } from '../scenario/channelSchema'
import type { Scenario } from '../scenario/schema'
import { hasEntry, lookUp } from '../vocabulary/records'
import type { Emitter } from './Emitter'
import { type Refusal, refuse } from './refusal'

/** Channels the facilitator may open in one exercise, beside the scenario's. */
export const MAX_OPENED_CHANNELS = 32

/** Every channel of the exercise that `state` knows: the scenario's, then those opened since. */
export function channelsOf(state: ExerciseState): ChannelRecord[] {
  const declared = (state.scenario?.channels ?? []).map((channel) => ({
    channelId: channel.id,
    name: channel.name,
    teams: channel.teams,
    openedT: 0,
  }))
  return [...declared, ...Object.values(state.play?.channels ?? {})]
}

/** The white cell opens a channel for the teams it names. */
export function openChannel(
  emitter: Emitter,
  scenario: Scenario,
  command: CommandOf<'channel.open'>,
  t: number,
): Refusal | null {
  const taken =
    channelsOf(emitter.state).some((channel) => channel.channelId === command.channelId) ||
    scenario.teams.some((team) => team.id === command.channelId)
  if (taken) return refuse(ERROR_CODES.conflict, `The id '${command.channelId}' is taken.`)
  if (Object.keys(emitter.state.play?.channels ?? {}).length >= MAX_OPENED_CHANNELS) {
    return refuse(
      ERROR_CODES.conflict,
      `At most ${MAX_OPENED_CHANNELS} channels can be opened in one exercise; write in one of them.`,
    )
  }
  const problem = channelTeamsProblem(command, scenario.teams)
  if (problem) return refuse(ERROR_CODES.invalid, `A channel needs ${problem}.`)
  const { channelId, name, teams } = command
  emitter.emit({ type: 'channel.opened', channelId, name, teams }, t)
  return null
}

/** A message in a cross-team channel: from a member of one of its teams, or from control. */
export function sendInChannel(
  emitter: Emitter,
  command: CommandOf<'channel.send'>,
  actor: Viewer,
  t: number,
): Refusal | null {
  const channel = channelsOf(emitter.state).find((c) => c.channelId === command.channelId)
  // Not a member and no such channel get one answer: a team learns nothing of others' channels.
  if (!channel || (actor.role === 'participant' && !channel.teams.includes(actor.teamId))) {
    return refuse(ERROR_CODES.notFound, `Your team has no channel '${command.channelId}'.`)
  }
  const author =
    actor.role === 'participant'
      ? {
          teamId: actor.teamId,
          participantId: actor.participantId,
          name: lookUp(emitter.state.participants, actor.participantId)?.name ?? 'Participant',
        }
      : { teamId: null, participantId: null, name: 'Exercise control' }
  emitter.emit(
    {
      type: 'channel.message',
      channelId: channel.channelId,
      teams: channel.teams,
      ...author,
      text: command.text,
    },
    t,
  )
  return null
}

/** A team member acknowledges an inject the team received; the white cell sees who and when. */
export function acknowledgeInject(
  emitter: Emitter,
  command: CommandOf<'inject.acknowledge'>,
  actor: Viewer,
  t: number,
): Refusal | null {
  if (actor.role !== 'participant') {
    return refuse(ERROR_CODES.forbidden, 'A team acknowledges its injects; join a team to do so.')
  }
  const delivered = emitter.state.deliveries.some(
    (delivery) => delivery.deliveryId === command.deliveryId && delivery.teamId === actor.teamId,
  )
  if (!delivered) {
    return refuse(ERROR_CODES.notFound, `Your team received no inject '${command.deliveryId}'.`)
  }
  const key = acknowledgementKey(command.deliveryId, actor.teamId)
  const acknowledged = emitter.state.play?.acknowledged ?? {}
  if (hasEntry(acknowledged, key)) {
    const by = lookUp(acknowledged, key)?.name ?? 'a team member'
    return refuse(ERROR_CODES.conflict, `${by} already acknowledged it for your team.`)
  }
  emitter.emit(
    {
      type: 'inject.acknowledged',
      deliveryId: command.deliveryId,
      teamId: actor.teamId,
      participantId: actor.participantId,
      name: lookUp(emitter.state.participants, actor.participantId)?.name ?? 'Participant',
    },
    t,
  )
  return null
}
