/**
 * One socket of one viewer: its identity (from the handshake), its share of its participant's
 * budget, the exercise it follows and the documents it holds, and the handlers of every message
 * it may send. The rules of what it receives live in the rooms: ExerciseRoom for events,
 * SharedDocument for Yjs documents.
 */
import type { Socket } from 'socket.io'
import { scenarioTimeAt } from '../../core/clock/ExerciseClock'
import { parseDocumentName } from '../../core/documents/documentName'
import { DOCUMENT_LIMITS } from '../../core/documents/limits'
import { validateUpdate } from '../../core/documents/validateUpdate'
import type { YjsMessage } from '../../core/documents/yjsMessage'
import { decodeYjsMessage } from '../../core/documents/yjsMessage'
import { readTwin, twinReadCost } from '../../core/engine/twinView'
import type {
  ClientToServerEvents,
  Command,
  CommandReply,
  HoldoverEvent,
  ServerToClientEvents,
  Snapshot,
  SocketAuth,
  YjsReply,
} from '../../core/protocol'
import {
  describeIssues,
  ERROR_CODES,
  type ErrorCode,
  type ProtocolError,
  parseCommand,
  protocolError,
} from '../../core/protocol'
import type { TwinViewReply } from '../../core/protocol/twinView'
import { twinViewRequestSchema } from '../../core/protocol/twinViewRequest'
import type { Audience } from '../../core/protocol/viewer'
import { audienceOf, seatIdOf } from '../../core/protocol/viewer'
import { documentAccess } from '../../core/visibility/documentAccess'
import type { InterServerEvents } from '../cluster/RedisCluster'
import type { DocumentSession, SharedDocument } from '../documents/SharedDocument'
import type { Logger } from '../log'
import type { EventSession, ExerciseRoom } from '../rooms/ExerciseRoom'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { Identity } from './handshake'
import type { NotebookEdits } from './NotebookEdits'
import type { Budget, ParticipantBudgets } from './ParticipantBudgets'
import { FACILITATOR_BUDGET } from './ParticipantBudgets'
import type { Presence } from './Presence'

export type HoldoverSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  { identity: Identity }
>

export interface ConnectionDeps {
  readonly rooms: RoomRegistry
  readonly budgets: ParticipantBudgets
  readonly logger: Logger
  readonly wallClock: () => number
  /** The clock tick, ms: twin reads round "now" down to it. */
  readonly tickMs: number
  /** Who is online; this connection tells it when a participant's socket follows or leaves. */
  readonly presence: Presence
  /** Notes of who wrote in which notebook, for the white cell. */
  readonly notebookEdits: NotebookEdits
}

type TeamAudience = Audience & { readonly role: 'team' }

const NOT_JOINED = 'Open an exercise first: send exercise.open { exerciseId }.'
const TOO_MANY_READS =
  'Too many twin reads too fast (a read costs more the more nodes and points it asks for); the dashboards update by themselves, so slow down.'

export class Connection implements EventSession, DocumentSession {
  readonly viewer: Identity['viewer']
  readonly displayName: string
  readonly authorId: string
  private readonly budget: Budget
  private readonly budgetKey: string
  /** The exercise this socket follows now. */
  private exerciseId: string | undefined
  /** The team a facilitator's socket views the exercise as (read-only), or null. */
  private viewingAs: TeamAudience | null = null
  private readonly documents = new Map<string, SharedDocument>()
  /** The broadcast rooms of the documents open here: following events leaves them alone. */
  private readonly documentRooms = new Set<string>()
  /** Messages of one document are handled one after another, in the order they came. */
  private readonly documentQueues = new Map<string, Promise<unknown>>()
  private closed = false

