import { channelsOf } from '../../core/engine/channels'
import type { CommandInput, CommandReply } from '../../core/protocol'
import type { ChannelRecord } from '../../core/protocol/playState'
import type { ExerciseState } from '../../core/protocol/state'
import { ChatPanel } from '../shared/TeamChat'

/** The cross-team channels the team belongs to, each a chat with the other teams it names. */
export function TeamChannels({
  state,
  teamId,
  ownParticipantId,
  disabled,
  send,
}: {
  state: ExerciseState
  teamId: string
  ownParticipantId: string
  disabled: boolean
  send: (command: CommandInput) => Promise<CommandReply>
}) {
  return (
    <ChannelChats
      state={state}
      channels={channelsOf(state).filter((channel) => channel.teams.includes(teamId))}
      ownParticipantId={ownParticipantId}
      disabled={disabled}
      send={send}
    />
  )
}

/** A chat for each of `channels`. */
export function ChannelChats({
  state,
  channels,
  ownParticipantId,
  disabled,
  send,
}: {
  state: ExerciseState
  channels: readonly ChannelRecord[]
  ownParticipantId: string | null
  disabled: boolean
  send: (command: CommandInput) => Promise<CommandReply>
}) {
  return (
    <>
      {channels.map((channel) => (
        <ChannelChat
          key={channel.channelId}
          state={state}
          channelId={channel.channelId}
          name={channel.name}
          teams={channel.teams}
          ownParticipantId={ownParticipantId}
          disabled={disabled}
          send={send}
        />
      ))}
    </>
  )
}

/** One cross-team channel: its lines, each with the writer's team, and a box to write in it. */
export function ChannelChat({
  state,
  channelId,
  name,
  teams,
  ownParticipantId,
  disabled,
  send,
}: {
  state: ExerciseState
  channelId: string
  name: string
  teams: readonly string[]
  ownParticipantId: string | null
  disabled: boolean
  send: (command: CommandInput) => Promise<CommandReply>
}) {
  const teamName = (id: string | null) =>
    id === null ? 'exercise control' : (state.scenario?.teams.find((t) => t.id === id)?.name ?? id)
  const messages = (state.play?.channelMessages ?? [])
    .filter((message) => message.channelId === channelId)
    .map((message) => ({
      ...message,
      name:
        message.teamId === null ? message.name : `${message.name} (${teamName(message.teamId)})`,
    }))
  return (
    <ChatPanel
      heading={name}
      recipient={`the channel (${teams.map(teamName).join(', ')})`}
      sendLabel="Send to the channel"
      logTestId="channel-log"
      messages={messages}
      ownParticipantId={ownParticipantId}
      disabled={disabled}
      sendText={(text) => send({ type: 'channel.send', channelId, text })}
      testId={`channel-${channelId}`}
    />
  )
}
