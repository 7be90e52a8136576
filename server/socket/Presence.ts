/**
 * Who is online: the participants with a socket following an exercise on this process, from the
 * sockets themselves (never from a client's say-so). Each change is told to the exercise's
 * facilitator room (everyone) and to the team's room (its own members only).
 */
import type { Presence as PresenceMessage } from '../../core/protocol'
import type { Audience } from '../../core/protocol/viewer'

/** One socket of a participant, following an exercise. */
interface Seat {
  readonly participantId: string
  readonly teamId: string
}

/** Sends a presence message to an audience of an exercise (its broadcast room). */
export type PublishPresence = (
  exerciseId: string,
  audience: Audience,
  presence: PresenceMessage,
) => void

export class Presence {
  /** Exercise id → socket id → the seat it holds. */
  private readonly exercises = new Map<string, Map<string, Seat>>()

  constructor(private readonly publish: PublishPresence) {}

  /** A participant's socket now follows `exerciseId`. */
  arrive(exerciseId: string, socketId: string, seat: Seat): void {
    let sockets = this.exercises.get(exerciseId)
    if (!sockets) {
      sockets = new Map()
      this.exercises.set(exerciseId, sockets)
    }
    const already = [...sockets.values()].some(
      (other) => other.participantId === seat.participantId,
    )
    sockets.set(socketId, seat)
    if (!already) this.tell(exerciseId, seat.teamId)
  }

  /** A socket stopped following `exerciseId` (it closed, or followed another). */
  leave(exerciseId: string, socketId: string): void {
    const sockets = this.exercises.get(exerciseId)
    const seat = sockets?.get(socketId)
    if (!sockets || !seat) return
    sockets.delete(socketId)
    if (sockets.size === 0) this.exercises.delete(exerciseId)
    const stillHere = [...sockets.values()].some(
      (other) => other.participantId === seat.participantId,
    )
    if (!stillHere) this.tell(exerciseId, seat.teamId)
  }

  /** The participant ids `audience` may know to be online in `exerciseId`, each once. */
  online(exerciseId: string, audience: Audience): string[] {
    const ids = new Set<string>()
    for (const seat of this.exercises.get(exerciseId)?.values() ?? []) {
      if (audience.role === 'facilitator' || seat.teamId === audience.teamId) {
        ids.add(seat.participantId)
      }
    }
    return [...ids].sort()
  }

  private tell(exerciseId: string, teamId: string): void {
    for (const audience of [{ role: 'facilitator' }, { role: 'team', teamId }] as const) {
      this.publish(exerciseId, audience, { exerciseId, online: this.online(exerciseId, audience) })
    }
  }
}
