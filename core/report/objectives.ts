/**
 * The analysis of objectives and capabilities (HSEEP): each objective with the evaluators'
 * observations and a summary rating, then strengths and areas for improvement, from the
 * observations (P/S against M/U) and from what the log measured.
 */
import type { ExerciseState } from '../protocol/state'
import { RATINGS, type Rating } from '../scenario/ratings'
import { formatDuration } from '../vocabulary/scenarioTime'
import type { AttackFigure, DecisionFigure, Finding, ObjectiveAnalysis } from './model'

/** Every objective of the scenario, with its observations in the order they were recorded. */
export function objectiveAnalyses(state: ExerciseState): ObjectiveAnalysis[] {
  return (state.scenario?.objectives ?? []).map((objective) => {
    const observations = state.observations
      .filter((observation) => observation.objectiveId === objective.id)
      .map(({ observationId, teamId, rating, text, authorName, t, at }) => ({
        observationId,
        teamId,
        rating,
        text,
        authorName,
        t,
        at,
      }))
    return {
      objectiveId: objective.id,
      text: objective.text,
      capability: objective.capability,
      observations,
      rating: summaryRating(observations.map((observation) => observation.rating)),
    }
  })
}

/** The rating given most often; a tie goes to the worse rating; null with none. */
export function summaryRating(ratings: readonly Rating[]): Rating | null {
  let best: Rating | null = null
  let bestCount = 0
  for (const rating of RATINGS) {
    const count = ratings.filter((given) => given === rating).length
    // RATINGS runs from best to worst: `>=` lets a later (worse) rating win a tie.
    if (count > 0 && count >= bestCount) {
      best = rating
      bestCount = count
    }
  }
  return best
}

export interface Findings {
  readonly strengths: Finding[]
  readonly areasForImprovement: Finding[]
}

/** Strengths and areas for improvement: observations first, then the measured figures. */
export function findingsOf(
  objectives: readonly ObjectiveAnalysis[],
  attacks: readonly AttackFigure[],
  decisions: readonly DecisionFigure[],
  teamName: (teamId: string) => string,
): Findings {
  const strengths: Finding[] = []
  const areasForImprovement: Finding[] = []
  for (const objective of objectives) {
    for (const observation of objective.observations) {
      const finding: Finding = {
        text: `${teamName(observation.teamId)} (${observation.rating}): ${observation.text}`,
        source: 'observation',
        objectiveId: objective.objectiveId,
        teamId: observation.teamId,
      }
      const good = observation.rating === 'P' || observation.rating === 'S'
      ;(good ? strengths : areasForImprovement).push(finding)
    }
  }
  for (const attack of attacks) {
    if (attack.affectedNodes.length === 0) continue
    const measured = { source: 'measured', objectiveId: null } as const
    if (attack.timeToDetectS !== null && attack.detectedBy !== null) {
      strengths.push({
        ...measured,
        teamId: attack.detectedBy,
        text: `${teamName(attack.detectedBy)} detected ${attackName(attack)} ${formatDuration(attack.timeToDetectS)} after launch (by ${attack.detectedHow}).`,
      })
    } else {
      areasForImprovement.push({
        ...measured,
        teamId: null,
        text: `${attackName(attack)} was never detected by a blue team.`,
      })
    }
    if (attack.timeToRecoverS === null) {
      areasForImprovement.push({
        ...measured,
        teamId: null,
        text: `The chain had not recovered from ${attackName(attack)} when the exercise ended.`,
      })
    }
  }
  for (const decision of decisions) {
    if (decision.reason === 'open') continue
    const finding = { source: 'measured', objectiveId: null, teamId: decision.teamId } as const
    if (decision.metDeadline) {
      strengths.push({
        ...finding,
        text: `${teamName(decision.teamId)} decided "${decision.question}" in time.`,
      })
    } else {
      areasForImprovement.push({
        ...finding,
        text: `${teamName(decision.teamId)} did not decide "${decision.question}" by its deadline (${decision.reason}).`,
      })
    }
  }
  return { strengths, areasForImprovement }
}

/** An attack as a finding names it: with its target, so two launches read apart. */
function attackName(attack: AttackFigure): string {
  return attack.target === null ? attack.label : `${attack.label} on ${attack.target}`
}
