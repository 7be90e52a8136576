/**
 * The exercises this process holds in memory, loaded on first use and let go when idle, and the
 * clock tick that drives the ones it owns. Ownership comes from the cluster's leases: a room whose
 * lease another process holds follows that owner, and takes the exercise over when the owner's
 * lease runs out.
 */
import type { Cluster, ForwardedReply, ForwardedRequest, Lease } from '../cluster/Cluster'
import { SoloCluster } from '../cluster/SoloCluster'
import type { Logger } from '../log'
import type { RoomDeps } from './ExerciseRoom'
import { ExerciseRoom } from './ExerciseRoom'

/** How long the owner may take to answer a forwarded command before the sender is told so. */
export const FORWARD_TIMEOUT_MS = 4000

/** What the registry needs besides what its rooms need. */
export interface RegistryDeps extends Omit<RoomDeps, 'forward' | 'committed' | 'ownershipLost'> {
  /** Leases and the other processes; one process alone when absent. */
  readonly cluster?: Cluster
  /** Whether any socket of this process follows the exercise or holds one of its documents. */
  readonly hasClients?: (exerciseId: string) => boolean
  /** Whether any socket of this process has document `doc` of the exercise open. */
  readonly documentOpen?: (exerciseId: string, doc: string) => boolean
  /** How long a room with no clients and no running clock stays loaded, ms (60 s by default). */
  readonly idleMs?: number
}

const DEFAULT_IDLE_MS = 60_000

