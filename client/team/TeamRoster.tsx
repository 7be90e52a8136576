import { useId } from 'react'
import type { Participant } from '../../core/protocol/state'
import { OnlineMark } from '../shared/OnlineMark'

/** Who is on the team, and who has the exercise open now (the server's presence). */
export function TeamRoster({
  teamId,
  teamName,
  participants,
  online,
  ownParticipantId,
}: {
  teamId: string
  teamName: string
  participants: Readonly<Record<string, Participant>>
  online: readonly string[]
  ownParticipantId: string
}) {
  const id = useId()
  const members = Object.values(participants)
    .filter((member) => member.teamId === teamId && member.removedAt === undefined)
    .sort((a, b) => a.joinedAt - b.joinedAt)
  const here = new Set(online)
  const count = members.filter((member) => here.has(member.id)).length
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="team-roster">
      <h2 id={`${id}-title`}>
        {teamName} <span className="muted">({count} online)</span>
      </h2>
      {members.length === 0 ? (
        <p className="muted">Nobody has joined yet.</p>
      ) : (
        <ul className="plain-list roster">
          {members.map((member) => (
            <li key={member.id} className="roster__member" data-participant-id={member.id}>
              <span className="roster__name">
                {member.name}
                {member.id === ownParticipantId ? <span className="muted"> (you)</span> : null}
              </span>
              <OnlineMark online={here.has(member.id)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