  constructor(
    private readonly socket: HoldoverSocket,
    private readonly deps: ConnectionDeps,
  ) {
    const { identity } = socket.data
    this.viewer = identity.viewer
    this.displayName = identity.displayName
    this.authorId = seatIdOf(this.viewer) ?? FACILITATOR_BUDGET
    this.budgetKey = this.authorId
    this.budget = deps.budgets.hold(this.budgetKey)
    this.listen()
    if (this.viewer.role !== 'facilitator') {
      const lastSeq = (socket.handshake.auth as Partial<SocketAuth>).lastSeq
      void this.follow(identity.home, typeof lastSeq === 'number' ? lastSeq : undefined)
    }
  }

  // EventSession: what ExerciseRoom.subscribe needs.

  /** What this socket is sent: its viewer's, or the team's it views the exercise as. */
  get audience(): Audience {
    return this.viewingAs ?? audienceOf(this.viewer)
  }

  joinAudience(room: string): void {
    for (const joined of this.socket.rooms) {
      const kept = joined === this.socket.id || joined === room || this.documentRooms.has(joined)
      if (!kept) void this.socket.leave(joined)
    }
    void this.socket.join(room)
    // Once in the room (a catch-up may delay it), so that no change told to the room is missed.
    if (this.exerciseId !== undefined) {
      // This process's own path, as its presence broadcasts take, so that none overtakes another.
      this.socket.nsp.local.to(this.socket.id).emit('presence', {
        exerciseId: this.exerciseId,
        online: this.deps.presence.online(this.exerciseId, this.audience),
      })
    }
  }

  sendSnapshot(snapshot: Snapshot): void {
    this.socket.emit('snapshot', snapshot)
  }

  sendEvents(events: HoldoverEvent[]): void {
    this.socket.emit('events', events)
  }

  // DocumentSession: what SharedDocument needs.

  get id(): string {
    return this.socket.id
  }

  joinRoom(room: string): void {
    this.documentRooms.add(room)
    void this.socket.join(room)
    // Once in the room (a catch-up may delay it), so that no change told to the room is missed.
    if (this.exerciseId !== undefined) {
      // This process's own path, as its presence broadcasts take, so that none overtakes another.
      this.socket.nsp.local.to(this.socket.id).emit('presence', {
        exerciseId: this.exerciseId,
        online: this.deps.presence.online(this.exerciseId, this.audience),
      })
    }
  }

  leaveRoom(room: string): void {
    this.documentRooms.delete(room)
    void this.socket.leave(room)
  }

  sendYjs(doc: string, message: Uint8Array): void {
    this.socket.emit('yjs', doc, message)
  }

  documentClosed(doc: string, error: ProtocolError): void {
    this.documents.delete(doc)
    this.socket.emit('yjs.closed', doc, error)
  }

  private listen(): void {
    const { socket, deps } = this
    socket.on('time.sync', (ack) => {
      if (typeof ack === 'function') ack(deps.wallClock())
    })
    socket.on('twin.view', async (raw, ack) => {
      if (typeof ack !== 'function') return
      ack(this.counted(await this.guard(() => this.readTwin(raw))))
    })
    socket.on('command', async (raw, ack) => {
      if (typeof ack !== 'function') {
        deps.logger.warn({ socket: socket.id }, 'command without acknowledgement callback ignored')
        return
      }
      ack(this.counted(await this.guard(() => this.command(raw))))
    })
    socket.on('yjs', async (doc, message, ack) => {
      const reply = this.counted(await this.guard(() => this.yjs(doc, message)))
      if (typeof ack === 'function') ack(reply)
    })
    socket.on('yjs.leave', (doc, ack) => {
      const name = typeof doc === 'string' ? doc : ''
      this.leaveDocument(name)
      if (typeof ack === 'function') ack({ ok: true })
    })
    socket.on('disconnect', () => this.close())
  }

  /**
   * Counts a refusal against the participant's refusal budget; past it (a script hammering
   * every door), this connection is cut after the reply, and the participant's next handshakes
   * are refused for a while (ParticipantBudgets.coolDownLeft).
   */
  private counted<T extends { ok: boolean }>(reply: T): T {
    if (reply.ok || this.closed) return reply
    if (this.deps.budgets.refused(this.budgetKey, this.budget)) {
      this.deps.logger.warn(
        { participantId: this.budgetKey, socket: this.socket.id },
        'connection cut: far past its budgets',
      )
      setImmediate(() => this.socket.disconnect(true))
    }
    return reply
  }

