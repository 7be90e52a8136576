/**
 * One team's feed of the exercise: the events it may see, as it may see them, numbered 1, 2, 3…
 * in its own sequence. The log's numbering counts every team's events, so a team reading it
 * would see how much happens elsewhere (seq 23, then 45) and, by sending a command now and then,
 * when: an activity meter on the other side. On the wire a team gets only its own numbers; the
 * facilitator, who sees everything, keeps the log's.
 *
 * A feed is read at its head (a snapshot, a reconnect's catch-up); what a team saw at an earlier
 * moment is `viewState` of the truth then (visibility/viewState.ts), with the log's numbering.
 */
import type { HoldoverEvent } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import type { Audience } from '../protocol/viewer'
import { viewEvent } from '../visibility/viewEvent'
import { StateFold } from './StateFold'

export class AudienceFeed {
  /** Log seq of each event of the feed: `logSeqs[n - 1]` is the log position of feed number n. */
  private readonly logSeqs: number[] = []
  private readonly fold = new StateFold()

  constructor(readonly audience: Audience & { readonly role: 'team' }) {}

  /** A feed caught up with `log`. */
  static of(audience: Audience & { readonly role: 'team' }, log: Iterable<HoldoverEvent>) {
    const feed = new AudienceFeed(audience)
    for (const event of log) feed.add(event)
    return feed
  }

  /** The feed's last number: the seq of the team's snapshot. */
  get seq(): number {
    return this.logSeqs.length
  }

  /** The state the team may see: the fold of its feed. */
  get state(): ExerciseState {
    return this.fold.state
  }

  /** Takes the log's next event; returns it as the team sees it, numbered, or null if hidden. */
  add(event: HoldoverEvent): HoldoverEvent | null {
    const numbered = this.number(event, this.logSeqs.length)
    if (numbered) {
      this.logSeqs.push(event.seq)
      this.fold.apply(numbered)
    }
    return numbered
  }

  /** The feed's events after its number `seq`, read from `log` (whose seq n sits at n - 1). */
  eventsAfter(log: readonly HoldoverEvent[], seq: number): HoldoverEvent[] {
    const events: HoldoverEvent[] = []
    for (let n = Math.max(0, seq) + 1; n <= this.logSeqs.length; n++) {
      const logSeq = this.logSeqs[n - 1]!
      const event = log[logSeq - 1]?.seq === logSeq ? log[logSeq - 1] : logEvent(log, logSeq)
      const seen = event && viewEvent(event, this.audience)
      if (seen) events.push({ ...seen, seq: n })
    }
    return events
  }

  /** `event` as the team sees it, numbered after its number `lastSeq`, or null if hidden. */
  private number(event: HoldoverEvent, lastSeq: number): HoldoverEvent | null {
    const seen = viewEvent(event, this.audience)
    return seen ? { ...seen, seq: lastSeq + 1 } : null
  }
}

function logEvent(log: readonly HoldoverEvent[], seq: number): HoldoverEvent | undefined {
  return log.find((event) => event.seq === seq)
}
