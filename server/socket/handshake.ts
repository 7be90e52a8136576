/** The Socket.IO handshake: protocol version and token, checked before a socket exists. */
import type { Socket } from 'socket.io'
import type { SocketAuth } from '../../core/protocol'
import { PROTOCOL_VERSION } from '../../core/protocol'
import type { Viewer } from '../../core/protocol/viewer'
import { FACILITATOR } from '../../core/protocol/viewer'
import { clientAddress } from '../auth/clientAddress'
import type { ParticipantAccess } from '../auth/ParticipantAccess'
import { SignInThrottle } from '../auth/SignInThrottle'
import type { Secrets } from '../auth/secrets'
import { verifyParticipantToken } from '../auth/tokens'

/** Who a socket is, decided at the handshake. */
export interface Identity {
  readonly viewer: Viewer
  /** The name shown for this socket (a participant's display name, or the white cell's). */
  readonly displayName: string
  /** A participant's own exercise, named by its token. */
  readonly home: string | undefined
}

export type HandshakeResult = { ok: true; identity: Identity } | { ok: false; reason: string }

/** What the handshake checks tokens against. */
export interface HandshakeDeps {
  readonly secrets: Secrets
  readonly access: ParticipantAccess
  readonly signIns: SignInThrottle
  /** Reverse proxies believed in front (see clientAddress). */
  readonly trustProxyHops: number
}

export const WHITE_CELL_NAME = 'White cell'

/** Checks the handshake's auth; the reason says what a person should do. */
export async function authenticate(
  socket: Pick<Socket, 'handshake' | 'request'>,
  deps: HandshakeDeps,
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
  // Only what is not a signed participant token counts as a facilitator sign-in: a room of
  // participants behind the address of someone guessing admin tokens still connects.
  if (!verifyParticipantToken(auth.token, deps.secrets.signingKey)) {
    const address = clientAddress(socket.request, deps.trustProxyHops)
    const signIn = deps.signIns.check(auth.token, deps.secrets.adminToken, address)
    if (signIn.ok) {
      return {
        ok: true,
        identity: { viewer: FACILITATOR, displayName: WHITE_CELL_NAME, home: undefined },
      }
    }
    if (signIn.waitMs > 0) return { ok: false, reason: SignInThrottle.message(signIn.waitMs) }
  }
  const checked = await deps.access.check(auth.token)
  if (!checked.ok) return checked
  if (checked.kind === 'evaluator') {
    return {
      ok: true,
      identity: {
        viewer: { role: 'evaluator', evaluatorId: checked.evaluator.id },
        displayName: checked.evaluator.name,
        home: checked.room.exerciseId,
      },
    }
  }
  const { room, participant, team } = checked
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
