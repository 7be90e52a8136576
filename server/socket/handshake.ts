/** The Socket.IO handshake: protocol version and token, checked before a socket exists. */
import type { Socket } from 'socket.io'
import type { SocketAuth } from '../../core/protocol'
import { PROTOCOL_VERSION } from '../../core/protocol'
import type { Viewer } from '../../core/visibility/viewer'
import { FACILITATOR } from '../../core/visibility/viewer'
import type { Secrets } from '../auth/secrets'
import { isAdminToken, verifyParticipantToken } from '../auth/tokens'
import type { RoomRegistry } from '../rooms/RoomRegistry'

/** Who a socket is, decided at the handshake. */
export interface Identity {
  readonly viewer: Viewer
  /** The name shown for this socket (a participant's display name, or the white cell's). */
  readonly displayName: string
  /** A participant's own exercise, named by its token. */
  readonly home: string | undefined
}

export type HandshakeResult = { ok: true; identity: Identity } | { ok: false; reason: string }

export const WHITE_CELL_NAME = 'White cell'

/** Checks the handshake's auth; the reason says what a person should do. */
export async function authenticate(
  socket: Pick<Socket, 'handshake'>,
  secrets: Secrets,
  rooms: RoomRegistry,
): Promise<HandshakeResult> {
  const auth = (socket.handshake.auth ?? {}) as Partial<SocketAuth>
  if (auth.protocol !== undefined && auth.protocol !== PROTOCOL_VERSION) {
    return {
      ok: false,
      reason: `Protocol version mismatch: this client speaks ${String(auth.protocol)}, the server ${PROTOCOL_VERSION}. Reload the page.`,
    }
  }
  if (typeof auth.token !== 'string' || auth.token === '') {
    return {
      ok: false,
      reason: 'Missing token: connect with auth: { token } (an admin or participant token).',
    }
  }
  if (isAdminToken(auth.token, secrets.adminToken)) {
    return {
      ok: true,
      identity: { viewer: FACILITATOR, displayName: WHITE_CELL_NAME, home: undefined },
    }
  }
  const claims = verifyParticipantToken(auth.token, secrets.signingKey)
  if (!claims) {
    return {
      ok: false,
      reason: 'Invalid token: it was not issued by this server. Join again with your code.',
    }
  }
  const room = await rooms.get(claims.exerciseId)
  const participant = room?.current.participants[claims.participantId]
  const team = room?.current.scenario?.teams.find((candidate) => candidate.id === claims.teamId)
  if (!room || !participant || !team || participant.teamId !== team.id) {
    return {
      ok: false,
      reason: 'This token names an exercise or participant that no longer exists. Join again.',
    }
  }
  return {
    ok: true,
    identity: {
      viewer: {
        role: 'participant',
        participantId: participant.id,
        teamId: team.id,
        side: team.side,
      },
      displayName: participant.name,
      home: room.exerciseId,
    },
  }
}
