/**
 * One live exercise: its log (an `ExerciseLog`: numbering, the fold, each team's feed) and its
 * subscribers. Commands, joins and ticks run one at a time, so seqs are contiguous and every
 * append sees the state the previous one left. Events reach subscribers only after the store has
 * committed them. On several processes, only the room holding the exercise's lease (the owner)
 * decides, ticks and appends; the others follow: they forward commands and joins to it
 * (ownerRequests.ts) and fold what it committed.
 */

import { scenarioTimeAt } from '../../core/clock/ExerciseClock'
import { dueEvents } from '../../core/engine/advance'
import { decide } from '../../core/engine/decide'
import { type Appended, ExerciseLog } from '../../core/engine/ExerciseLog'
import type { Command, CommandReply, Snapshot } from '../../core/protocol'
import { ERROR_CODES, protocolError } from '../../core/protocol/errors'
import type { EventDraft, HoldoverEvent } from '../../core/protocol/events'
import type { ExerciseState } from '../../core/protocol/state'
import type { Audience, Viewer } from '../../core/protocol/viewer'
import { audienceKey, audienceOf, FACILITATOR } from '../../core/protocol/viewer'
import type { HotWashBallot } from '../auth/hotWashBallots'
import { newJoinCode } from '../auth/ids'
import type { ForwardedReply, ForwardedRequest } from '../cluster/Cluster'
import type { ExerciseDocuments } from '../documents/ExerciseDocuments'
import type { Store } from '../store/Store'
import { StaleOwnerError } from '../store/Store'
import {
  answerForwarded,
  forwardCommand,
  forwardJoin,
  forwardJoinEvaluator,
  NOT_RECORDED,
  type SendToOwner,
  type TeamFull,
} from './ownerRequests'
import { RoomHotWash } from './RoomHotWash'
import {
  applyRemoteDocumentUpdate,
  openRoomDocuments,
  type RoomDocumentDeps,
} from './roomDocuments'
import { type TwinFrameDeps, TwinFrames } from './TwinFrames'

export type { TeamFull } from './ownerRequests'

/** Delivers committed events to the clients subscribed under a view key. */
export type Publish = (exerciseId: string, viewKey: string, events: HoldoverEvent[]) => void

/** The wall clock, in epoch ms; injected so tests can drive time. */
export type WallClock = () => number

/** A client following an exercise's events (a socket's Connection). */
export interface EventSession {
  readonly viewer: Viewer
  /** What it is sent, when not its viewer's: the facilitator viewing as a team. */
  readonly audience?: Audience
  /** Joins the broadcast room of its audience, leaving any other exercise's. */
  joinAudience(room: string): void
  sendSnapshot(snapshot: Snapshot): void
  sendEvents(events: HoldoverEvent[]): void
}

/** The broadcast room of an audience of an exercise. */
export function audienceRoom(exerciseId: string, key: string): string {
  return `${exerciseId}|${key}`
}

/** What a room needs besides its log. */
export interface RoomDeps extends RoomDocumentDeps {
  readonly store: Store
  readonly publish: Publish
  readonly wallClock: WallClock
  /** How long after the end its people may still talk (the hot wash), ms; 0 when absent. */
  readonly hotWashMs?: number
  /** A participant's hot-wash ballot (server/auth/hotWashBallots.ts); none: no responses are taken. */
  readonly hotWashBallot?: HotWashBallot
  /** Called once a participant's removal is committed, to cut its sockets. */
  readonly participantRemoved?: (exerciseId: string, participantId: string) => void
  /** Called once a participant's move to another team is committed, to re-seat its sockets. */
  readonly participantMoved?: (room: ExerciseRoom, participantId: string) => void
  /** Where twin frames go (server/rooms/TwinFrames.ts); none: no frames are pushed. */
  readonly twinFrames?: TwinFrameDeps
  /** Sends a request to the exercise's owner (another process); null when nobody owns it. */
  readonly forward?: SendToOwner
  /** Tells the other processes what the owner committed. */
  readonly committed?: (exerciseId: string, events: readonly HoldoverEvent[]) => void
  /** Called when an append finds that another process has taken the exercise over. */
  readonly ownershipLost?: (exerciseId: string) => void
}

/** Whether this room writes the log (with the fence of its lease) or follows another's writes. */
export type Ownership =
  | { readonly role: 'owner'; readonly fence: number | undefined }
  | { readonly role: 'follower' }

/**
 * A live room reads its log at the head only, never at an earlier moment (the replay keeps its
 * own, server/replay/replayLogs.ts): no keyframes, so its memory grows with the log, not faster.
 */
const ROOM_LOG_OPTIONS = { keyframeEvery: Number.POSITIVE_INFINITY } as const

