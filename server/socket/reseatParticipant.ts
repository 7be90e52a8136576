/** Hands every socket of a participant the facilitator moved a seat on its new team, then cuts it. */
import type { ParticipantAccess } from '../auth/ParticipantAccess'
import type { ExerciseRoom } from '../rooms/ExerciseRoom'
import type { HoldoverServer } from './attachSockets'

/**
 * Each socket of `participantId` gets `session.moved` with a token for the team the log now puts
 * them on, and is cut: this process's sockets at once (before any later event of the old team
 * is published), the other processes' once they answer. The page then reconnects as the new
 * team; the old token is refused from then on (ParticipantAccess).
 */
export async function reseatParticipant(
  io: HoldoverServer,
  access: ParticipantAccess,
  room: ExerciseRoom,
  participantId: string,
): Promise<void> {
  const state = room.current
  const participant = state.participants[participantId]
  const team = state.scenario?.teams.find((each) => each.id === participant?.teamId)
  const moved =
    participant && team && participant.removedAt === undefined
      ? {
          ...access.issue(room, participantId, team.id),
          teamId: team.id,
          teamName: team.name,
          side: team.side,
        }
      : null
  const isTheirs = (identity: { viewer: { role: string; participantId?: string } } | undefined) =>
    identity?.viewer.role === 'participant' && identity.viewer.participantId === participantId
  for (const socket of io.sockets.sockets.values()) {
    if (!isTheirs(socket.data.identity)) continue
    if (moved) socket.emit('session.moved', moved)
    socket.disconnect(true)
  }
  for (const socket of await io.fetchSockets()) {
    if (!isTheirs(socket.data.identity)) continue
    if (moved) socket.emit('session.moved', moved)
    socket.disconnect(true)
  }
}
