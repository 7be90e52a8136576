/** The marks on each team's lane of the timeline: injects it got, alerts, its actions and decisions. */
import type { ExerciseState } from '../protocol/state'
import type { TimelineMark } from './model'

/** Every mark, in scenario-time order. */
export function timelineMarks(state: ExerciseState): TimelineMark[] {
  const scenario = state.scenario
  const actionLabel = (id: string) => scenario?.actions.find((a) => a.id === id)?.label ?? id
  const attackLabel = (id: string) => scenario?.attacks.find((a) => a.id === id)?.label ?? id
  const marks: TimelineMark[] = [
    ...state.deliveries.map((delivery) => ({
      teamId: delivery.teamId,
      kind: 'inject' as const,
      t: delivery.t,
      label: delivery.title,
    })),
    ...state.alerts
      .filter((alert) => alert.raised)
      .map((alert) => ({
        teamId: alert.teamId,
        kind: 'alert' as const,
        t: alert.t,
        label: alert.message,
      })),
    ...state.actions.map((action) => ({
      teamId: action.teamId,
      kind: 'action' as const,
      t: action.t,
      label: actionLabel(action.actionId),
    })),
    ...state.attacks.map((attack) => ({
      teamId: attack.teamId,
      kind: 'attack' as const,
      t: attack.t,
      label: attackLabel(attack.attackId),
    })),
    ...Object.values(state.decisions).map((decision) => ({
      teamId: decision.teamId,
      kind: 'decision' as const,
      t: decision.state === 'closed' ? decision.closedT : decision.openedT,
      label: decision.question,
    })),
  ]
  return marks.sort((a, b) => a.t - b.t)
}
