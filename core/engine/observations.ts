/** Evaluators and their observations: HSEEP ratings of a team against an objective, for the white cell. */
import type { CommandOf } from '../protocol/commands'
import { ERROR_CODES } from '../protocol/errors'
import type { Viewer } from '../protocol/viewer'
import type { Scenario } from '../scenario/schema'
import { lookUp } from '../vocabulary/records'
import type { Emitter } from './Emitter'
import { type Refusal, refuse } from './refusal'

/** Records an observation by an evaluator or the facilitator, on an objective and a team of the scenario. */
export function recordObservation(
  emitter: Emitter,
  scenario: Scenario,
  command: CommandOf<'observation.record'>,
  actor: Viewer,
  t: number,
): Refusal | null {
  if (actor.role === 'participant') {
    return refuse(ERROR_CODES.forbidden, 'Only evaluators and the facilitator record observations.')
  }
  if (!scenario.objectives.some((objective) => objective.id === command.objectiveId)) {
    const known = scenario.objectives.map((objective) => objective.id).join(', ') || 'none'
    return refuse(
      ERROR_CODES.notFound,
      `This scenario has no objective '${command.objectiveId}'; its objectives are ${known}.`,
    )
  }
  if (!scenario.teams.some((team) => team.id === command.teamId)) {
    const known = scenario.teams.map((team) => team.id).join(', ')
    return refuse(
      ERROR_CODES.notFound,
      `No team '${command.teamId}' in this exercise; its teams are ${known}.`,
    )
  }
  const author =
    actor.role === 'evaluator'
      ? {
          authorId: actor.evaluatorId,
          authorName: lookUp(emitter.state.evaluators, actor.evaluatorId)?.name ?? 'Evaluator',
        }
      : { authorId: 'facilitator', authorName: 'White cell' }
  emitter.emit(
    {
      type: 'observation.recorded',
      observationId: `o${emitter.state.seq + 1}`,
      objectiveId: command.objectiveId,
      teamId: command.teamId,
      rating: command.rating,
      text: command.text,
      ...author,
    },
    t,
  )
  return null
}
