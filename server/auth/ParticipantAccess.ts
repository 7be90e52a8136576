/**
 * Whether a participant token opens its exercise now, and the fresh tokens a connected
 * participant is handed. One check for every door (the socket handshake, any route that takes
 * a participant token), so expiry, removal and the end of the hot wash hold everywhere alike.
 */
import type { Evaluator, Participant } from '../../core/protocol/state'
import type { Team } from '../../core/scenario/schema'
import { lookUp } from '../../core/vocabulary/records'
import type { ExerciseRoom } from '../rooms/ExerciseRoom'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import { EVALUATOR_SEAT } from '../store/Store'
import type { Secrets } from './secrets'
import type { ParticipantClaims } from './tokens'
import { signParticipantToken, verifyParticipantToken } from './tokens'

/** Past the planned length, a token lives this much longer: a long lunch, an overrun, a hot wash. */
export const TOKEN_MARGIN_MS = 12 * 3_600_000

export type ParticipantCheck =
  | {
      readonly ok: true
      readonly kind: 'team'
      readonly room: ExerciseRoom
      readonly participant: Participant
      readonly team: Team
    }
  | {
      readonly ok: true
      readonly kind: 'evaluator'
      readonly room: ExerciseRoom
      readonly evaluator: Evaluator
    }
  | { readonly ok: false; readonly reason: string }

/** A token with its expiry, as the server hands it out. */
export interface IssuedToken {
  readonly token: string
  /** Epoch ms. */
  readonly expiresAt: number
}

export class ParticipantAccess {
  constructor(
    private readonly deps: {
      readonly secrets: Secrets
      readonly rooms: RoomRegistry
      readonly wallClock: () => number
    },
  ) {}

  /** Checks a presented token; the reason says what the person should do. */
  async check(token: string): Promise<ParticipantCheck> {
    const claims = verifyParticipantToken(token, this.deps.secrets.signingKey)
    if (!claims) {
      return refuse('Invalid token: it was not issued by this server. Join again with your code.')
    }
    const room = await this.deps.rooms.get(claims.exerciseId)
    if (claims.teamId === EVALUATOR_SEAT) return this.checkEvaluator(room, claims)
    const participants = room?.current.participants ?? {}
    const participant = Object.hasOwn(participants, claims.participantId)
      ? participants[claims.participantId]
      : undefined
    const teams = room?.current.scenario?.teams ?? []
    const team = teams.find((candidate) => candidate.id === claims.teamId)
    if (room && participant && team && participant.teamId !== team.id) {
      const now = teams.find((candidate) => candidate.id === participant.teamId)
      return refuse(
        `The facilitator moved you to ${now?.name ?? 'another team'}; this seat was on ${team.name}. Reload the page that was open, or join again with the new team's code.`,
      )
    }
    if (!room || !participant || !team || participant.teamId !== team.id) {
      return refuse(
        'This token names an exercise or participant that no longer exists. Join again.',
      )
    }
    if (participant.removedAt !== undefined) {
      return refuse(
        `You were removed from this exercise by the facilitator (at ${clockTime(participant.removedAt)}); this seat no longer opens it. Speak to the facilitator if this is a mistake.`,
      )
    }
    const lapsed = this.lapsed(room, claims)
    return lapsed ?? { ok: true, kind: 'team', room, participant, team }
  }

  /** An evaluator's seat: the evaluator must have joined, and the seat not have lapsed. */
  private checkEvaluator(
    room: ExerciseRoom | undefined | null,
    claims: ParticipantClaims,
  ): ParticipantCheck {
    const evaluator = room ? lookUp(room.current.evaluators, claims.participantId) : undefined
    if (!room || !evaluator) {
      return refuse('This token names an exercise or evaluator that no longer exists. Join again.')
    }
    return this.lapsed(room, claims) ?? { ok: true, kind: 'evaluator', room, evaluator }
  }

  /** Why a seat no longer opens its exercise (the hot wash closed, the token expired), or null. */
  private lapsed(room: ExerciseRoom, claims: ParticipantClaims): ParticipantCheck | null {
    const now = this.deps.wallClock()
    const hotWashEndsAt = room.hotWashEndsAt
    if (hotWashEndsAt !== null && now >= hotWashEndsAt) {
      return refuse(
        `This exercise has ended and its hot wash closed at ${clockTime(hotWashEndsAt)}; ask the facilitator for the replay.`,
      )
    }
    if (now >= expiryOf(claims, room)) {
      return refuse('Your seat in this exercise has expired. Join again with your code.')
    }
    return null
  }

  /** A token for a seat, valid for the exercise's planned length and the margin from now. */
  issue(room: ExerciseRoom, participantId: string, teamId: string): IssuedToken {
    const issuedAt = this.deps.wallClock()
    const lifetime = issuedAt + lifetimeMs(room)
    // After the end a token lasts no longer than the hot wash: nothing is left to open.
    const expiresAt = Math.min(lifetime, room.hotWashEndsAt ?? lifetime)
    const token = signParticipantToken(
      { exerciseId: room.exerciseId, teamId, participantId, issuedAt, expiresAt },
      this.deps.secrets.signingKey,
    )
    return { token, expiresAt }
  }
}

/**
 * The planned length in wall time: the scenario's duration at the clock's speed now (at least
 * 1×, so a paused exercise is not cut short), plus the margin.
 */
function lifetimeMs(room: ExerciseRoom): number {
  const state = room.current
  const durationS = state.scenario?.duration ?? 0
  return (durationS * 1000) / Math.max(1, state.clock.speed) + TOKEN_MARGIN_MS
}

/** A token signed before expiry existed lives as long as one issued when it was. */
function expiryOf(claims: ParticipantClaims, room: ExerciseRoom): number {
  return claims.expiresAt ?? claims.issuedAt + lifetimeMs(room)
}

function refuse(reason: string): ParticipantCheck {
  return { ok: false, reason }
}

function clockTime(at: number): string {
  return `${new Date(at).toISOString().slice(11, 16)} UTC`
}
