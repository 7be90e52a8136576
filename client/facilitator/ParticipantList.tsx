import { useId } from 'react'
import type { Participant } from '../../core/engine/state'
import type { Team } from '../../core/scenario/schema'
import { ConfirmStep } from '../shared/ConfirmStep'
import { sideLabel } from '../shared/labels'

/**
 * Who has joined, team by team, each team with the control that opens its notebook, and each
 * participant with a confirmed removal when `onRemove` is given.
 */
export function ParticipantList({
  teams,
  participants,
  notebookTeamId = null,
  notebookId,
  onOpenNotebook,
  onRemove,
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
  removeDisabled?: boolean
}) {
  const id = useId()
  const all = Object.values(participants).sort((a, b) => a.joinedAt - b.joinedAt)
  const seated = all.filter((participant) => participant.removedAt === undefined).length
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Participants ({seated})</h2>
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
                    <li key={member.id} data-participant-id={member.id}>
                      {member.removedAt !== undefined ? (
                        <>
                          <s>{member.name}</s> <span className="muted">(removed)</span>
                        </>
                      ) : onRemove ? (
                        <RemovableMember
                          member={member}
                          disabled={removeDisabled}
                          onRemove={onRemove}
                        />
                      ) : (
                        member.name
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
