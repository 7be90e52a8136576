/**
 * The after-action report's hot wash section, from the state: how many answered, each objective's
 * mean score and spread, and what went well and what to improve in the participants' words,
 * with a name only where its author signed.
 */
import type { HotWashAuthor } from '../protocol/hotWashEvents'
import { hotWashOf } from '../protocol/hotWashState'
import type { ExerciseState } from '../protocol/state'
import { HOT_WASH_SCORE_LABELS, HOT_WASH_SCORES, type HotWashScore } from '../scenario/hotWashScale'
import type { ReportSection } from './model'

export interface HotWashObjectiveSummary {
  readonly objectiveId: string
  readonly capability: string
  readonly text: string
  /** Responses that scored it (a participant may leave an objective out). */
  readonly rated: number
  /** The mean score, 1 to 5; null when nobody scored it. */
  readonly meanScore: number | null
  /** How many responses gave each score. */
  readonly distribution: Readonly<Record<HotWashScore, number>>
}

/** One answer in a participant's words. */
export interface HotWashRemark {
  readonly text: string
  /** Who wrote it, when they signed; null for an anonymous response. */
  readonly signedBy: {
    readonly name: string
    readonly teamId: string
    readonly teamName: string
  } | null
}

export interface HotWashSummary {
  readonly responses: number
  readonly signed: number
  readonly anonymous: number
  /** Participants still seated (not removed): those the survey asked. */
  readonly participants: number
  readonly objectives: readonly HotWashObjectiveSummary[]
  readonly wentWell: readonly HotWashRemark[]
  readonly toImprove: readonly HotWashRemark[]
}

/** The hot wash summarised, in the order responses came; null when it never opened. */
export function summarizeHotWash(state: ExerciseState): HotWashSummary | null {
  const { survey, responses } = hotWashOf(state)
  if (!survey) return null
  const teamName = (teamId: string) =>
    state.scenario?.teams.find((team) => team.id === teamId)?.name ?? teamId
  const signer = (author: HotWashAuthor | null) =>
    author && { name: author.name, teamId: author.teamId, teamName: teamName(author.teamId) }
  const remarks = (pick: (response: (typeof responses)[number]) => string) =>
    responses
      .filter((response) => pick(response) !== '')
      .map((response) => ({ text: pick(response), signedBy: signer(response.author) }))
  const signed = responses.filter((response) => response.author !== null).length
  return {
    responses: responses.length,
    signed,
    anonymous: responses.length - signed,
    participants: Object.values(state.participants).filter(
      (participant) => participant.removedAt === undefined,
    ).length,
    objectives: survey.map((objective) => {
      const scores = responses.flatMap((response) =>
        Object.hasOwn(response.ratings, objective.id) ? [response.ratings[objective.id]!] : [],
      )
      const distribution = Object.fromEntries(
        HOT_WASH_SCORES.map((score) => [score, scores.filter((given) => given === score).length]),
      ) as Record<HotWashScore, number>
      return {
        objectiveId: objective.id,
        capability: objective.capability,
        text: objective.text,
        rated: scores.length,
        meanScore:
          scores.length === 0
            ? null
            : scores.reduce((sum, score) => sum + score, 0) / scores.length,
        distribution,
      }
    }),
    wentWell: remarks((response) => response.wentWell),
    toImprove: remarks((response) => response.toImprove),
  }
}

/** The report's hot wash section: who answered, each objective's scores, and the remarks. */
export function hotWashSection(summary: HotWashSummary): ReportSection {
  const remark = ({ text, signedBy }: HotWashRemark) =>
    `“${text}” (${signedBy ? `${signedBy.name}, ${signedBy.teamName}` : 'anonymous'})`
  const answered =
    `${summary.responses} of ${summary.participants} participants answered the hot wash ` +
    `(${summary.signed} signed, ${summary.anonymous} anonymous), scoring each objective from ` +
    `1 (${HOT_WASH_SCORE_LABELS[1]}) to 5 (${HOT_WASH_SCORE_LABELS[5]}).`
  return {
    heading: 'Hot wash',
    paragraphs: [
      answered,
      ...summary.wentWell.map((each) => `Went well: ${remark(each)}`),
      ...summary.toImprove.map((each) => `To improve: ${remark(each)}`),
    ],
    table: {
      columns: ['Objective', 'Capability', 'Scored by', 'Mean', ...HOT_WASH_SCORES.map(String)],
      rows: summary.objectives.map((objective) => [
        objective.text,
        objective.capability,
        String(objective.rated),
        objective.meanScore === null ? '–' : objective.meanScore.toFixed(1),
        ...HOT_WASH_SCORES.map((score) => String(objective.distribution[score])),
      ]),
    },
  }
}
