/**
 * Per team: how much it took part (messages, actions, attacks, notebook edits) and how fast it
 * answered the injects that expected an action of it.
 */
import { notebookName } from '../documents/documentName'
import type { HoldoverEvent } from '../protocol/events'
import { acknowledgementKey } from '../protocol/playState'
import type { ExerciseState } from '../protocol/state'
import type { InjectResponse, TeamParticipation } from './model'

/** One recorded change of a shared document: which, by whom (null: the server), when. */
export interface DocumentEdit {
  readonly doc: string
  readonly author: string | null
  readonly t: number
}

/** Every team of the scenario, in its order. */
export function participationFigures(
  state: ExerciseState,
  events: readonly HoldoverEvent[],
  edits: readonly DocumentEdit[],
): TeamParticipation[] {
  const scenario = state.scenario
  return (scenario?.teams ?? []).map((team) => {
    const messages = events.filter(
      (event) =>
        (event.type === 'chat.message' || event.type === 'channel.message') &&
        event.teamId === team.id &&
        event.participantId !== null,
    ).length
    const notebook = notebookName(team.id)
    return {
      teamId: team.id,
      messages,
      actions: state.actions.filter((action) => action.teamId === team.id).length,
      attacks: state.attacks.filter((attack) => attack.teamId === team.id).length,
      // The template is the server's (no author); every other update is someone writing.
      notebookEdits: edits.filter((edit) => edit.doc === notebook && edit.author !== null).length,
      responses: injectResponses(state, team.id),
    }
  })
}

/** The team's answers to the scripted injects that expected an action of it. */
function injectResponses(state: ExerciseState, teamId: string): InjectResponse[] {
  const expecting = new Map(
    (state.scenario?.injects ?? [])
      .filter((inject) => inject.expectedActions.length > 0)
      .map((inject) => [inject.id, inject]),
  )
  return state.deliveries.flatMap((delivery) => {
    const inject = delivery.injectId === null ? undefined : expecting.get(delivery.injectId)
    if (!inject || delivery.teamId !== teamId) return []
    const acknowledged = state.play.acknowledged[acknowledgementKey(delivery.deliveryId, teamId)]
    const firstAction = state.actions.find(
      (action) => action.teamId === teamId && action.seq > delivery.seq,
    )
    return [
      {
        injectId: inject.id,
        title: delivery.title,
        deliveredT: delivery.t,
        acknowledgedT: acknowledged?.t ?? null,
        firstActionT: firstAction?.t ?? null,
        responseS: firstAction ? firstAction.t - delivery.t : null,
      },
    ]
  })
}
