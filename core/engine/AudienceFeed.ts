/**
 * One team's feed of the exercise: the events it may see, as it may see them, numbered 1, 2, 3…
 * in its own sequence. The log's numbering counts every team's events, so a team reading it
 * would see how much happens elsewhere (seq 23, then 45) and, by sending a command now and then,
 * when: an activity meter on the other side. On the wire a team gets only its own numbers; the
 * facilitator, who sees everything, keeps the log's.
 *
 * The feed keeps keyframes of its own (Keyframes.ts) at the log's keyframe seqs: what a team saw
 * at a moment depends on the events it was shown before (who moved between which teams, which
 * plan steps it was told of, its numbering), not only on the state of the exercise then.
 */
import type { HoldoverEvent } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import type { Audience } from '../protocol/viewer'
import { viewEvent } from '../visibility/viewEvent'
import { Keyframes } from './Keyframes'
import { StateFold } from './StateFold'

export class AudienceFeed {
  /** Log seq of each event of the feed: `logSeqs[n - 1]` is the log position of feed number n. */
  private readonly logSeqs: number[] = []
  private readonly fold = new StateFold()
  private readonly keyframes: Keyframes

  constructor(
    readonly audience: Audience & { readonly role: 'team' },
    keyframeEvery?: number,
  ) {
    this.keyframes = new Keyframes(keyframeEvery)
  }

  /** A feed caught up with `log`. */
  static of(
    audience: Audience & { readonly role: 'team' },
    log: Iterable<HoldoverEvent>,
    keyframeEvery?: number,
  ) {
    const feed = new AudienceFeed(audience, keyframeEvery)
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
    this.keyframes.passed(event.seq, () => this.fold.state)
    return numbered
  }

  /**
   * The state the team saw once the log reached `logSeq`, in its own numbering: folded from the
   * nearest keyframe with the events of `log` (whose seq n sits at n - 1) since.
   */
  stateAt(log: readonly HoldoverEvent[], logSeq: number): ExerciseState {
    const keyframe = this.keyframes.before(logSeq)
    const fold = new StateFold(keyframe.state)
    let seq = keyframe.state.seq
    for (let i = keyframe.logSeq; i < logSeq && i < log.length; i++) {
      const numbered = this.number(log[i]!, seq)
      if (numbered) {
        fold.apply(numbered)
        seq = numbered.seq
      }
    }
    return fold.state
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
