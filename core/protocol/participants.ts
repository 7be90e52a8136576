/**
 * A participant's record through its life: joined, moved between teams, removed. The reducer
 * writes the truth with these; `visibility/viewState.ts` replays a record's history with
 * them to give the record a team saw, so the two cannot drift apart.
 */
import type { Participant, ParticipantMove } from './state'

/** The record of a participant who joined `teamId` at `at`. */
export function joinedParticipant(
  id: string,
  name: string,
  teamId: string,
  at: number,
): Participant {
  return { id, name, teamId, joinedAt: at }
}

/**
 * The record after `move`. A record the viewer did not know yet (a team that did not see them
 * join) starts here: they joined that team when they moved in.
 */
export function movedParticipant(
  known: Participant | undefined,
  id: string,
  name: string,
  move: ParticipantMove,
): Participant {
  if (!known) return { ...joinedParticipant(id, name, move.teamId, move.at), moves: [move] }
  return { ...known, teamId: move.teamId, movedAt: move.at, moves: [...(known.moves ?? []), move] }
}

/** The record once the facilitator removed them at `at`. */
export function removedParticipant(participant: Participant, at: number): Participant {
  return { ...participant, removedAt: at }
}
