import { useId } from 'react'
import type { Participant } from '../../core/engine/state'
import type { Team } from '../../core/scenario/schema'
import { sideLabel } from '../shared/labels'

/** Who has joined, team by team. */
export function ParticipantList({
  teams,
  participants,
}: {
  teams: readonly Team[]
  participants: Readonly<Record<string, Participant>>
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
              <h3 className="team-list__name">
                {team.name} <span className="muted">({sideLabel(team.side)})</span>
              </h3>
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
