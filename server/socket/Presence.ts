/**
 * Who is online: the participants with a socket following an exercise, on this process (from the
 * sockets themselves, never from a client's say-so) or on another (from the cluster). Each change
 * is told to this process's sockets in the exercise's facilitator room (everyone) and in the
 * team's room (its own members only); every process tells its own sockets the same union.
 */
import type { Presence as PresenceMessage } from '../../core/protocol'
import { type Audience, audienceKey, FACILITATOR } from '../../core/protocol/viewer'
import type { ClusterPresence, Seats } from '../cluster/Cluster'
import { ALONE } from '../cluster/SoloCluster'

/** One socket of a participant, following an exercise. */
interface Seat {
  readonly participantId: string
  readonly teamId: string
}

/** Sends a presence message to an audience of an exercise (its broadcast room, this process's sockets). */
export type PublishPresence = (
  exerciseId: string,
  audience: Audience,
  presence: PresenceMessage,
) => void

/** What this process knows of one exercise it has sockets in. */
interface Followed {
  /** Socket id → the seat it holds, or null for a socket with no seat (the facilitator's). */
  readonly sockets: Map<string, Seat | null>
  /** The participants following it on the other processes. */
  elsewhere: Seats
  /** The list each audience (by key) was last told, as JSON. */
  readonly told: Map<string, string>
  stop: () => void
}

export class Presence {
  private readonly exercises = new Map<string, Followed>()

  constructor(
    private readonly publish: PublishPresence,
    private readonly cluster: ClusterPresence = ALONE,
  ) {}

  /** A socket now follows `exerciseId`, holding a participant's seat or none. */
  arrive(exerciseId: string, socketId: string, seat: Seat | null): void {
    const followed = this.exercises.get(exerciseId) ?? this.startFollowing(exerciseId)
    const already = seat !== null && this.isHere(followed, seat.participantId)
    followed.sockets.set(socketId, seat)
    if (seat !== null && !already) this.changedHere(exerciseId, followed)
  }

  /** A socket stopped following `exerciseId` (it closed, or followed another). */
  leave(exerciseId: string, socketId: string): void {
    const followed = this.exercises.get(exerciseId)
    if (!followed?.sockets.has(socketId)) return
    const seat = followed.sockets.get(socketId)
    followed.sockets.delete(socketId)
    if (seat && !this.isHere(followed, seat.participantId)) this.changedHere(exerciseId, followed)
    if (followed.sockets.size === 0) {
      followed.stop()
      this.exercises.delete(exerciseId)
    }
  }

  /** The participant ids `audience` may know to be online in `exerciseId`, each once. */
  online(exerciseId: string, audience: Audience): string[] {
    const ids = new Set<string>()
    for (const [participantId, teamId] of this.everyone(exerciseId)) {
      if (audience.role === 'facilitator' || teamId === audience.teamId) ids.add(participantId)
    }
    return [...ids].sort()
  }

  private startFollowing(exerciseId: string): Followed {
    const followed: Followed = {
      sockets: new Map(),
      elsewhere: new Map(),
      told: new Map(),
      stop: () => undefined,
    }
    this.exercises.set(exerciseId, followed)
    followed.stop = this.cluster.follow(exerciseId, (elsewhere) => {
      if (this.exercises.get(exerciseId) !== followed) return
      followed.elsewhere = elsewhere
      this.tell(exerciseId, followed)
    })
    return followed
  }

  private isHere(followed: Followed, participantId: string): boolean {
    for (const seat of followed.sockets.values()) {
      if (seat?.participantId === participantId) return true
    }
    return false
  }

  /** The participants following `exerciseId` here, participant id → team id. */
  private here(followed: Followed): Map<string, string> {
    const seats = new Map<string, string>()
    for (const seat of followed.sockets.values()) {
      if (seat) seats.set(seat.participantId, seat.teamId)
    }
    return seats
  }

  private everyone(exerciseId: string): Map<string, string> {
    const followed = this.exercises.get(exerciseId)
    if (!followed) return new Map()
    return new Map([...followed.elsewhere, ...this.here(followed)])
  }

  private changedHere(exerciseId: string, followed: Followed): void {
    this.cluster.share(exerciseId, this.here(followed))
    this.tell(exerciseId, followed)
  }

  /** Tells each audience whose list changed since it was last told (a team never told: if any). */
  private tell(exerciseId: string, followed: Followed): void {
    const teams = new Set([...this.everyone(exerciseId).values()])
    for (const key of followed.told.keys()) {
      if (key.startsWith('team:')) teams.add(key.slice('team:'.length))
    }
    const audiences: Audience[] = [
      FACILITATOR,
      ...[...teams].map((teamId) => ({ role: 'team', teamId }) as const),
    ]
    for (const audience of audiences) {
      const key = audienceKey(audience)
      const online = this.online(exerciseId, audience)
      const json = JSON.stringify(online)
      if ((followed.told.get(key) ?? '[]') === json) continue
      followed.told.set(key, json)
      this.publish(exerciseId, audience, { exerciseId, online })
    }
  }
}
