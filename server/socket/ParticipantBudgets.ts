/**
 * Rate budgets per participant, not per socket: every socket of one participant (tabs, scripts,
 * reconnects) draws on the same buckets, so opening more sockets buys no more throughput. A
 * budget lives while any socket of its participant does.
 */
import { DOCUMENT_LIMITS } from '../../core/documents/limits'
import { TokenBucket } from './TokenBucket'

/** Twin-read units (see `twinReadCost`) one participant may spend at once, and per second. */
export const TWIN_READ_BUDGET = { burst: 60, perSecond: 10 } as const

export interface Budget {
  /** Commands: up to 40 at once, 20 a second sustained, far above what a person clicks. */
  readonly commands: TokenBucket
  /**
   * Twin reads, charged by cost (core/engine/twinView.ts `twinReadCost`): dashboards get pushed
   * frames and read only history (a new plot, a jump, a reconnect), a few units each; a read of
   * 50 nodes × 500 points costs 26, so one participant gets two at once and one every 2.6 s.
   */
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
      views: new TokenBucket(TWIN_READ_BUDGET.burst, TWIN_READ_BUDGET.perSecond, now),
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
