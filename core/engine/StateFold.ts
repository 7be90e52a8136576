/**
 * A state folded one event at a time in linear time. Between reads, the lists and records the
 * fold has copied are its own and grow in place (drafts.ts); reading `state` hands them over,
 * so a state once read never changes, and the next event copies what it touches once more.
 */
import type { HoldoverEvent } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import { EMPTY_STATE } from '../protocol/state'
import { OwnedDrafts } from './drafts'
import { applyEvent } from './reducer'

export class StateFold {
  private folded: ExerciseState
  private drafts = new OwnedDrafts()
  /** Whether an event came in since the state was last read (so the drafts own something). */
  private unread = false

  constructor(from: ExerciseState = EMPTY_STATE) {
    this.folded = from
  }

  /** Folds in the next event. */
  apply(event: HoldoverEvent): void {
    this.folded = applyEvent(this.folded, event, this.drafts)
    this.unread = true
  }

  /** The state so far; it stays as it is whatever is folded in afterwards. */
  get state(): ExerciseState {
    if (this.unread) {
      this.drafts = new OwnedDrafts()
      this.unread = false
    }
    return this.folded
  }
}
