/**
 * The after-action report as data (HSEEP's AAR/IP): what `buildReport` computes from the log and
 * what every export (JSON, Markdown, HTML) renders. Times are scenario seconds unless named `…At`
 * (wall time, epoch ms); a figure that never happened is null.
 */
import type { Rating } from '../scenario/ratings'
import type { Sector } from '../twin/parameters'
import type { Side } from '../vocabulary/constants'
import type { ImprovementItem } from './improvementPlan'

export interface ReportTeam {
  readonly id: string
  readonly name: string
  readonly side: Side
  /** Participant names, in the order they joined. */
  readonly participants: readonly string[]
}

export interface ExerciseOverview {
  readonly exerciseId: string
  readonly title: string
  readonly scenarioId: string
  readonly scenarioTitle: string
  readonly summary: string
  /** When the exercise was created, its clock first started and it ended (null: not yet). */
  readonly createdAt: number
  readonly startedAt: number | null
  readonly endedAt: number | null
  /** Scenario time the exercise reached. */
  readonly scenarioDurationS: number
  /** Wall time from the first start to the end (or the last event), seconds. */
  readonly wallDurationS: number
  readonly teams: readonly ReportTeam[]
  readonly evaluators: readonly string[]
}

export interface ObservationEntry {
  readonly observationId: string
  readonly teamId: string
  readonly rating: Rating
  readonly text: string
  readonly authorName: string
  readonly t: number
  readonly at: number
}

export interface ObjectiveAnalysis {
  readonly objectiveId: string
  readonly text: string
  readonly capability: string
  readonly observations: readonly ObservationEntry[]
  /** The rating most observations gave (ties to the worse), or null with none. */
  readonly rating: Rating | null
}

/** A strength or an area for improvement, with where it comes from. */
export interface Finding {
  readonly text: string
  /** `observation`: an evaluator's; `measured`: computed from the log. */
  readonly source: 'observation' | 'measured'
  readonly objectiveId: string | null
  readonly teamId: string | null
}

export interface AttackFigure {
  readonly attackId: string
  /** The attack's name in the catalogue. */
  readonly label: string
  readonly target: string | null
  readonly launchedT: number
  readonly detectedT: number | null
  readonly timeToDetectS: number | null
  readonly recoveredT: number | null
  readonly timeToRecoverS: number | null
  /** The blue team that detected it first, and how. */
  readonly detectedBy: string | null
  readonly detectedHow: 'alert' | 'action' | null
  /** Nodes it moved out of ok, in the order they left it. */
  readonly affectedNodes: readonly string[]
}

export interface SectorFigure {
  readonly nodeId: string
  readonly label: string
  readonly sector: Sector | null
  readonly outOfToleranceS: number
  /** Largest |time error| any status change of the node recorded, signed. */
  readonly peakTimeErrorNs: number
}

export interface DecisionFigure {
  readonly decisionId: string
  readonly teamId: string
  readonly question: string
  readonly openedT: number
  readonly deadlineT: number
  readonly closedT: number | null
  /** The option decided (its label), or null. */
  readonly outcome: string | null
  readonly reason: 'answered' | 'vote' | 'default' | 'undecided' | 'open'
  readonly metDeadline: boolean
  /** Who answered what, when. */
  readonly answers: readonly {
    readonly name: string
    readonly option: string
    readonly t: number
  }[]
  /** Injects the outcome set off (their titles), as the scenario scripts them. */
  readonly followedBy: readonly string[]
}

export interface InjectResponse {
  readonly injectId: string
  readonly title: string
  readonly deliveredT: number
  readonly acknowledgedT: number | null
  /** The team's first action after the inject arrived. */
  readonly firstActionT: number | null
  readonly responseS: number | null
}

export interface TeamParticipation {
  readonly teamId: string
  readonly messages: number
  readonly actions: number
  readonly attacks: number
  readonly notebookEdits: number
  /** Injects that expected an action, and how the team answered them. */
  readonly responses: readonly InjectResponse[]
}

/** One marked moment on a team's lane of the timeline. */
export interface TimelineMark {
  readonly teamId: string
  readonly kind: 'inject' | 'alert' | 'action' | 'decision' | 'attack'
  readonly t: number
  readonly label: string
}

/** A node's time error over the exercise, with its limits (for the chart). */
export interface TimeErrorSeries {
  readonly nodeId: string
  readonly label: string
  readonly points: readonly { readonly t: number; readonly timeErrorNs: number }[]
  /** Failed beyond these, degraded beyond the degraded ones (ns, ahead positive). */
  readonly limits: {
    readonly aheadNs: number
    readonly behindNs: number
    readonly degradedAheadNs: number
    readonly degradedBehindNs: number
  }
}

/** A node's status spells (for the sector status chart). */
export interface StatusSeries {
  readonly nodeId: string
  readonly label: string
  readonly spells: readonly {
    readonly fromT: number
    readonly toT: number
    readonly status: 'ok' | 'degraded' | 'failed'
  }[]
}

/** A free section (the hot wash's summary slots in as one): paragraphs, then a table. */
export interface ReportSection {
  readonly heading: string
  readonly paragraphs: readonly string[]
  readonly table?: { readonly columns: readonly string[]; readonly rows: readonly string[][] }
}

export interface Report {
  readonly generatedAt: number
  readonly overview: ExerciseOverview
  readonly executiveSummary: readonly string[]
  readonly objectives: readonly ObjectiveAnalysis[]
  readonly strengths: readonly Finding[]
  readonly areasForImprovement: readonly Finding[]
  readonly attacks: readonly AttackFigure[]
  readonly sectors: readonly SectorFigure[]
  readonly decisions: readonly DecisionFigure[]
  readonly teams: readonly TeamParticipation[]
  readonly timeline: readonly TimelineMark[]
  readonly timeError: readonly TimeErrorSeries[]
  readonly statusOverTime: readonly StatusSeries[]
  /** The hot wash's summary, once participants have answered its survey. */
  readonly hotwash?: ReportSection
  readonly improvementPlan: readonly ImprovementItem[]
}
