/**
 * Snapshots of a fold taken every `every` events of the log, so that the state at any seq is at
 * most `every - 1` events from one: seeking folds those few events instead of the whole log.
 * `every` may be `Infinity` for a log that never seeks (a live room): no snapshot is kept, and a
 * seek folds from the start.
 */
import type { ExerciseState } from '../protocol/state'
import { EMPTY_STATE } from '../protocol/state'

/** How many log events lie between two keyframes unless a log says otherwise. */
export const DEFAULT_KEYFRAME_EVERY = 1000

/** A snapshot: the fold as it stood once the log reached `logSeq`. */
export interface Keyframe {
  readonly logSeq: number
  readonly state: ExerciseState
}

export class Keyframes {
  /** `taken[k]` is the fold at log seq `(k + 1) * every`. */
  private readonly taken: ExerciseState[] = []

  constructor(readonly every: number = DEFAULT_KEYFRAME_EVERY) {
    if (every !== Number.POSITIVE_INFINITY && (!Number.isInteger(every) || every < 1)) {
      throw new RangeError(`keyframes need a whole number of events between them, not ${every}`)
    }
  }

  /**
   * Tells the keyframes the log has reached `logSeq` (each seq once, in order); on a keyframe's
   * seq they keep `state()`, asked for only then because reading a fold hands over its drafts.
   */
  passed(logSeq: number, state: () => ExerciseState): void {
    if (logSeq % this.every === 0 && logSeq / this.every === this.taken.length + 1) {
      this.taken.push(state())
    }
  }

  /** The last keyframe at or before `logSeq`; the empty state at 0 when none is. */
  before(logSeq: number): Keyframe {
    const k = Math.min(Math.floor(logSeq / this.every), this.taken.length)
    return k === 0
      ? { logSeq: 0, state: EMPTY_STATE }
      : { logSeq: k * this.every, state: this.taken[k - 1]! }
  }
}
