/**
 * An exercise's event log in memory: the one place that numbers events, folds them, and keeps
 * each audience's view, once. The live room, the local (dry-run) exercise and the replay all
 * hold one.
 *
 * - `append(events)` takes committed events in seq order (1, 2, 3…, no gap, no repeat) and
 *   returns them as the facilitator and as each team receives them (a team in its own numbering,
 *   AudienceFeed.ts).
 * - `state` is the facilitator's truth at the head, `view(audience)` an audience's snapshot
 *   there; `stateAt(seq)` the truth once the log had reached `seq`, and what a team saw then is
 *   `viewState(log.stateAt(seq), team)` (visibility/viewState.ts).
 * - Keyframes of the truth every `keyframeEvery` events (1000 by default) keep any `stateAt`
 *   within that many events of a snapshot; folds are linear (drafts.ts), so opening a log of N
 *   events costs N steps.
 *
 * @example
 * const log = ExerciseLog.fromEvents(events, { keyframeEvery: 1000 })
 * log.headSeq                                               // the last event's seq
 * viewState(log.stateAt(4200), { role: 'team', teamId: 'soc' })  // the SOC's share after seq 4200
 */
import type { EventDraft, HoldoverEvent } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import type { Audience, Viewer } from '../protocol/viewer'
import { audienceOf } from '../protocol/viewer'
import { AudienceFeed } from './AudienceFeed'
import { Keyframes } from './Keyframes'
import { numberDrafts } from './numberDrafts'
import { StateFold } from './StateFold'

export interface ExerciseLogOptions {
  /**
   * Log events between two keyframes (DEFAULT_KEYFRAME_EVERY when absent); `Infinity` keeps
   * none, for a log read only at its head (a live room), whose keyframes would cost memory that
   * grows with the square of the log (each holds its own copy of the lists that grow).
   */
  readonly keyframeEvery?: number
  /**
   * When each team's view is built: `start` (the default) follows every team of the scenario
   * from the first event, as a live room must, to hand each its share of every append;
   * `firstUse` builds a team's feed, from the whole log, the first time it is asked for: a
   * replay, which reads a team's share through `viewState`, never builds one. Both give the
   * same views.
   */
  readonly teams?: 'start' | 'firstUse'
}

/** What an append made: the log's events, and each team's share of them in its own numbering. */
export interface Appended {
  readonly log: HoldoverEvent[]
  readonly byTeam: ReadonlyMap<string, HoldoverEvent[]>
}

type TeamAudience = Audience & { readonly role: 'team' }

export class ExerciseLog {
  private readonly log: HoldoverEvent[] = []
  private readonly truth = new StateFold()
  private readonly keyframes: Keyframes
  /** Each team's feed: the scenario's from the start, any other from its first use on. */
  private readonly feeds = new Map<string, AudienceFeed>()
  private readonly teamsFromStart: boolean

  constructor(options: ExerciseLogOptions = {}) {
    this.keyframes = new Keyframes(options.keyframeEvery)
    this.teamsFromStart = options.teams !== 'firstUse'
  }

  /** A log holding `events` (seq 1 onwards, in order). */
  static fromEvents(
    events: Iterable<HoldoverEvent>,
    options: ExerciseLogOptions = {},
  ): ExerciseLog {
    const log = new ExerciseLog(options)
    log.append([...events])
    return log
  }

  /** Every event, in order: the event of seq n sits at n - 1. */
  get events(): readonly HoldoverEvent[] {
    return this.log
  }

  /** Seq of the last event; 0 for an empty log. */
  get headSeq(): number {
    return this.log.length
  }

  /** Log events between two keyframes. */
  get keyframeEvery(): number {
    return this.keyframes.every
  }

  /** The facilitator's truth at the head of the log. */
  get state(): ExerciseState {
    return this.truth.state
  }

  /** Numbers drafts as the next events of this log (they are appended once committed). */
  number(drafts: readonly EventDraft[]): HoldoverEvent[] {
    return numberDrafts(drafts, this.headSeq)
  }

  /**
   * Appends committed events, which must follow the head without a gap or a repeat; when one does
   * not, none is appended.
   */
  append(events: readonly HoldoverEvent[]): Appended {
    events.forEach((event, i) => {
      if (event.seq !== this.headSeq + 1 + i) {
        throw new RangeError(`event seq ${event.seq} does not follow the log's ${this.headSeq + i}`)
      }
    })
    const byTeam = new Map<string, HoldoverEvent[]>()
    for (const event of events) {
      // Every team of the scenario follows the log from its first event on (unless on first use).
      if (event.type === 'exercise.created' && this.teamsFromStart) {
        for (const team of event.scenario.teams) this.feedOf({ role: 'team', teamId: team.id })
      }
      this.log.push(event)
      this.truth.apply(event)
      this.keyframes.passed(event.seq, () => this.truth.state)
      for (const [teamId, feed] of this.feeds) {
        const seen = feed.add(event)
        if (!seen) continue
        const share = byTeam.get(teamId)
        if (share) share.push(seen)
        else byTeam.set(teamId, [seen])
      }
    }
    return { log: [...events], byTeam }
  }

  /** The facilitator's truth once the log had reached `seq` (0 to `headSeq`). */
  stateAt(seq: number): ExerciseState {
    this.checkSeq(seq)
    // At the head, the fold itself: nothing to fold again, however far the last keyframe is.
    if (seq === this.headSeq) return this.state
    const keyframe = this.keyframes.before(seq)
    const fold = new StateFold(keyframe.state)
    for (let i = keyframe.logSeq; i < seq; i++) fold.apply(this.log[i]!)
    return fold.state
  }

  /** What `audience` sees at the head: its snapshot's state. */
  view(audience: Viewer | Audience): ExerciseState {
    const seen = audienceOf(audience)
    return seen.role === 'facilitator' ? this.state : this.feedOf(seen).state
  }

  /** The head seq in `audience`'s numbering: the log's for the facilitator, its own for a team. */
  seqOf(audience: Viewer | Audience): number {
    const seen = audienceOf(audience)
    return seen.role === 'facilitator' ? this.headSeq : this.feedOf(seen).seq
  }

  /** The events after `seq` (in `audience`'s numbering) that it may see: what a reconnect missed. */
  eventsAfter(seq: number, audience: Viewer | Audience): HoldoverEvent[] {
    const seen = audienceOf(audience)
    if (seen.role === 'facilitator') return this.log.slice(Math.max(0, seq))
    return this.feedOf(seen).eventsAfter(this.log, seq)
  }

  private feedOf(audience: TeamAudience): AudienceFeed {
    let feed = this.feeds.get(audience.teamId)
    if (!feed) {
      feed = AudienceFeed.of(audience, this.log)
      this.feeds.set(audience.teamId, feed)
    }
    return feed
  }

  private checkSeq(seq: number): void {
    if (!Number.isInteger(seq) || seq < 0 || seq > this.headSeq) {
      throw new RangeError(`seq ${seq} is not in the log (0 to ${this.headSeq})`)
    }
  }
}
