/** The exercises this process holds in memory, loaded on first use, and the clock tick that drives them. */
import type { Logger } from '../log'
import type { RoomDeps } from './ExerciseRoom'
import { ExerciseRoom } from './ExerciseRoom'

export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<ExerciseRoom | null>>()
  private timer: NodeJS.Timeout | undefined
  /** The tick, once ticking: twin frames are computed at its boundaries, as twin reads are. */
  private tickMs: number | undefined

  private readonly logger: Logger

  constructor(private readonly deps: RoomDeps) {
    this.logger = deps.logger
  }

  /** The room of exercise `id`, or null when no such exercise exists. */
  get(id: string): Promise<ExerciseRoom | null> {
    let room = this.rooms.get(id)
    if (!room) {
      room = this.deps.store
        .getExercise(id)
        .then((record) => (record ? ExerciseRoom.load(id, this.deps) : null))
      room.catch(() => this.rooms.delete(id))
      this.rooms.set(id, room)
    }
    return room
  }

  /**
   * Lets go of a deleted exercise's room once its queued work is done, so that nothing new
   * loads it; sockets still holding it get errors for what they send, never a crash.
   */
  async forget(id: string): Promise<void> {
    const room = await this.rooms.get(id)
    this.rooms.delete(id)
    await room?.settle()
  }

  /** Loads every exercise, so that clocks left running catch up on what fell due while down. */
  async loadAll(): Promise<void> {
    for (const record of await this.deps.store.listExercises()) await this.get(record.id)
  }

  /** Starts the tick: every `intervalMs`, each live room emits what has fallen due. */
  startTicking(intervalMs: number): void {
    this.stopTicking()
    this.tickMs = intervalMs
    this.timer = setInterval(() => void this.tickAll(), intervalMs)
    this.timer.unref()
  }

  stopTicking(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  /** Runs one tick of every live room now, then pushes the twin frames of every room. */
  async tickAll(): Promise<void> {
    const tickWallMs = this.tickMs
      ? Math.floor(this.deps.wallClock() / this.tickMs) * this.tickMs
      : undefined
    const rooms = await Promise.all(this.rooms.values())
    await Promise.all(
      rooms
        .filter((room): room is ExerciseRoom => room?.isLive === true)
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
        room?.pushTwinFrames(tickWallMs)
      } catch (error) {
        this.logger.error({ err: error, exerciseId: room?.exerciseId }, 'twin frame failed')
      }
    }
  }

  /** Waits for every room's queued work and lets go of their documents (on shutdown). */
  async settle(): Promise<void> {
    const rooms = await Promise.all(this.rooms.values())
    await Promise.all(rooms.map((room) => room?.settle()))
    await this.deps.writer.drain()
  }
}
