/**
 * The after-action report from what happened: the exercise's event log, the state it folds to,
 * the record of document edits and the white cell's improvement plan. Pure: the caller passes
 * the report's moment (wall and scenario time).
 */
import type { HoldoverEvent } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import { attackFigures } from './attacks'
import { decisionFigures } from './decisions'
import { hotWashSection, summarizeHotWash } from './hotwash'
import type { ImprovementItem } from './improvementPlan'
import type { Report } from './model'
import { findingsOf, objectiveAnalyses } from './objectives'
import { executiveSummary, overviewOf } from './overview'
import { type DocumentEdit, participationFigures } from './participation'
import { timelineMarks } from './timeline'
import { sectorFigures, statusSeries, timeErrorSeries } from './twinFigures'

export interface ReportInput {
  readonly events: readonly HoldoverEvent[]
  /** The fold of `events`. */
  readonly state: ExerciseState
  readonly documentEdits: readonly DocumentEdit[]
  readonly improvementPlan: readonly ImprovementItem[]
  /** Wall time the report is made (epoch ms) and the scenario time it covers up to. */
  readonly generatedAt: number
  readonly endT: number
}

/** Computes every section and figure of the report. */
export function buildReport(input: ReportInput): Report {
  const { state, events, endT } = input
  const overview = overviewOf(state, events, endT)
  const teamName = (teamId: string) =>
    overview.teams.find((team) => team.id === teamId)?.name ?? teamId
  const objectives = objectiveAnalyses(state)
  const attacks = attackFigures(state, events)
  const sectors = sectorFigures(state, endT)
  const decisions = decisionFigures(state, events)
  const findings = findingsOf(objectives, attacks, decisions, teamName)
  const hotWash = summarizeHotWash(state)
  return {
    generatedAt: input.generatedAt,
    overview,
    executiveSummary: executiveSummary(overview, attacks, sectors, objectives),
    objectives,
    strengths: findings.strengths,
    areasForImprovement: findings.areasForImprovement,
    attacks,
    sectors,
    decisions,
    teams: participationFigures(state, events, input.documentEdits),
    timeline: timelineMarks(state),
    timeError: timeErrorSeries(state, endT),
    statusOverTime: statusSeries(state, endT),
    ...(hotWash ? { hotwash: hotWashSection(hotWash) } : {}),
    improvementPlan: input.improvementPlan,
  }
}
