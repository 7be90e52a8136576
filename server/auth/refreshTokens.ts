/** Hands each connected participant fresh tokens, and cuts a socket whose seat ended meanwhile. */
import type { RemoteSocket, Server, Socket } from 'socket.io'
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/protocol'
import type { InterServerEvents } from '../cluster/RedisCluster'
import type { Identity } from '../socket/handshake'
import { EVALUATOR_SEAT } from '../store/Store'
import type { ParticipantAccess } from './ParticipantAccess'

/** How often a connected participant gets a fresh token: far inside any token's lifetime. */
export const TOKEN_REFRESH_MS = 10 * 60_000

type SocketData = { identity: Identity }
type HoldoverSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>
type AnyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

/**
 * Keeps `socket`'s token fresh while it is connected, and lets it go once its seat no longer
 * opens the exercise (the hot wash closed). The handshake's check is repeated first: a removal
 * committed between the handshake and now would otherwise miss this socket.
 */
export function keepTokenFresh(
  socket: HoldoverSocket,
  token: string,
  access: ParticipantAccess,
  wallClock: () => number,
): void {
  let timer: NodeJS.Timeout | undefined
  const refresh = async () => {
    const checked = await access.check(token)
    if (!socket.connected) return
    if (!checked.ok) {
      socket.disconnect(true)
      return
    }
    const { room } = checked
    const issued =
      checked.kind === 'team'
        ? access.issue(room, checked.participant.id, checked.team.id)
        : access.issue(room, checked.evaluator.id, EVALUATOR_SEAT)
    token = issued.token
    socket.emit('session.token', issued)
    // Wake at the hot wash's close if it comes first, so nobody stays on past it.
    const untilClose = (room.hotWashEndsAt ?? Number.POSITIVE_INFINITY) - wallClock()
    timer = setTimeout(() => void refresh(), Math.max(0, Math.min(TOKEN_REFRESH_MS, untilClose)))
    timer.unref()
  }
  socket.on('disconnect', () => clearTimeout(timer))
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
