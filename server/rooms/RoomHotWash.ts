/**
 * A room's hot wash: when it closes (the wall time of `exercise.ended` plus its length), what a
 * command decided meanwhile is told of it (open or not, and the participants' ballots), and the
 * snapshot flag that says whether a participant has answered the survey.
 */
import type { DecideContext } from '../../core/engine/decide'
import type { BallotOf } from '../../core/engine/hotWash'
import type { HoldoverEvent } from '../../core/protocol/events'
import { hasResponded } from '../../core/protocol/hotWashState'
import type { ExerciseState } from '../../core/protocol/state'
import type { HotWashBallot } from '../auth/hotWashBallots'

export class RoomHotWash {
  /** Wall time of `exercise.ended`, or null while the exercise runs. */
  private endedAt: number | null = null

  /**
   * The hot wash of exercise `exerciseId`, lasting `lengthMs` after the end; without `ballot`, no
   * responses are taken.
   */
  constructor(
    private readonly exerciseId: string,
    private readonly lengthMs: number,
    private readonly ballot: HotWashBallot | undefined,
  ) {}

  /** Takes note of committed events, in order: the first `exercise.ended` starts the hot wash. */
  passed(events: Iterable<HoldoverEvent>): void {
    for (const event of events) {
      if (event.type === 'exercise.ended') this.endedAt ??= event.at
    }
  }

  /** Wall time the hot wash closes (epoch ms), or null while the exercise runs. */
  get endsAt(): number | null {
    return this.endedAt === null ? null : this.endedAt + this.lengthMs
  }

  /** What a command decided at wall time `wallMs` knows of the hot wash. */
  decideContext(wallMs: number): DecideContext {
    const closes = this.endsAt
    const ballotOf = this.ballotOf
    return { hotWash: closes !== null && wallMs < closes, ...(ballotOf ? { ballotOf } : {}) }
  }

  /** A participant's own snapshot field: whether they have answered the survey in `state`. */
  snapshotField(state: ExerciseState, participantId: string): { hotWashSent?: boolean } {
    const ballotOf = this.ballotOf
    return ballotOf ? { hotWashSent: hasResponded(state, ballotOf(participantId)) } : {}
  }

  /** The ballots of this exercise's participants, when the server takes responses. */
  private get ballotOf(): BallotOf | undefined {
    const ballot = this.ballot
    return ballot && ((participantId) => ballot(this.exerciseId, participantId))
  }
}
