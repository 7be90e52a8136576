/** The exercise overview and the executive summary: who took part, when, and what came of it. */
import type { HoldoverEvent } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import { formatDuration } from '../vocabulary/scenarioTime'
import type { AttackFigure, ExerciseOverview, ObjectiveAnalysis, SectorFigure } from './model'

/** Names, dates and durations of the exercise, and its teams with their people. */
export function overviewOf(
  state: ExerciseState,
  events: readonly HoldoverEvent[],
  endT: number,
): ExerciseOverview {
  const created = events.find((event) => event.type === 'exercise.created')
  const started = events.find((event) => event.type === 'clock.started')
  const ended = events.find((event) => event.type === 'exercise.ended')
  const lastAt = events.at(-1)?.at ?? created?.at ?? 0
  const scenario = state.scenario
  const participants = Object.values(state.participants).sort((a, b) => a.joinedAt - b.joinedAt)
  return {
    exerciseId: state.exerciseId,
    title: state.title,
    scenarioId: scenario?.id ?? '',
    scenarioTitle: scenario?.title ?? '',
    summary: scenario?.summary ?? '',
    createdAt: created?.at ?? 0,
    startedAt: started?.at ?? null,
    endedAt: ended?.at ?? null,
    scenarioDurationS: endT,
    wallDurationS: started ? Math.max(0, ((ended?.at ?? lastAt) - started.at) / 1000) : 0,
    teams: (scenario?.teams ?? []).map((team) => ({
      id: team.id,
      name: team.name,
      side: team.side,
      participants: participants
        .filter((participant) => participant.teamId === team.id)
        .map((participant) => participant.name),
    })),
    evaluators: Object.values(state.evaluators).map((evaluator) => evaluator.name),
  }
}

/** A few sentences a reader of the executive summary needs, computed from the figures. */
export function executiveSummary(
  overview: ExerciseOverview,
  attacks: readonly AttackFigure[],
  sectors: readonly SectorFigure[],
  objectives: readonly ObjectiveAnalysis[],
): string[] {
  const people = overview.teams.reduce((sum, team) => sum + team.participants.length, 0)
  const sentences = [
    `${overview.title} ran ${formatDuration(overview.scenarioDurationS)} of scenario time in ${formatDuration(overview.wallDurationS)} of wall time, with ${count(people, 'participant')} in ${count(overview.teams.length, 'team')}.`,
  ]
  const landed = attacks.filter((attack) => attack.affectedNodes.length > 0)
  if (attacks.length > 0) {
    const detected = landed.filter((attack) => attack.timeToDetectS !== null)
    const median = medianOf(detected.map((attack) => attack.timeToDetectS!))
    sentences.push(
      `Red launched ${count(attacks.length, 'attack')}; ${landed.length} moved the timing chain, and blue teams detected ${detected.length} of them${median === null ? '' : ` (median time to detect ${formatDuration(median)})`}.`,
    )
    const recovered = landed.filter((attack) => attack.timeToRecoverS !== null).length
    if (landed.length > 0)
      sentences.push(`The chain recovered from ${recovered} of ${landed.length}.`)
  }
  const outOfTolerance = sectors.filter((sector) => sector.outOfToleranceS > 0)
  if (outOfTolerance.length > 0) {
    const worst = outOfTolerance.reduce((a, b) => (b.outOfToleranceS > a.outOfToleranceS ? b : a))
    sentences.push(
      `${count(outOfTolerance.length, 'sector node')} went out of tolerance; the longest, ${worst.label}, for ${formatDuration(worst.outOfToleranceS)}.`,
    )
  } else if (sectors.length > 0) {
    sentences.push('No sector node went out of tolerance.')
  }
  const rated = objectives.filter((objective) => objective.rating !== null)
  const observations = objectives.reduce((sum, o) => sum + o.observations.length, 0)
  if (objectives.length > 0) {
    sentences.push(
      `Evaluators recorded ${count(observations, 'observation')} on ${rated.length} of ${count(objectives.length, 'objective')}${rated.length > 0 ? `: ${rated.map((o) => `${o.objectiveId} ${o.rating}`).join(', ')}` : ''}.`,
    )
  }
  return sentences
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
