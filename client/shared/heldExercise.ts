/**
 * What a client holds of an exercise: the state folded with core's reducer from a snapshot and
 * the events after it, and the last seq it has, which a reconnect sends so nothing is missed.
 */
import { applyEvent } from '../../core/engine/reducer'
import type { HoldoverEvent, Snapshot } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import type { Viewer } from '../../core/protocol/viewer'

export interface HeldExercise {
  readonly exerciseId: string
  readonly state: ExerciseState
  readonly viewer: Viewer
  /**
   * The last log position this client has accounted for. A participant sees only some events,
   * so this is the max of the snapshot's seq and the seqs received, not `state.seq`.
   */
  readonly lastSeq: number
  /** The team the facilitator views the exercise as (read-only), when this is such a view. */
  readonly viewAs?: string
  /** A participant's own: whether they had answered the hot wash survey when the snapshot came. */
  readonly hotWashSent?: boolean
}

/** Starts over from a snapshot: it replaces whatever was held. */
export function holdSnapshot(snapshot: Snapshot): HeldExercise {
  return {
    exerciseId: snapshot.exerciseId,
    state: snapshot.state,
    viewer: snapshot.viewer,
    lastSeq: Math.max(snapshot.seq, snapshot.state.seq),
    ...(snapshot.viewAs === undefined ? {} : { viewAs: snapshot.viewAs }),
    ...(snapshot.hotWashSent === undefined ? {} : { hotWashSent: snapshot.hotWashSent }),
  }
}

/**
 * Folds the events that are new (seq above `lastSeq`) in seq order; the same object comes back
 * when nothing is new, so a duplicate delivery does not even re-render.
 */
export function holdEvents(held: HeldExercise, events: readonly HoldoverEvent[]): HeldExercise {
  const fresh = events.filter((event) => event.seq > held.lastSeq)
  if (fresh.length === 0) return held
  fresh.sort((a, b) => a.seq - b.seq)
  let state = held.state
  let lastSeq = held.lastSeq
  for (const event of fresh) {
    if (event.seq <= lastSeq) continue
    state = applyEvent(state, event)
    lastSeq = event.seq
  }
  return { ...held, state, lastSeq }
}
