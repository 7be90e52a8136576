/**
 * The hot wash: when the exercise ends, the survey opens on the scenario's objectives, and each
 * participant may answer it once (a second answer is refused: the first stands in the record).
 * A response is kept under its ballot, a keyed hash the server computes (DecideContext), so an
 * anonymous one names nobody in the log, its export or its replay.
 */
import type { CommandOf } from '../protocol/commands'
import { ERROR_CODES } from '../protocol/errors'
import { hasResponded } from '../protocol/hotWashState'
import type { Viewer } from '../protocol/viewer'
import type { Scenario } from '../scenario/schema'
import { lookUp } from '../vocabulary/records'
import type { Emitter } from './Emitter'
import { type Refusal, refuse } from './refusal'

/** A participant's ballot: the same for them all through an exercise, naming nobody. */
export type BallotOf = (participantId: string) => string

/** Opens the survey on the scenario's objectives (their criteria stay with the white cell). */
export function openHotWash(emitter: Emitter, scenario: Scenario, t: number): void {
  const objectives = scenario.objectives.map(({ id, capability, text }) => ({
    id,
    capability,
    text,
  }))
  emitter.emit({ type: 'hotwash.opened', objectives }, t)
}

/** Records a participant's answers to the survey, signed or not, once. */
export function submitHotWash(
  emitter: Emitter,
  scenario: Scenario,
  command: CommandOf<'hotwash.submit'>,
  actor: Viewer,
  t: number,
  ballotOf: BallotOf | undefined,
): Refusal | null {
  if (actor.role !== 'participant') {
    return refuse(
      ERROR_CODES.forbidden,
      'The hot wash survey is for the participants; the white cell reads their responses.',
    )
  }
  const state = emitter.state
  if (!state.ended) {
    return refuse(ERROR_CODES.conflict, 'The hot wash survey opens when the exercise ends.')
  }
  if (!ballotOf) {
    return refuse(ERROR_CODES.internal, 'This server cannot record hot wash responses.')
  }
  const unknown = Object.keys(command.ratings).filter(
    (objectiveId) => !scenario.objectives.some((objective) => objective.id === objectiveId),
  )
  if (unknown.length > 0) {
    const known = scenario.objectives.map((objective) => objective.id).join(', ') || 'none'
    return refuse(
      ERROR_CODES.notFound,
      `This scenario has no objective '${unknown.join("', '")}' to rate; its objectives are ${known}.`,
    )
  }
  const ballot = ballotOf(actor.participantId)
  if (hasResponded(state, ballot)) {
    return refuse(
      ERROR_CODES.conflict,
      'You have already sent your hot wash response; each participant sends one.',
    )
  }
  const author = command.signed
    ? {
        participantId: actor.participantId,
        teamId: actor.teamId,
        name: lookUp(state.participants, actor.participantId)?.name ?? 'Participant',
      }
    : null
  emitter.emit(
    {
      type: 'hotwash.submitted',
      ballot,
      wentWell: command.wentWell,
      toImprove: command.toImprove,
      ratings: command.ratings,
      author,
    },
    t,
  )
  return null
}
