/**
 * Rate budgets per participant, not per socket: every socket of one participant (tabs, scripts,
 * reconnects) draws on the same buckets, so opening more sockets buys no more throughput. A
 * budget lives while any socket of its participant does.
 */
import { DOCUMENT_LIMITS } from '../../core/documents/limits'
import { TokenBucket } from './TokenBucket'

/** The budget key of the white cell (participants' keys are their ids). */
export const FACILITATOR_BUDGET = 'facilitator'

/**
 * Commands at once, and per second sustained. A person clicks, votes and chats well under one a
 * second; a participant's burst covers a flurry, and what one participant may make the server
 * record and fan out stays a small share of what a busy room does. The white cell (one trusted
 * budget for every facilitator socket) scripts more.
 */
export const COMMAND_BUDGET = {
  participant: { burst: 20, perSecond: 5 },
  facilitator: { burst: 40, perSecond: 20 },
} as const

/**
 * Refusals a participant may collect (any message the server turned down) at once and per
 * second. A person meets a few; a script that keeps sending past its budgets meets thousands a
 * second, and each still costs the server a parse and a reply. Past this, its connections are
 * cut and refused for COOL_DOWN_MS.
 */
export const REFUSAL_BUDGET = { burst: 200, perSecond: 20 } as const
export const COOL_DOWN_MS = 60_000

/** Twin-read units (see `twinReadCost`) one participant may spend at once, and per second. */
export const TWIN_READ_BUDGET = { burst: 60, perSecond: 10 } as const

export interface Budget {
  /** Commands (COMMAND_BUDGET). */
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
  /** Refusals (REFUSAL_BUDGET); never charged for the white cell. */
  readonly refusals: TokenBucket
}

export class ParticipantBudgets {
  private readonly budgets = new Map<string, { budget: Budget; holders: number }>()
  /** Participants cut off for flooding, until a wall time. */
  private readonly coolingUntil = new Map<string, number>()

  constructor(private readonly wallClock: () => number) {}

  /** The budget of `key` (a participant id, or the facilitator's), held until `release`. */
  hold(key: string): Budget {
    const held = this.budgets.get(key)
    if (held) {
      held.holders += 1
      return held.budget
    }
    const now = this.wallClock()
    const commands = COMMAND_BUDGET[key === FACILITATOR_BUDGET ? 'facilitator' : 'participant']
    const budget: Budget = {
      commands: new TokenBucket(commands.burst, commands.perSecond, now),
      views: new TokenBucket(TWIN_READ_BUDGET.burst, TWIN_READ_BUDGET.perSecond, now),
      updates: new TokenBucket(DOCUMENT_LIMITS.updatesBurst, DOCUMENT_LIMITS.updatesPerSecond, now),
      awareness: new TokenBucket(
        DOCUMENT_LIMITS.awarenessBurst,
        DOCUMENT_LIMITS.awarenessPerSecond,
        now,
      ),
      refusals: new TokenBucket(REFUSAL_BUDGET.burst, REFUSAL_BUDGET.perSecond, now),
    }
    this.budgets.set(key, { budget, holders: 1 })
    return budget
  }

  /**
   * Counts a refusal against `key`; true when it has run past its refusal budget, which starts
   * its cool-down (the caller cuts the connection).
   */
  refused(key: string, budget: Budget): boolean {
    if (key === FACILITATOR_BUDGET) return false
    const now = this.wallClock()
    if (budget.refusals.take(now)) return false
    this.coolingUntil.set(key, now + COOL_DOWN_MS)
    return true
  }

  /** Milliseconds left of `key`'s cool-down, or 0 when it may connect. */
  coolDownLeft(key: string): number {
    const until = this.coolingUntil.get(key)
    if (until === undefined) return 0
    const left = until - this.wallClock()
    if (left > 0) return left
    this.coolingUntil.delete(key)
    return 0
  }

  release(key: string): void {
    const held = this.budgets.get(key)
    if (!held) return
    held.holders -= 1
    if (held.holders <= 0) this.budgets.delete(key)
  }
}
