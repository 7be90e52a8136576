/** Per decision: who chose what and when, whether the team decided in time, and what followed. */
import type { HoldoverEvent } from '../protocol/events'
import type { DecisionStatus, ExerciseState } from '../protocol/state'
import type { DecisionFigure } from './model'

/** Every decision that opened, in the order they opened. */
export function decisionFigures(
  state: ExerciseState,
  events: readonly HoldoverEvent[],
): DecisionFigure[] {
  const scenario = state.scenario
  const names = participantNames(state)
  return Object.values(state.decisions)
    .sort((a, b) => a.openedT - b.openedT)
    .map((decision) => {
      const optionLabel = (optionId: string) =>
        decision.options.find((option) => option.id === optionId)?.label ?? optionId
      const answers = events.flatMap((event) =>
        event.type === 'decision.answered' && event.decisionId === decision.decisionId
          ? [
              {
                name: names(event.participantId),
                option: optionLabel(event.optionId),
                t: event.t,
              },
            ]
          : [],
      )
      const chosen = decision.state === 'closed' ? decision.optionId : null
      const scripted = scenario?.decisions
        .find((entry) => entry.id === decision.decisionId)
        ?.options.find((option) => option.id === chosen)
      const titles = new Map(scenario?.injects.map((inject) => [inject.id, inject.title]))
      return {
        decisionId: decision.decisionId,
        teamId: decision.teamId,
        question: decision.question,
        openedT: decision.openedT,
        deadlineT: decision.deadlineT,
        closedT: decision.state === 'closed' ? decision.closedT : null,
        outcome: chosen === null ? null : optionLabel(chosen),
        reason: decision.state === 'closed' ? decision.reason : 'open',
        metDeadline: metDeadline(decision),
        answers,
        followedBy: (scripted?.injects ?? []).map((id) => titles.get(id) ?? id),
      }
    })
}

/** Decided by the team itself (an answer or a vote) by its deadline. */
function metDeadline(decision: DecisionStatus): boolean {
  return (
    decision.state === 'closed' &&
    (decision.reason === 'answered' || decision.reason === 'vote') &&
    decision.closedT <= decision.deadlineT
  )
}

/** A participant's name from their id; the white cell's when there is none. */
export function participantNames(state: ExerciseState): (id: string | null) => string {
  return (id) => (id === null ? 'White cell' : (state.participants[id]?.name ?? id))
}