export class ExerciseRoom {
  private readonly log: ExerciseLog
  private queue: Promise<unknown> = Promise.resolve()
  private readonly store: Store
  private readonly publish: Publish
  private readonly wallClock: WallClock
  private readonly logger: RoomDeps['logger']
  private readonly hotWash: RoomHotWash
  /** The exercise's shared documents (team notebooks). */
  readonly documents: ExerciseDocuments
  private readonly frames: TwinFrames | null
  /** Alone (no forward), a room owns its exercise; on several processes, the lease decides. */
  private ownership: Ownership
  private readonly deps: RoomDeps

  private constructor(
    readonly exerciseId: string,
    events: readonly HoldoverEvent[],
    deps: RoomDeps,
  ) {
    this.deps = deps
    this.ownership = deps.forward ? { role: 'follower' } : { role: 'owner', fence: undefined }
    this.store = deps.store
    this.publish = deps.publish
    this.wallClock = deps.wallClock
    this.logger = deps.logger
    this.log = ExerciseLog.fromEvents(events, ROOM_LOG_OPTIONS)
    this.hotWash = new RoomHotWash(exerciseId, deps.hotWashMs ?? 0, deps.hotWashBallot)
    this.hotWash.passed(events)
    this.frames = deps.twinFrames ? new TwinFrames(exerciseId, deps.twinFrames) : null
    this.documents = openRoomDocuments(exerciseId, deps, () => this.state)
  }

  /** The facilitator's truth at the head of the log. */
  private get state(): ExerciseState {
    return this.log.state
  }

  /** Loads an exercise's log from the store. */
  static async load(exerciseId: string, deps: RoomDeps): Promise<ExerciseRoom> {
    const log = await deps.store.readEvents(exerciseId)
    return new ExerciseRoom(exerciseId, log, deps)
  }

  /** The full state (ground truth); only the facilitator may see it as it is. */
  get current(): ExerciseState {
    return this.state
  }

  /** Seq of the last committed event. */
  get seq(): number {
    return this.log.headSeq
  }

  /** True when this room writes the exercise's log (it holds the lease). */
  get isOwner(): boolean {
    return this.ownership.role === 'owner'
  }

  /**
   * Makes this room the exercise's writer with `fence`, once it has caught up with the log: what
   * the previous owner committed and this room has not seen yet is read from the store first.
   */
  becomeOwner(fence: number | undefined): Promise<void> {
    return this.serially(async () => {
      await this.catchUp()
      this.ownership = { role: 'owner', fence }
    })
  }

  /** Stops writing: another process owns the exercise now (or nobody, until someone takes it). */
  becomeFollower(): void {
    this.ownership = { role: 'follower' }
  }

  /**
   * Folds and publishes events another process committed, in order: what this room has already
   * is skipped, and a gap before them is filled from the store first.
   */
  receive(events: readonly HoldoverEvent[]): Promise<void> {
    return this.serially(async () => {
      const first = events[0]
      if (!first || this.isOwner) return
      if (first.seq > this.seq + 1) await this.catchUp()
      const fresh = events.filter((event) => event.seq > this.seq)
      if (fresh.length > 0 && fresh[0]!.seq === this.seq + 1) this.fold(fresh)
    })
  }

  /** Reads and folds whatever the store has after this room's last event (after a break). */
  catchUpFromStore(): Promise<void> {
    return this.serially(() => this.catchUp())
  }

  /**
   * Applies to this process's copy of document `name` an update another process recorded, and
   * sends it to this process's sessions of it. The copy never records it again (it comes from the
   * log); a copy that finds it lacks what the update builds on reads the log again.
   */
  applyRemoteDocumentUpdate(name: string, update: Uint8Array): Promise<void> {
    return applyRemoteDocumentUpdate(this.documents, this.exerciseId, this.deps, name, update)
  }

  /** Handles a request another process forwarded to this room, the exercise's owner. */
  handleForwarded(request: ForwardedRequest): Promise<ForwardedReply> {
    return answerForwarded(this, request)
  }

  /** True when the clock runs and the exercise has not ended: the tick has work to look at. */
  get isLive(): boolean {
    return this.state.clock.running && !this.state.ended
  }

  /** Wall time the hot wash closes (epoch ms), or null while the exercise runs. */
  get hotWashEndsAt(): number | null {
    return this.hotWash.endsAt
  }

