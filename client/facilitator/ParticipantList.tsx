import { useId } from 'react'
import type { Participant } from '../../core/engine/state'
import type { Team } from '../../core/scenario/schema'
import { sideLabel } from '../shared/labels'

/** Who has joined, team by team, each team with the control that opens its notebook. */
export function ParticipantList({
  teams,
  participants,
  notebookTeamId = null,
  notebookId,
  onOpenNotebook,
}: {
  teams: readonly Team[]
  participants: Readonly<Record<string, Participant>>
  /** The team whose notebook is open beside the list, if any. */
  notebookTeamId?: string | null
  /** The element id of the open notebook's pane (for aria-controls). */
  notebookId?: string
  onOpenNotebook?: (teamId: string | null) => void
}) {
  const id = useId()
  const all = Object.values(participants).sort((a, b) => a.joinedAt - b.joinedAt)
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Participants ({all.length})</h2>
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
                    <li key={member.id}>{member.name}</li>
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
