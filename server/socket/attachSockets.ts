/**
 * Socket.IO: the handshake authenticates, `command` runs through the room with an ack, and each
 * socket sits in exactly one audience room per exercise, so broadcasts are filtered per recipient.
 */
import type { Server, Socket } from 'socket.io'
import { scenarioTimeAt } from '../../core/clock/ExerciseClock'
import { readTwin } from '../../core/engine/twinView'
import type {
  ClientToServerEvents,
  Command,
  CommandReply,
  ServerToClientEvents,
  SocketAuth,
} from '../../core/protocol'
import {
  describeIssues,
  ERROR_CODES,
  type ErrorCode,
  PROTOCOL_VERSION,
  type ProtocolError,
  parseCommand,
  protocolError,
} from '../../core/protocol'
import type { TwinViewReply } from '../../core/protocol/twinView'
import { twinViewRequestSchema } from '../../core/protocol/twinViewRequest'
import type { Viewer } from '../../core/visibility/viewer'
import { audienceKey, audienceOf, FACILITATOR } from '../../core/visibility/viewer'
import type { Secrets } from '../auth/secrets'
import { isAdminToken, verifyParticipantToken } from '../auth/tokens'
import type { Logger } from '../log'
import type { ExerciseRoom } from '../rooms/ExerciseRoom'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import { TokenBucket } from './TokenBucket'

export interface SocketData {
  viewer: Viewer
  /** The exercise this socket currently follows. */
  exerciseId: string | undefined
  /** A participant's own exercise, named by its token. */
  home: string | undefined
  bucket: TokenBucket
  /** Twin reads have their own budget: a dashboard polls them. */
  views: TokenBucket
}

export type HoldoverServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>
type HoldoverSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>

/** The Socket.IO room of an audience of an exercise. */
export function audienceRoom(exerciseId: string, key: string): string {
  return `${exerciseId}|${key}`
}

export interface SocketDeps {
  readonly rooms: RoomRegistry
  readonly secrets: Secrets
  readonly logger: Logger
  readonly wallClock: () => number
  /** The clock tick, ms: twin reads round "now" down to it. */
  readonly tickMs: number
}

// Up to 40 commands at once, 20 a second sustained: far above what a person clicks.
const BURST = 40
const PER_SECOND = 20

// A dashboard reads the twin a few times a second, with room for a burst of plots.
const viewBucket = () => new TokenBucket(20, 10, Date.now())

