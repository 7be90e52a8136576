/** Hands each connected participant fresh tokens, and cuts a socket whose seat ended meanwhile. */
import type { RemoteSocket, Server, Socket } from 'socket.io'
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/protocol'
import type { Identity } from '../socket/handshake'
import type { ParticipantAccess } from './ParticipantAccess'

/** How often a connected participant gets a fresh token: far inside any token's lifetime. */
export const TOKEN_REFRESH_MS = 10 * 60_000

type SocketData = { identity: Identity }
type HoldoverSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>
type AnyServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>

/**
 * Keeps `socket`'s token fresh while it is connected. The handshake's check is repeated first:
 * a removal committed between the handshake and now would otherwise miss this socket.
 */
export function keepTokenFresh(
  socket: HoldoverSocket,
  token: string,
  access: ParticipantAccess,
): void {
  const refresh = async () => {
    const checked = await access.check(token)
    if (!socket.connected) return
    if (!checked.ok) {
      socket.disconnect(true)
      return
    }
    const { room, participant, team } = checked
    const issued = access.issue(room, participant.id, team.id)
    token = issued.token
    socket.emit('session.token', issued)
  }
  const timer = setInterval(() => void refresh(), TOKEN_REFRESH_MS)
  timer.unref()
  socket.on('disconnect', () => clearInterval(timer))
  void refresh()
}

/** Cuts every socket of a removed participant at once, on every process of the server. */
export async function disconnectParticipant(io: AnyServer, participantId: string): Promise<void> {
  const sockets: RemoteSocket<ServerToClientEvents, SocketData>[] = await io.fetchSockets()
  for (const socket of sockets) {
    const viewer = socket.data.identity?.viewer
    if (viewer?.role === 'participant' && viewer.participantId === participantId) {
      socket.disconnect(true)
    }
  }
}