  /** Runs a command from `actor`; resolves with the reply the sender gets. */
  execute(command: Command, actor: Viewer): Promise<CommandReply> {
    if (!this.isOwner) {
      const request = { kind: 'command', exerciseId: this.exerciseId, command, actor } as const
      return forwardCommand((forwarded) => this.forwarded(forwarded), request)
    }
    return this.serially(async (): Promise<CommandReply> => {
      if (!this.isOwner) {
        return { ok: false, error: protocolError(ERROR_CODES.internal, NOT_RECORDED) }
      }
      const context = this.hotWash.decideContext(this.wallClock())
      const decision = decide(this.state, command, actor, this.now(), context)
      if (!decision.ok) return decision
      try {
        // A new join code is the store's, not the log's: it is in place before the event says so.
        for (const event of decision.events) {
          if (event.type === 'joinCode.rotated') {
            await this.store.replaceJoinCode(this.exerciseId, event.teamId, newJoinCode())
          }
        }
        const committed = await this.commit(decision.events)
        const audience = audienceOf(actor)
        const events =
          audience.role === 'facilitator'
            ? committed.log
            : (committed.byTeam.get(audience.teamId) ?? [])
        return { ok: true, events }
      } catch (error) {
        this.logger.error({ err: error, exerciseId: this.exerciseId }, 'append failed')
        return { ok: false, error: protocolError(ERROR_CODES.internal, NOT_RECORDED) }
      }
    })
  }

  /**
   * Records a participant joining a team, durably, unless the team already holds `cap`
   * participants (removed ones free their seat). Checked in the queue, so joins at once cannot
   * overfill a team.
   */
  join(participantId: string, teamId: string, name: string, cap: number): Promise<TeamFull | null> {
    if (!this.isOwner) {
      const { exerciseId } = this
      const request = { kind: 'join', exerciseId, participantId, teamId, name, cap } as const
      return forwardJoin((forwarded) => this.forwarded(forwarded), request)
    }
    return this.serially(async () => {
      const seated = Object.values(this.state.participants).filter(
        (participant) => participant.teamId === teamId && participant.removedAt === undefined,
      ).length
      if (seated >= cap) return { full: true, cap } as const
      const now = this.now()
      const t = scenarioTimeAt(this.state.clock, now)
      await this.commit([{ type: 'participant.joined', participantId, teamId, name, at: now, t }])
      return null
    })
  }

  /** Seats an evaluator, durably, unless `cap` evaluators already hold a seat; true when seated. */
  joinEvaluator(evaluatorId: string, name: string, cap: number): Promise<boolean> {
    if (!this.isOwner) {
      const { exerciseId } = this
      const request = { kind: 'joinEvaluator', exerciseId, evaluatorId, name, cap } as const
      return forwardJoinEvaluator((forwarded) => this.forwarded(forwarded), request)
    }
    return this.serially(async () => {
      if (Object.keys(this.state.evaluators).length >= cap) return false
      const now = this.now()
      const t = scenarioTimeAt(this.state.clock, now)
      await this.commit([{ type: 'evaluator.joined', evaluatorId, name, at: now, t }])
      return true
    })
  }

  /** Emits whatever has fallen due on the scenario clock. */
  tick(): Promise<void> {
    return this.serially(async () => {
      if (!this.isLive || !this.isOwner) return
      const due = dueEvents(this.state, this.now())
      if (due.length > 0) await this.commit(due)
    })
  }

  /** Pushes each listening audience what is new on its dashboards at the tick of `tickWallMs`. */
  pushTwinFrames(tickWallMs: number): void {
    this.frames?.push(this.state, tickWallMs)
  }

  /** The state `viewer` may see, folded from what it may see. */
  stateFor(viewer: Viewer | Audience): ExerciseState {
    return this.log.view(viewer)
  }

  /** The seq `viewer` is at: the log's for the facilitator, its team's own numbering for a team. */
  seqFor(viewer: Viewer | Audience): number {
    return this.log.seqOf(viewer)
  }

  /** The events after `seq` (in `viewer`'s numbering) that it may see: what a reconnect missed. */
  eventsAfter(seq: number, viewer: Viewer | Audience): HoldoverEvent[] {
    return this.log.eventsAfter(seq, viewer)
  }

  /**
   * Makes `session` follow this exercise: it joins its audience's broadcast room and gets what it
   * lacks, a snapshot or, when it says which seq it holds, the events after it. Nothing awaits
   * between the two and commits publish without awaiting after the store, so every event reaches
   * the session exactly once: in what it is sent here, or live, never both, never neither.
   * A client ahead of this process's copy (it comes from the owner, whose last events are still on
   * their way here) is answered once the copy has caught up from the store, not with a snapshot
   * older than what it holds.
   */
  subscribe(session: EventSession, sinceSeq: number | undefined): void {
    if (sinceSeq !== undefined && sinceSeq > this.seqFor(session.viewer) && !this.isOwner) {
      void this.serially(async () => {
        await this.catchUp()
        this.subscribeNow(session, sinceSeq)
      }).catch((error: unknown) => {
        this.logger.warn({ err: error, exerciseId: this.exerciseId }, 'catch-up failed')
        this.subscribeNow(session, sinceSeq)
      })
      return
    }
    this.subscribeNow(session, sinceSeq)
  }