/** Installs the handshake check and the message handlers on `io`. */
export function attachSockets(io: HoldoverServer, deps: SocketDeps): void {
  const { rooms, secrets, logger } = deps

  io.use(async (socket, next) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as Partial<SocketAuth>
      if (auth.protocol !== undefined && auth.protocol !== PROTOCOL_VERSION) {
        return next(
          new Error(
            `Protocol version mismatch: this client speaks ${String(auth.protocol)}, the server ${PROTOCOL_VERSION}. Reload the page.`,
          ),
        )
      }
      if (typeof auth.token !== 'string' || auth.token === '') {
        return next(
          new Error('Missing token: connect with auth: { token } (an admin or participant token).'),
        )
      }
      const bucket = new TokenBucket(BURST, PER_SECOND, deps.wallClock())
      if (isAdminToken(auth.token, secrets.adminToken)) {
        socket.data = {
          viewer: FACILITATOR,
          exerciseId: undefined,
          home: undefined,
          bucket,
          views: viewBucket(),
        }
        return next()
      }
      const claims = verifyParticipantToken(auth.token, secrets.signingKey)
      if (!claims)
        return next(
          new Error('Invalid token: it was not issued by this server. Join again with your code.'),
        )
      const room = await rooms.get(claims.exerciseId)
      const participant = room?.current.participants[claims.participantId]
      const team = room?.current.scenario?.teams.find((candidate) => candidate.id === claims.teamId)
      if (!room || !participant || !team || participant.teamId !== team.id) {
        return next(
          new Error(
            'This token names an exercise or participant that no longer exists. Join again.',
          ),
        )
      }
      socket.data = {
        viewer: {
          role: 'participant',
          participantId: participant.id,
          teamId: team.id,
          side: team.side,
        },
        exerciseId: undefined,
        home: room.exerciseId,
        bucket,
        views: viewBucket(),
      }
      next()
    } catch (error) {
      logger.error({ err: error }, 'handshake failed')
      next(new Error('The server could not check this connection; try again.'))
    }
  })

  io.on('connection', (socket) => {
    const { viewer } = socket.data
    logger.debug({ socket: socket.id, role: viewer.role }, 'connected')

    if (viewer.role === 'participant') {
      const lastSeq = (socket.handshake.auth as Partial<SocketAuth>).lastSeq
      void openForParticipant(socket, typeof lastSeq === 'number' ? lastSeq : undefined)
    }

    socket.on('time.sync', (ack) => {
      if (typeof ack === 'function') ack(deps.wallClock())
    })

    socket.on('twin.view', async (raw, ack) => {
      if (typeof ack !== 'function') return
      ack(await readTwinFor(socket, raw))
    })

    socket.on('command', async (raw, ack) => {
      if (typeof ack !== 'function') {
        logger.warn({ socket: socket.id }, 'command without acknowledgement callback ignored')
        return
      }
      const reply = await handle(socket, raw).catch((error: unknown): CommandReply => {
        logger.error({ err: error, socket: socket.id }, 'command failed')
        return {
          ok: false,
          error: protocolError(ERROR_CODES.internal, 'The server failed; nothing was changed.'),
        }
      })
      ack(reply)
    })
  })

  async function handle(socket: HoldoverSocket, raw: unknown): Promise<CommandReply> {
    if (!socket.data.bucket.take(deps.wallClock())) {
      return refuse(ERROR_CODES.rateLimited, 'Too many commands too fast; slow down and try again.')
    }
    const parsed = parseCommand(raw)
    if (!parsed.ok) return parsed
    const command = parsed.command
    const viewer = socket.data.viewer
    if (command.type === 'exercise.open') return open(socket, command)
    const exerciseId = socket.data.exerciseId
    if (!exerciseId)
      return refuse(
        ERROR_CODES.notJoined,
        'Open an exercise first: send exercise.open { exerciseId }.',
      )
    const room = await rooms.get(exerciseId)
    if (!room) return refuse(ERROR_CODES.notFound, `Exercise '${exerciseId}' no longer exists.`)
    const reply = await room.execute(command, viewer)
    logger.debug({ exerciseId, type: command.type, ok: reply.ok }, 'command')
    return reply
  }

  async function readTwinFor(socket: HoldoverSocket, raw: unknown): Promise<TwinViewReply> {
    if (!socket.data.views.take(deps.wallClock())) {
      return refuse(ERROR_CODES.rateLimited, 'Too many twin reads too fast; slow down.')
    }
    const request = twinViewRequestSchema.safeParse(raw ?? {})
    if (!request.success) {
      return refuse(ERROR_CODES.invalid, `twin.view: ${describeIssues(request.error)}`)
    }
    const exerciseId = socket.data.exerciseId
    const room = exerciseId ? await rooms.get(exerciseId) : null
    if (!room)
      return refuse(
        ERROR_CODES.notJoined,
        'Open an exercise first: send exercise.open { exerciseId }.',
      )
    const state = room.current
    // "Now" rounded down to the tick, so that every reader in one tick shares one evaluation.
    const tickMs = deps.tickMs
    const nowT = scenarioTimeAt(state.clock, Math.floor(deps.wallClock() / tickMs) * tickMs)
    return readTwin(state, audienceOf(socket.data.viewer), request.data, nowT)
  }

  async function open(
    socket: HoldoverSocket,
    command: Extract<Command, { type: 'exercise.open' }>,
  ): Promise<CommandReply> {
    const viewer = socket.data.viewer
    if (viewer.role === 'participant') {
      const own = await ownRoom(socket)
      if (!own || own.exerciseId !== command.exerciseId) {
        return refuse(
          ERROR_CODES.forbidden,
          'Your join code is for another exercise; a participant can open only its own.',
        )
      }
      subscribe(socket, own, command.sinceSeq)
      return { ok: true, events: [] }
    }
    const room = await rooms.get(command.exerciseId)
    if (!room) return refuse(ERROR_CODES.notFound, `No exercise '${command.exerciseId}'.`)
    subscribe(socket, room, command.sinceSeq)
    return { ok: true, events: [] }
  }

  async function ownRoom(socket: HoldoverSocket): Promise<ExerciseRoom | null> {
    return socket.data.home ? rooms.get(socket.data.home) : null
  }

  async function openForParticipant(
    socket: HoldoverSocket,
    lastSeq: number | undefined,
  ): Promise<void> {
    const room = await ownRoom(socket)
    if (room) subscribe(socket, room, lastSeq)
  }

  /**
   * Puts the socket in its audience room and sends what it lacks: a snapshot, or, when it says
   * which seq it holds, the events after it. No await between the two, so nothing slips between.
   */
  function subscribe(
    socket: HoldoverSocket,
    room: ExerciseRoom,
    sinceSeq: number | undefined,
  ): void {
    for (const joined of socket.rooms) if (joined !== socket.id) void socket.leave(joined)
    const viewer = socket.data.viewer
    void socket.join(audienceRoom(room.exerciseId, audienceKey(viewer)))
    socket.data.exerciseId = room.exerciseId
    if (sinceSeq !== undefined && sinceSeq <= room.seq) {
      socket.emit('events', room.eventsAfter(sinceSeq, viewer))
    } else {
      socket.emit('snapshot', {
        exerciseId: room.exerciseId,
        seq: room.seq,
        state: room.stateFor(viewer),
        viewer,
        serverTime: deps.wallClock(),
      })
    }
  }
}

/** A refusal, the same shape for commands and twin reads. */
function refuse(code: ErrorCode, message: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: protocolError(code, message) }
}
