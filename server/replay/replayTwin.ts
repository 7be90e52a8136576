/**
 * The twin at a moment of the replay, for one audience: the live read (`readTwin`, the same fog
 * as `twin.view`) over the truth the log had reached then, at the cursor's scenario time. A team
 * sees what its monitoring showed at that moment, red its own vantage, the white cell everything.
 */
import type { ExerciseLog } from '../../core/engine/ExerciseLog'
import { readTwin } from '../../core/engine/twinView'
import { ERROR_CODES, protocolError } from '../../core/protocol/errors'
import type { TwinViewReply, TwinViewRequest } from '../../core/protocol/twinView'
import type { Audience } from '../../core/protocol/viewer'

/** Where the replay reads the twin: after event `seq`, at scenario time `t` (its event's when absent). */
export interface ReplayTwinMoment {
  readonly seq: number
  readonly t?: number | undefined
  /** Nodes whose curves to sample from `fromT` to the moment. */
  readonly series?: {
    readonly nodeIds: readonly string[]
    readonly fromT: number
    readonly points: number
  }
}

/**
 * The twin as `audience` saw it at the moment, or a refusal when `t` lies before event `seq`.
 * At the event's own time the truth is the log's just after it (on a paused clock many events
 * share one scenario time: the moment is this one among them); a cursor past it also takes in
 * every later event up to `t`, so one between two of a team's events still sees an attack that
 * team did not see launched in between.
 */
export function replayTwinAt(
  log: ExerciseLog,
  moment: ReplayTwinMoment,
  audience: Audience,
): TwinViewReply {
  const events = log.events
  const eventT = events[moment.seq - 1]?.t ?? 0
  const t = moment.t ?? eventT
  if (t < eventT) {
    return {
      ok: false,
      error: protocolError(
        ERROR_CODES.invalid,
        `t ${t} s is before event ${moment.seq} (at ${eventT} s): a moment lies at or after its event.`,
      ),
    }
  }
  let seq = moment.seq
  if (t > eventT) while (seq < events.length && events[seq]!.t <= t) seq++
  const request: TwinViewRequest = moment.series
    ? { t, series: { ...moment.series, toT: t } }
    : { t }
  return readTwin(log.stateAt(seq), audience, request, t)
}