  private subscribeNow(session: EventSession, sinceSeq: number | undefined): void {
    const viewer = session.viewer
    const audience = session.audience ?? viewer
    session.joinAudience(audienceRoom(this.exerciseId, audienceKey(audience)))
    const seq = this.seqFor(audience)
    if (sinceSeq !== undefined && sinceSeq <= seq) {
      session.sendEvents(this.eventsAfter(sinceSeq, audience))
    } else {
      session.sendSnapshot({
        exerciseId: this.exerciseId,
        seq,
        state: this.stateFor(audience),
        viewer,
        serverTime: this.wallClock(),
        ...(viewer.role === 'facilitator' && audience.role === 'team'
          ? { viewAs: audience.teamId }
          : {}),
        ...(viewer.role === 'participant'
          ? this.hotWash.snapshotField(this.state, viewer.participantId)
          : {}),
      })
    }
  }

  /** Waits for everything queued so far, and lets go of the documents (used on shutdown). */
  async settle(): Promise<void> {
    await this.queue.catch(() => undefined)
    await this.documents.closeAll()
  }

  /** Runs `work` after everything queued before it; a failure does not block what follows. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }

  /**
   * Numbers the drafts, makes them durable, then folds and publishes them: the log's events to
   * the facilitator, and to each team what it may see, in its own numbering.
   */
  private async commit(drafts: EventDraft[]): Promise<Appended> {
    if (drafts.length === 0) return { log: [], byTeam: new Map() }
    // Only the owner writes: a follower that lost the lease while work was queued records nothing.
    if (this.ownership.role !== 'owner') throw new Error('this process does not own the exercise')
    const events = this.log.number(drafts)
    const fence = this.ownership.role === 'owner' ? this.ownership.fence : undefined
    try {
      await this.store.append(this.exerciseId, events, fence)
    } catch (error) {
      // A newer owner wrote meanwhile (this process was paused past its lease): follow it.
      if (error instanceof StaleOwnerError) {
        this.becomeFollower()
        this.deps.ownershipLost?.(this.exerciseId)
      } else {
        // A seq taken by a writer this room has not heard of: the next command starts from it.
        await this.catchUp().catch(() => undefined)
      }
      throw error
    }
    const wasLive = this.isLive
    const committed = this.fold(events)
    this.deps.committed?.(this.exerciseId, events)
    // A clock started or stopped: a process starting after a crash loads exactly the running ones.
    if (this.isLive !== wasLive) {
      await this.store.markLive(this.exerciseId, this.isLive).catch((error: unknown) => {
        this.logger.warn({ err: error, exerciseId: this.exerciseId }, 'live mark not recorded')
      })
    }
    return committed
  }

  /**
   * Folds committed events and publishes them: the log's events to the facilitator, and to each
   * team what it may see, in its own numbering.
   */
  private fold(events: HoldoverEvent[]): Appended {
    // From here to the publish, nothing awaits: a client that opens the room meanwhile
    // either sees these events in its snapshot or receives them, never both, never neither.
    const appended = this.log.append(events)
    this.publish(this.exerciseId, audienceKey(FACILITATOR), appended.log)
    for (const [teamId, seen] of appended.byTeam) {
      this.publish(this.exerciseId, audienceKey({ role: 'team', teamId }), seen)
    }
    this.hotWash.passed(events)
    for (const event of events) {
      if (event.type === 'participant.removed')
        this.deps.participantRemoved?.(this.exerciseId, event.participantId)
      if (event.type === 'participant.moved')
        this.deps.participantMoved?.(this, event.participantId)
    }
    return appended
  }

  /** Folds what the store holds after this room's last event. */
  private async catchUp(): Promise<void> {
    const missed = await this.store.readEvents(this.exerciseId, this.seq + 1)
    if (missed.length > 0) this.fold(missed)
  }

  /**
   * Sends a request to the owner and, once answered, waits until this room has folded what it
   * committed, so that what the sender does next here sees it.
   */
  private async forwarded(request: ForwardedRequest): Promise<ForwardedReply | null> {
    const reply = await this.deps.forward?.(request)
    if (reply && reply.kind !== 'not-owner' && reply.seq > this.seq) {
      await this.serially(() => this.catchUp())
    }
    return reply ?? null
  }

  /** Wall time, never earlier than the last event's, so `at` only moves forward. */
  private now(): number {
    const last = this.log.events[this.log.headSeq - 1]
    return Math.max(this.wallClock(), last?.at ?? 0)
  }
}