export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<ExerciseRoom | null>>()
  private readonly leases = new Map<string, Lease>()
  /** Wall time each loaded room last had clients or a running clock. */
  private readonly busyAt = new Map<string, number>()
  /** Whether each owned room was last marked live in the cluster. */
  private readonly markedLive = new Map<string, boolean>()
  private timer: NodeJS.Timeout | undefined
  private maintenance: NodeJS.Timeout | undefined
  /** The tick, once ticking: twin frames are computed at its boundaries, as twin reads are. */
  private tickMs: number | undefined
  private readonly logger: Logger
  private readonly cluster: Cluster
  private readonly roomDeps: RoomDeps

  constructor(private readonly deps: RegistryDeps) {
    this.logger = deps.logger
    this.cluster = deps.cluster ?? new SoloCluster()
    this.roomDeps = {
      ...deps,
      forward: (request) => this.forward(request),
      committed: (exerciseId, events) => this.cluster.publish(exerciseId, events),
      ownershipLost: (exerciseId) => this.leases.delete(exerciseId),
    }
  }

  /** Starts taking requests forwarded by other processes and events they committed. */
  async start(): Promise<void> {
    await this.cluster.start({
      forwarded: async (request) => {
        const room = await this.get(request.exerciseId)
        return room ? room.handleForwarded(request) : { kind: 'not-owner' }
      },
      committed: (exerciseId, events) => {
        const room = this.rooms.get(exerciseId)
        void room
          ?.then((loaded) => loaded?.receive(events))
          .catch((error: unknown) => this.logger.error({ err: error, exerciseId }, 'follow failed'))
      },
      documentUpdated: (exerciseId, doc, update) => {
        // Only copies in use here: a document nobody here has open loads from the log when opened.
        if (!this.deps.documentOpen?.(exerciseId, doc)) return
        void this.rooms
          .get(exerciseId)
          ?.then((loaded) => loaded?.applyRemoteDocumentUpdate(doc, update))
          .catch((error: unknown) =>
            this.logger.error({ err: error, exerciseId, doc }, 'document update not applied'),
          )
      },
      reconnected: () => {
        for (const room of this.rooms.values()) {
          void room.then((loaded) => loaded?.catchUpFromStore()).catch(() => undefined)
        }
      },
    })
  }

  /** The room of exercise `id`, or null when no such exercise exists. */
  get(id: string): Promise<ExerciseRoom | null> {
    let room = this.rooms.get(id)
    if (!room) {
      room = this.deps.store.getExercise(id).then(async (record) => {
        if (!record) return null
        const loaded = await ExerciseRoom.load(id, this.roomDeps)
        await this.claim(loaded)
        return loaded
      })
      const entry = room
      room.catch(() => {
        if (this.rooms.get(id) === entry) this.rooms.delete(id)
      })
      this.rooms.set(id, room)
      this.busyAt.set(id, this.deps.wallClock())
    }
    return room
  }

  /**
   * Lets go of a deleted exercise's room once its queued work is done, so that nothing new
   * loads it; sockets still holding it get errors for what they send, never a crash.
   */
  async forget(id: string): Promise<void> {
    const room = await this.rooms.get(id)?.catch(() => null)
    this.rooms.delete(id)
    this.busyAt.delete(id)
    room?.becomeFollower()
    await room?.settle()
    const lease = this.leases.get(id)
    this.leases.delete(id)
    this.markedLive.delete(id)
    await lease?.release().catch(() => undefined)
  }

  /**
   * Loads the exercises whose clocks were left running and that no other process holds, so that
   * they catch up on what fell due while they were down; the others load when someone opens them.
   */
  async loadAll(): Promise<void> {
    const live = await this.deps.store.liveExercises()
    for (const id of await this.cluster.unowned(live)) await this.get(id)
    await this.unloadIdle(0)
  }

  /** Starts the tick: every `intervalMs`, each live room emits what has fallen due. */
  startTicking(intervalMs: number): void {
    this.stopTicking()
    this.tickMs = intervalMs
    this.timer = setInterval(() => void this.tickAll(), intervalMs)
    this.timer.unref()
    const every = Math.min(5000, Math.max(50, this.cluster.leaseMs / 4))
    this.maintenance = setInterval(() => void this.maintain(), every)
    this.maintenance.unref()
  }

  stopTicking(): void {
    if (this.timer) clearInterval(this.timer)
    if (this.maintenance) clearInterval(this.maintenance)
    this.timer = undefined
    this.maintenance = undefined
  }

  /** Runs one tick of every live room now, then pushes the twin frames of every room. */
  async tickAll(): Promise<void> {
    const tickWallMs = this.tickMs
      ? Math.floor(this.deps.wallClock() / this.tickMs) * this.tickMs
      : undefined
    const rooms = await this.loaded()
    await Promise.all(
      rooms
        .filter((room) => room.isLive && room.isOwner)
        .map((room) =>
          room.tick().catch((error: unknown) => {
            this.logger.error({ err: error, exerciseId: room.exerciseId }, 'tick failed')
          }),
        ),
    )
    if (tickWallMs === undefined) return
    // Paused rooms too: a mitigation or a jump changes what their dashboards show.
    for (const room of rooms) {
      try {
        room.pushTwinFrames(tickWallMs)
      } catch (error) {
        this.logger.error({ err: error, exerciseId: room.exerciseId }, 'twin frame failed')
      }
    }
  }

  /**
   * What keeps ownership right: rooms following a vanished owner take the exercise over, running
   * exercises nobody holds are loaded (and so taken), the cluster learns which owned exercises
   * run, and idle rooms are let go.
   */
  async maintain(): Promise<void> {
    try {
      for (const room of await this.loaded()) {
        if (!room.isOwner) await this.claim(room)
      }
      const live = await this.deps.store.liveExercises()
      const notHere = live.filter((id) => !this.rooms.has(id))
      for (const id of await this.cluster.unowned(notHere)) await this.get(id)
      for (const room of await this.loaded()) {
        if (!room.isOwner) continue
        const live = room.isLive
        if (this.markedLive.get(room.exerciseId) !== live) {
          await this.deps.store.markLive(room.exerciseId, live)
          this.markedLive.set(room.exerciseId, live)
        }
      }
      await this.unloadIdle(this.deps.idleMs ?? DEFAULT_IDLE_MS)
    } catch (error) {
      this.logger.warn({ err: error }, 'room maintenance failed; trying again')
    }
  }

  /** Waits for every room's queued work and lets go of their documents and leases (on shutdown). */
  async settle(): Promise<void> {
    const rooms = await this.loaded()
    for (const room of rooms) room.becomeFollower()
    await Promise.all(rooms.map((room) => room.settle()))
    await this.deps.writer.drain()
    await this.cluster.close()
  }

  /** Exercises loaded here now (for tests and the memory benchmark). */
  get loadedCount(): number {
    return this.rooms.size
  }

  /** Takes the exercise's lease for `room`; false when another process holds it. */
  private async claim(room: ExerciseRoom): Promise<boolean> {
    const id = room.exerciseId
    if (room.isOwner) return true
    let lease: Lease | null
    try {
      lease = await this.cluster.acquire(id)
    } catch (error) {
      this.logger.warn(
        { err: error, exerciseId: id },
        'lease not taken: the cluster is unreachable',
      )
      return false
    }
    if (!lease) return false
    this.leases.set(id, lease)
    lease.onLost(() => {
      if (this.leases.get(id) === lease) this.leases.delete(id)
      room.becomeFollower()
    })
    await room.becomeOwner(lease.fence)
    this.logger.info({ exerciseId: id, fence: lease.fence }, 'exercise owned here')
    return true
  }

  /**
   * Sends a follower's request to the owner; when nobody owns the exercise (its owner died, or
   * let it go), this process takes it over and runs the request itself.
   */
  private async forward(request: ForwardedRequest): Promise<ForwardedReply | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const reply = await this.cluster.forward(request, FORWARD_TIMEOUT_MS)
      if (reply && reply.kind !== 'not-owner') return reply
      const room = await this.get(request.exerciseId)
      if (!room) return null
      if (room.isOwner || (await this.claim(room))) return room.handleForwarded(request)
    }
    return null
  }

  private async loaded(): Promise<ExerciseRoom[]> {
    const rooms = await Promise.all([...this.rooms.values()].map((room) => room.catch(() => null)))
    return rooms.filter((room): room is ExerciseRoom => room !== null)
  }

  /** Lets go of rooms with no clients here and nothing to run for `graceMs`. */
  private async unloadIdle(graceMs: number): Promise<void> {
    const now = this.deps.wallClock()
    for (const room of await this.loaded()) {
      const id = room.exerciseId
      const busy = (room.isOwner && room.isLive) || (this.deps.hasClients?.(id) ?? true)
      if (busy) this.busyAt.set(id, now)
      else if (now - (this.busyAt.get(id) ?? now) >= graceMs) await this.forget(id)
    }
  }
}
