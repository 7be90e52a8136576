import { useId, useState } from 'react'
import type { Participant } from '../../core/protocol/state'
import type { Team } from '../../core/scenario/schema'
import { ConfirmStep } from '../shared/ConfirmStep'
import { sideLabel } from '../shared/labels'
import { OnlineMark, wallClockTime } from '../shared/OnlineMark'

/**
 * The roster: who has joined, team by team, who is online now (the server's presence) and when
 * each joined; each team with the control that opens its notebook, each participant with a move
 * to another team when `onMove` is given and a confirmed removal when `onRemove` is.
 */
export function ParticipantList({
  teams,
  participants,
  notebookTeamId = null,
  notebookId,
  onOpenNotebook,
  onRemove,
  onMove,
  online,
  removeDisabled = false,
}: {
  teams: readonly Team[]
  participants: Readonly<Record<string, Participant>>
  /** The team whose notebook is open beside the list, if any. */
  notebookTeamId?: string | null
  /** The element id of the open notebook's pane (for aria-controls). */
  notebookId?: string
  onOpenNotebook?: (teamId: string | null) => void
  /** Removes a participant: their sockets are cut and their token refused. */
  onRemove?: (participantId: string) => Promise<unknown>
  /** Moves a participant to another team: their page reconnects there. */
  onMove?: (participantId: string, teamId: string) => Promise<unknown>
  /** Participant ids online now; none given, presence is not shown. */
  online?: readonly string[]
  removeDisabled?: boolean
}) {
  const here = new Set(online ?? [])
  const id = useId()
  const all = Object.values(participants).sort((a, b) => a.joinedAt - b.joinedAt)
  const seated = all.filter((participant) => participant.removedAt === undefined).length
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        Participants ({seated}
        {online
          ? `, ${all.filter((p) => p.removedAt === undefined && here.has(p.id)).length} online`
          : ''}
        )
      </h2>
      <ul className="team-list" data-testid="participants">
        {teams.map((team) => {
          const members = all.filter((participant) => participant.teamId === team.id)
          return (
            <li key={team.id} data-team-id={team.id}>
              <div className="team-list__head">
                <h3 className="team-list__name">
                  {team.name} <span className="muted">({sideLabel(team.side)})</span>
                </h3>
                {onOpenNotebook ? (
                  <button
                    type="button"
                    className="button button--small"
                    aria-expanded={notebookTeamId === team.id}
                    aria-controls={notebookTeamId === team.id ? notebookId : undefined}
                    onClick={() => onOpenNotebook(notebookTeamId === team.id ? null : team.id)}
                  >
                    {notebookTeamId === team.id ? 'Close notebook' : 'Open notebook'}
                    <span className="visually-hidden">: {team.name}</span>
                  </button>
                ) : null}
              </div>
              {members.length === 0 ? (
                <p className="muted">Nobody yet.</p>
              ) : (
                <ul className="plain-list">
                  {members.map((member) => (
                    <li key={member.id} className="roster__member" data-participant-id={member.id}>
                      {member.removedAt !== undefined ? (
                        <>
                          <s>{member.name}</s> <span className="muted">(removed)</span>
                        </>
                      ) : (
                        <>
                          {onRemove ? (
                            <RemovableMember
                              member={member}
                              disabled={removeDisabled}
                              onRemove={onRemove}
                            />
                          ) : (
                            member.name
                          )}
                          {online ? <OnlineMark online={here.has(member.id)} /> : null}
                          <span className="muted roster__joined">
                            joined {wallClockTime(member.joinedAt)}
                          </span>
                          {onMove && teams.length > 1 ? (
                            <MoveMember
                              member={member}
                              teams={teams}
                              disabled={removeDisabled}
                              onMove={onMove}
                            />
                          ) : null}
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function RemovableMember({
  member,
  disabled,
  onRemove,
}: {
  member: Participant
  disabled: boolean
  onRemove: (participantId: string) => Promise<unknown>
}) {
  return (
    <ConfirmStep
      targets={[]}
      labelOf={() => member.name}
      pickerClassName="field"
      confirmClassName="confirm"
      confirmButtonClassName="button button--danger"
      confirmLabel="Yes, remove"
      question={() => (
        <>
          Remove {member.name}? Their page is disconnected at once and their seat no longer opens
          the exercise; the log keeps what they did.
        </>
      )}
      disabled={disabled}
      onConfirm={() => onRemove(member.id)}
      trigger={({ ref, ask }) => (
        <>
          {member.name}{' '}
          <button
            ref={ref}
            type="button"
            className="button button--small"
            disabled={disabled}
            aria-label={`Remove ${member.name}`}
            onClick={ask}
          >
            Remove…
          </button>
        </>
      )}
    />
  )
}

function MoveMember({
  member,
  teams,
  disabled,
  onMove,
}: {
  member: Participant
  teams: readonly Team[]
  disabled: boolean
  onMove: (participantId: string, teamId: string) => Promise<unknown>
}) {
  const id = useId()
  const others = teams.filter((team) => team.id !== member.teamId)
  const [teamId, setTeamId] = useState(others[0]?.id ?? '')
  const [busy, setBusy] = useState(false)
  const chosen = others.some((team) => team.id === teamId) ? teamId : (others[0]?.id ?? '')
  return (
    <span className="roster__move">
      <label htmlFor={`${id}-to`} className="visually-hidden">
        Move {member.name} to
      </label>
      <select
        id={`${id}-to`}
        className="input input--tiny"
        value={chosen}
        disabled={disabled || busy}
        onChange={(event) => setTeamId(event.target.value)}
      >
        {others.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--small"
        disabled={disabled || busy || chosen === ''}
        aria-label={`Move ${member.name}`}
        onClick={async () => {
          setBusy(true)
          await onMove(member.id, chosen)
          setBusy(false)
        }}
      >
        Move
      </button>
    </span>
  )
}
