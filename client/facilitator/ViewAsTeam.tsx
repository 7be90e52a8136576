import { useEffect, useRef } from 'react'
import type { Team } from '../../core/scenario/schema'
import { ConnectionBadge } from '../shared/status'
import type { ParticipantSession } from '../shared/storage'
import { useExercise } from '../shared/useExercise'
import { TeamConsole } from '../team/TeamConsole'

/**
 * The white cell looking through a team's eyes: a second socket that the server feeds exactly
 * what that team's members get (its snapshot, events, twin frames, presence, its notebook to
 * read) and that takes no command, rendered as the team's own console with every control off.
 */
export function ViewAsTeam({
  token,
  exerciseId,
  team,
  onBack,
}: {
  token: string
  exerciseId: string
  team: Team
  onBack: () => void
}) {
  const exercise = useExercise(token, exerciseId, { viewAs: team.id })
  const { status, held } = exercise
  const backRef = useRef<HTMLButtonElement>(null)
  // The banner's way back takes the focus: the person just switched, and may switch back.
  useEffect(() => {
    backRef.current?.focus()
  }, [])
  // Only what the white cell has no name for: the team console reads its own from the feed.
  const session: ParticipantSession = {
    token: '',
    exerciseId,
    teamId: team.id,
    participantId: `view-as:${team.id}`,
    teamName: team.name,
    side: team.side,
    name: 'White cell',
    joinedAt: 0,
  }
  const shown = held && held.viewAs === team.id ? held : null
  return (
    <section
      className="view-as"
      aria-label={`${team.name}'s console, read-only`}
      data-testid="view-as"
    >
      <div className="view-as__banner" role="status" data-testid="view-as-banner">
        <p className="view-as__text">
          <strong>Viewing as {team.name} — read-only.</strong> This is what {team.name}'s console
          shows now, as the server sends it to them.
        </p>
        <ConnectionBadge status={status} />
        <button ref={backRef} type="button" className="button" onClick={onBack}>
          Back to the white cell
        </button>
      </div>
      {status.state === 'refused' ? (
        <p role="alert">{status.reason}</p>
      ) : shown ? (
        <TeamConsole session={session} exercise={exercise} held={shown} readOnly />
      ) : (
        <p role="status">Opening {team.name}'s view…</p>
      )}
    </section>
  )
}
