import { type FormEvent, useId, useState } from 'react'
import { channelsOf } from '../../core/engine/channels'
import type { CommandInput, CommandReply } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import type { Scenario } from '../../core/scenario/schema'
import { LIMITS } from '../../core/vocabulary/constants'
import { ChannelChats } from '../team/TeamChannels'

/**
 * The white cell's view of the cross-team channels: every channel with its lines (control may
 * write in each), and a form to open one for the teams it names.
 */
export function ChannelsPane({
  scenario,
  state,
  disabled,
  run,
  send,
}: {
  scenario: Scenario
  state: ExerciseState
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
  send: (command: CommandInput) => Promise<CommandReply>
}) {
  const channels = channelsOf(state)
  return (
    <div data-testid="channels-pane">
      {channels.length === 0 ? (
        <p className="empty">No cross-team channel yet: open one below.</p>
      ) : (
        <ChannelChats
          state={state}
          channels={channels}
          ownParticipantId={null}
          disabled={disabled}
          send={send}
        />
      )}
      <OpenChannelForm
        scenario={scenario}
        taken={[...channels.map((c) => c.channelId), ...scenario.teams.map((t) => t.id)]}
        disabled={disabled}
        run={run}
      />
    </div>
  )
}

function OpenChannelForm({
  scenario,
  taken,
  disabled,
  run,
}: {
  scenario: Scenario
  taken: readonly string[]
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const [name, setName] = useState('')
  const [teams, setTeams] = useState<string[]>([])
  const [includesRed, setIncludesRed] = useState(false)
  const redChosen = teams.some(
    (teamId) => scenario.teams.find((team) => team.id === teamId)?.side === 'red',
  )
  const ready = name.trim() !== '' && teams.length >= 2 && (!redChosen || includesRed)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!ready) return
    const ok = await run({
      type: 'channel.open',
      channelId: channelIdFor(name, taken),
      name: name.trim(),
      teams,
      includesRed: redChosen && includesRed,
    })
    if (ok) {
      setName('')
      setTeams([])
      setIncludesRed(false)
    }
  }
  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>Open a channel</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Channel name</label>
        <input
          id={`${id}-name`}
          className="input"
          maxLength={LIMITS.name}
          value={name}
          disabled={disabled}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <fieldset className="field">
        <legend>For the teams (two or more)</legend>
        {scenario.teams.map((team) => (
          <label key={team.id} className="checkbox">
            <input
              type="checkbox"
              checked={teams.includes(team.id)}
              disabled={disabled}
              onChange={(event) =>
                setTeams((current) =>
                  event.target.checked
                    ? [...current, team.id]
                    : current.filter((teamId) => teamId !== team.id),
                )
              }
            />{' '}
            {team.name}
          </label>
        ))}
      </fieldset>
      {redChosen ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includesRed}
            disabled={disabled}
            onChange={(event) => setIncludesRed(event.target.checked)}
          />{' '}
          Yes, red belongs in this channel: it reads everything written there.
        </label>
      ) : null}
      <p>
        <button type="submit" className="button" disabled={disabled || !ready}>
          Open channel
        </button>
      </p>
    </form>
  )
}

/** An id for a channel from its name: lowercase and dashes, unique among `taken`. */
function channelIdFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'channel'
  let candidate = base
  for (let n = 2; taken.includes(candidate); n++) candidate = `${base}-${n}`
  return candidate
}
