/**
 * Socket.IO: the handshake authenticates, then each socket becomes a Connection, which handles
 * its messages; rooms decide what it receives. Sockets are capped per participant and address.
 */
import type { Server } from 'socket.io'
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/protocol'
import { audienceKey, FACILITATOR, seatIdOf } from '../../core/protocol/viewer'
import { clientAddress } from '../auth/clientAddress'
import type { ParticipantAccess } from '../auth/ParticipantAccess'
import { keepTokenFresh } from '../auth/refreshTokens'
import type { SignInThrottle } from '../auth/SignInThrottle'
import type { Secrets } from '../auth/secrets'
import type { ClusterPresence } from '../cluster/Cluster'
import type { InterServerEvents } from '../cluster/RedisCluster'
import type { Logger } from '../log'
import { audienceRoom } from '../rooms/ExerciseRoom'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import { Connection } from './Connection'
import { type ConnectionLimitSettings, ConnectionLimits } from './ConnectionLimits'
import type { Identity } from './handshake'
import { authenticate } from './handshake'
import { NotebookEdits } from './NotebookEdits'
import { ParticipantBudgets } from './ParticipantBudgets'
import { Presence } from './Presence'

export type HoldoverServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  { identity: Identity }
>

export interface SocketDeps {
  readonly rooms: RoomRegistry
  readonly secrets: Secrets
  readonly logger: Logger
  readonly wallClock: () => number
  /** The clock tick, ms: twin reads round "now" down to it. */
  readonly tickMs: number
  readonly access: ParticipantAccess
  readonly signIns: SignInThrottle
  readonly trustProxyHops: number
  /** Sockets per participant and per address (CONNECTION_LIMITS by default). */
  readonly connectionLimits?: ConnectionLimitSettings
  /** Who is online on the other processes (nobody, alone). */
  readonly presence?: ClusterPresence
}

/** Installs the handshake check and a Connection per socket on `io`. */
export function attachSockets(io: HoldoverServer, deps: SocketDeps): void {
  const { rooms, logger } = deps
  const budgets = new ParticipantBudgets(deps.wallClock)
  const limits = new ConnectionLimits(deps.connectionLimits)
  const notebookEdits = new NotebookEdits((exerciseId, edits) =>
    io.to(audienceRoom(exerciseId, audienceKey(FACILITATOR))).emit('notebook.activity', edits),
  )
  // Each process tells its own sockets the union it knows: a broadcast through the adapter would
  // overwrite another process's union with this one's.
  const presence = new Presence(
    (exerciseId, audience, message) =>
      io.local.to(audienceRoom(exerciseId, audienceKey(audience))).emit('presence', message),
    deps.presence,
  )

  io.use(async (socket, next) => {
    try {
      const result = await authenticate(socket, deps)
      if (!result.ok) return next(new Error(result.reason))
      const { viewer } = result.identity
      const seatId = seatIdOf(viewer)
      const coolingMs = seatId === null ? 0 : budgets.coolDownLeft(seatId)
      if (coolingMs > 0) {
        return next(
          new Error(
            `This connection sent far more than the server accepts and was cut; reload the page in ${Math.ceil(coolingMs / 1000)} s.`,
          ),
        )
      }
      const admitted = limits.admit(seatId, clientAddress(socket.request, deps.trustProxyHops))
      if (!admitted.ok) return next(new Error(admitted.reason))
      // Whichever comes first: the socket leaves, or its transport closes before it connected.
      socket.once('disconnect', admitted.release)
      socket.conn.once('close', admitted.release)
      socket.data = { identity: result.identity }
      next()
    } catch (error) {
      logger.error({ err: error }, 'handshake failed')
      next(new Error('The server could not check this connection; try again.'))
    }
  })

  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id, role: socket.data.identity.viewer.role }, 'connected')
    if (socket.data.identity.viewer.role !== 'facilitator') {
      keepTokenFresh(
        socket,
        (socket.handshake.auth as { token: string }).token,
        deps.access,
        deps.wallClock,
      )
    }
    new Connection(socket, {
      rooms,
      budgets,
      logger,
      wallClock: deps.wallClock,
      tickMs: deps.tickMs,
      presence,
      notebookEdits,
    })
  })
}
