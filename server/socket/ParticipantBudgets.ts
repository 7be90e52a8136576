/**
 * Rate budgets per participant, not per socket: every socket of one participant (tabs, scripts,
 * reconnects) draws on the same buckets, so opening more sockets buys no more throughput. A
 * budget lives while any socket of its participant does.
 */
import { DOCUMENT_LIMITS } from '../../core/documents/limits'
import { TokenBucket } from './TokenBucket'

export interface Budget {
  /** Commands: up to 40 at once, 20 a second sustained, far above what a person clicks. */
  readonly commands: TokenBucket
  /** Twin reads: a dashboard reads a few times a second, with room for a burst of plots. */
  readonly views: TokenBucket
  /** Yjs updates (sync step 2 and updates). */
  readonly updates: TokenBucket
  /** Awareness messages (carets, presence). */
  readonly awareness: TokenBucket
}

export class ParticipantBudgets {
  private readonly budgets = new Map<string, { budget: Budget; holders: number }>()

  constructor(private readonly wallClock: () => number) {}

  /** The budget of `key` (a participant id, or the facilitator's), held until `release`. */
  hold(key: string): Budget {
    const held = this.budgets.get(key)
    if (held) {
      held.holders += 1
      return held.budget
    }
    const now = this.wallClock()
    const budget: Budget = {
      commands: new TokenBucket(40, 20, now),
      views: new TokenBucket(20, 10, now),
      updates: new TokenBucket(DOCUMENT_LIMITS.updatesBurst, DOCUMENT_LIMITS.updatesPerSecond, now),
      awareness: new TokenBucket(
        DOCUMENT_LIMITS.awarenessBurst,
        DOCUMENT_LIMITS.awarenessPerSecond,
        now,
      ),
    }
    this.budgets.set(key, { budget, holders: 1 })
    return budget
  }

  release(key: string): void {
    const held = this.budgets.get(key)
    if (!held) return
    held.holders -= 1
    if (held.holders <= 0) this.budgets.delete(key)
  }
}