  /** Runs a handler; a failure becomes an `internal` refusal, never a crash or a silent drop. */
  private async guard<T extends CommandReply | YjsReply | TwinViewReply>(
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work()
    } catch (error) {
      this.deps.logger.error({ err: error, socket: this.socket.id }, 'message failed')
      return refuse(ERROR_CODES.internal, 'The server failed; nothing was changed.') as T
    }
  }

  private async command(raw: unknown): Promise<CommandReply> {
    if (!this.budget.commands.take(this.deps.wallClock())) {
      return refuse(ERROR_CODES.rateLimited, 'Too many commands too fast; slow down and try again.')
    }
    const parsed = parseCommand(raw)
    if (!parsed.ok) return parsed
    const command = parsed.command
    if (command.type === 'exercise.open') return this.open(command)
    if (this.viewingAs) return refuse(ERROR_CODES.forbidden, this.readOnlyReason())
    const room = await this.currentRoom()
    if (!room) return refuse(ERROR_CODES.notJoined, NOT_JOINED)
    const reply = await room.execute(command, this.viewer)
    this.deps.logger.debug(
      { exerciseId: room.exerciseId, type: command.type, ok: reply.ok },
      'command',
    )
    return reply
  }

  private async open(command: Extract<Command, { type: 'exercise.open' }>): Promise<CommandReply> {
    if (this.viewer.role !== 'facilitator') {
      if (this.socket.data.identity.home !== command.exerciseId) {
        return refuse(
          ERROR_CODES.forbidden,
          'Your join code is for another exercise; a participant or evaluator can open only its own.',
        )
      }
      if (command.viewAs !== undefined) {
        return refuse(
          ERROR_CODES.forbidden,
          'Only the facilitator can view the exercise as a team.',
        )
      }
    }
    const followed = await this.follow(command.exerciseId, command.sinceSeq, command.viewAs)
    if (followed === 'no-exercise') {
      return refuse(ERROR_CODES.notFound, `No exercise '${command.exerciseId}'.`)
    }
    if (followed === 'no-team') {
      return refuse(ERROR_CODES.notFound, `This exercise has no team '${command.viewAs}'.`)
    }
    return { ok: true, events: [] }
  }

  /**
   * Follows an exercise's events, as its viewer or (the facilitator) as team `viewAs`; documents
   * of another exercise or audience are let go, and presence hears of a participant's arrival.
   */
  private async follow(
    exerciseId: string | undefined,
    sinceSeq: number | undefined,
    viewAs?: string,
  ): Promise<'followed' | 'no-exercise' | 'no-team'> {
    const room = exerciseId ? await this.deps.rooms.get(exerciseId) : null
    if (!room || this.closed) return 'no-exercise'
    const teams = room.current.scenario?.teams ?? []
    if (viewAs !== undefined && !teams.some((team) => team.id === viewAs)) return 'no-team'
    const viewing: TeamAudience | null =
      viewAs === undefined ? null : { role: 'team', teamId: viewAs }
    const previous = this.exerciseId
    if (previous !== room.exerciseId || this.viewingAs?.teamId !== viewing?.teamId) {
      this.leaveAllDocuments()
    }
    if (previous !== undefined && previous !== room.exerciseId) {
      this.deps.presence.leave(previous, this.socket.id)
    }
    this.exerciseId = room.exerciseId
    this.viewingAs = viewing
    room.subscribe(this, sinceSeq)
    const presence = this.deps.presence
    if (this.audience.role === 'facilitator') {
      this.socket.emit('notebook.activity', this.deps.notebookEdits.recent(room.exerciseId))
    }
    // Every socket: the facilitator's too needs to hear of the other processes' participants.
    presence.arrive(
      room.exerciseId,
      this.socket.id,
      this.viewer.role === 'participant'
        ? { participantId: this.viewer.participantId, teamId: this.viewer.teamId }
        : null,
    )
    return 'followed'
  }

  private readOnlyReason(): string {
    return `This connection views the exercise as ${this.viewingAs?.teamId ?? 'a team'}, read-only: it takes no command and no change. Go back to the white cell's view to act.`
  }

  private async currentRoom(): Promise<ExerciseRoom | null> {
    return this.exerciseId ? this.deps.rooms.get(this.exerciseId) : null
  }

  private async readTwin(raw: unknown): Promise<TwinViewReply> {
    // One unit up front (a refused or malformed read costs too), the rest by what is asked.
    const views = this.budget.views
    if (!views.take(this.deps.wallClock())) return refuse(ERROR_CODES.rateLimited, TOO_MANY_READS)
    const request = twinViewRequestSchema.safeParse(raw ?? {})
    if (!request.success) {
      return refuse(ERROR_CODES.invalid, `twin.view: ${describeIssues(request.error)}`)
    }
    const extra = twinReadCost(request.data) - 1
    if (extra > 0 && !views.take(this.deps.wallClock(), extra)) {
      return refuse(ERROR_CODES.rateLimited, TOO_MANY_READS)
    }
    const room = await this.currentRoom()
    if (!room) return refuse(ERROR_CODES.notJoined, NOT_JOINED)
    const state = room.current
    // "Now" rounded down to the tick, so that every reader in one tick shares one evaluation.
    const tickMs = this.deps.tickMs
    const nowT = scenarioTimeAt(state.clock, Math.floor(this.deps.wallClock() / tickMs) * tickMs)
    return readTwin(state, this.audience, request.data, nowT)
  }

  /** A `yjs` message: checked (name, framing, size, access, budget), then handled in order. */
  private async yjs(rawDoc: unknown, raw: unknown): Promise<YjsReply> {
    const ref = parseDocumentName(rawDoc)
    if (!ref) {
      return refuse(
        ERROR_CODES.invalid,
        `Unknown document ${JSON.stringify(String(rawDoc)).slice(0, 90)}: documents are named notebook:<teamId> or improvement-plan.`,
      )
    }
    const name = rawDoc as string
    if (!(raw instanceof Uint8Array)) {
      return refuse(ERROR_CODES.invalid, 'A yjs message is binary (a Uint8Array).')
    }
    if (raw.length > DOCUMENT_LIMITS.messageBytes) {
      return refuse(
        ERROR_CODES.invalid,
        `This change is too large (${Math.ceil(raw.length / 1024)} KB; at most ${DOCUMENT_LIMITS.messageBytes / 1024} KB at once). Paste it in parts.`,
      )
    }
    const decoded = decodeYjsMessage(raw)
    if (!decoded.ok) return refuse(ERROR_CODES.invalid, `yjs: ${decoded.reason}.`)
    const message = decoded.message
    const room = await this.currentRoom()
    if (!room) return refuse(ERROR_CODES.notJoined, NOT_JOINED)
    const teamIds = room.current.scenario?.teams.map((team) => team.id) ?? []
    const viewing = this.viewingAs
    // Viewing as a team: that team's documents, to read; never a caret among theirs.
    const access = viewing
      ? documentAccess(this.viewer, ref, teamIds) !== 'none' &&
        ref.kind === 'notebook' &&
        ref.teamId === viewing.teamId
        ? 'read'
        : 'none'
      : documentAccess(this.viewer, ref, teamIds)
    if (access === 'none') {
      const whose = ref.kind === 'notebook' ? "another team's" : "the white cell's"
      return refuse(ERROR_CODES.forbidden, `You may not open ${name}: it is ${whose}.`)
    }
    if (viewing && message.type === 'awareness') {
      return refuse(ERROR_CODES.forbidden, this.readOnlyReason())
    }
    const now = this.deps.wallClock()
    if (message.type === 'awareness') {
      if (message.update.length > DOCUMENT_LIMITS.awarenessBytes) {
        return refuse(ERROR_CODES.invalid, 'awareness: the state is too large (at most 2 KB).')
      }
      if (!this.budget.awareness.take(now)) {
        return refuse(ERROR_CODES.rateLimited, 'Too many caret updates too fast; slow down.')
      }
    } else if (!this.budget.updates.take(now)) {
      return refuse(
        ERROR_CODES.rateLimited,
        'Too many changes too fast; they are kept and sent again.',
      )
    }
    return this.inOrder(name, () => this.documentMessage(room, name, access, message))
  }

  private async documentMessage(
    room: ExerciseRoom,
    name: string,
    access: 'read' | 'write',
    message: YjsMessage,
  ): Promise<YjsReply> {
    if (this.closed || room.exerciseId !== this.exerciseId) {
      return refuse(ERROR_CODES.notJoined, NOT_JOINED)
    }
    if (message.type === 'sync-step1') {
      let doc = this.documents.get(name)
      if (!doc) {
        if (this.documents.size >= DOCUMENT_LIMITS.openDocumentsPerConnection) {
          return refuse(ERROR_CODES.invalid, 'Too many documents open on one connection.')
        }
        try {
          doc = await room.documents.acquire(name)
        } catch {
          return refuse(ERROR_CODES.internal, 'The notebook could not be loaded; try again.')
        }
        if (this.closed) {
          room.documents.releaseIfIdle(name)
          return refuse(ERROR_CODES.notJoined, NOT_JOINED)
        }
        this.documents.set(name, doc)
      }
      const error = doc.open(this, message.stateVector)
      return error ? { ok: false, error } : { ok: true }
    }
    const doc = this.documents.get(name)
    if (!doc) return refuse(ERROR_CODES.notJoined, `Open ${name} first: send sync step 1.`)
    if (message.type === 'awareness') return doc.applyAwareness(this, message.update)
    const checked = validateUpdate(message.update)
    if (!checked.ok)
      return refuse(ERROR_CODES.invalid, `Not a valid Yjs update: ${checked.reason}.`)
    if (access === 'read' && !checked.summary.empty) {
      return refuse(ERROR_CODES.forbidden, `You may read ${name} but not change it.`)
    }
    const reply = await doc.applyUpdate(this, message.update, checked.summary)
    const ref = parseDocumentName(name)
    if (
      reply.ok &&
      !checked.summary.empty &&
      ref?.kind === 'notebook' &&
      this.viewer.role === 'participant'
    ) {
      const at = this.deps.wallClock()
      this.deps.notebookEdits.record({
        exerciseId: room.exerciseId,
        teamId: ref.teamId,
        participantId: this.viewer.participantId,
        name: this.displayName,
        at,
        t: scenarioTimeAt(room.current.clock, at),
      })
    }
    return reply
  }

  /** Runs `work` after the earlier messages of document `name`. */
  private inOrder<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = this.documentQueues.get(name) ?? Promise.resolve()
    const run = previous.then(work, work)
    const settled = run.catch(() => undefined)
    this.documentQueues.set(name, settled)
    void settled.then(() => {
      if (this.documentQueues.get(name) === settled) this.documentQueues.delete(name)
    })
    return run
  }

  private leaveDocument(name: string): void {
    const doc = this.documents.get(name)
    if (!doc) return
    this.documents.delete(name)
    doc.leave(this)
    void this.currentRoom().then((room) => room?.documents.releaseIfIdle(name))
  }

  private leaveAllDocuments(): void {
    for (const name of [...this.documents.keys()]) this.leaveDocument(name)
  }

  private close(): void {
    if (this.closed) return
    this.leaveAllDocuments()
    this.closed = true
    if (this.exerciseId !== undefined) this.deps.presence.leave(this.exerciseId, this.socket.id)
    this.deps.budgets.release(this.budgetKey)
  }
}

/** A refusal, the same shape for commands, twin reads and documents. */
function refuse(code: ErrorCode, message: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: protocolError(code, message) }
}
