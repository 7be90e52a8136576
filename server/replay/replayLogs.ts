/**
 * The logs the replay reads, held in memory while they are being replayed: one `ExerciseLog` per
 * exercise (keyframes of the truth), brought up to date from the store on each
 * use, so a seek costs a keyframe and at most `keyframeEvery` events, not a fold of the whole
 * log. The least recently replayed exercise is let go past `capacity`.
 */
import { ExerciseLog } from '../../core/engine/ExerciseLog'
import type { Store } from '../store/Store'

/** A replay follows no team's feed: it reads a team's share of the truth (`viewState`). */
const REPLAY_LOG_OPTIONS = { teams: 'firstUse' } as const

/** Exercises whose replay logs stay in memory at once. */
export const REPLAY_LOG_CAPACITY = 4

export class ReplayLogs {
  private readonly logs = new Map<string, ExerciseLog>()
  /** Loads in progress, so concurrent requests for one exercise read the store once. */
  private readonly loading = new Map<string, Promise<ExerciseLog>>()

  constructor(
    private readonly store: Store,
    private readonly capacity = REPLAY_LOG_CAPACITY,
  ) {}

  /** The exercise's log as the store holds it now; empty when there is no such exercise. */
  async logOf(exerciseId: string): Promise<ExerciseLog> {
    const pending = this.loading.get(exerciseId)
    if (pending) return pending
    const load = this.catchUp(exerciseId).finally(() => this.loading.delete(exerciseId))
    this.loading.set(exerciseId, load)
    return load
  }

  private async catchUp(exerciseId: string): Promise<ExerciseLog> {
    // A deleted exercise leaves no log behind, even one held here.
    if (!(await this.store.getExercise(exerciseId))) {
      this.logs.delete(exerciseId)
      return new ExerciseLog(REPLAY_LOG_OPTIONS)
    }
    const log = this.logs.get(exerciseId) ?? new ExerciseLog(REPLAY_LOG_OPTIONS)
    const events = await this.store.readEvents(exerciseId, log.headSeq + 1)
    if (events.length > 0) log.append(events)
    // Most recently used last, so the first is the one to let go.
    this.logs.delete(exerciseId)
    if (log.headSeq > 0) this.logs.set(exerciseId, log)
    for (const [id] of this.logs) {
      if (this.logs.size <= this.capacity) break
      this.logs.delete(id)
    }
    return log
  }
}
