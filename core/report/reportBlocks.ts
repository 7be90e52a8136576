/**
 * The report laid out once, in HSEEP's order, as plain blocks (headings, paragraphs, lists,
 * tables, charts): the Markdown and HTML exports and the report page each render these blocks,
 * so the three never disagree on what the report says.
 */

import { RATING_LABELS } from '../scenario/ratings'
import { formatNs } from '../twin/alertMessage'
import { formatDuration, formatScenarioTime } from '../vocabulary/scenarioTime'
import { sectorStatusChart, swimlaneChart, timeErrorChart } from './charts'
import { IMPROVEMENT_FIELDS } from './improvementPlan'
import type { Report } from './model'

export type ReportBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'table'
      readonly caption: string
      readonly columns: readonly string[]
      readonly rows: readonly (readonly string[])[]
    }
  /** An SVG picture (its text escaped already), with a title saying what it shows. */
  | { readonly kind: 'chart'; readonly title: string; readonly svg: string }

/** The blocks of the whole report, first heading to last appendix. */
export function reportBlocks(report: Report): ReportBlock[] {
  return [...analysisBlocks(report), ...planBlocks(report), ...participantBlocks(report)]
}

/** Overview, summary, objectives, findings, figures, charts and the hot wash. */
export function analysisBlocks(report: Report): ReportBlock[] {
  const { overview } = report
  const endT = overview.scenarioDurationS
  const teamName = (id: string | null) =>
    id === null ? '—' : (overview.teams.find((team) => team.id === id)?.name ?? id)
  const time = (t: number | null) => (t === null ? '—' : formatScenarioTime(t))
  const length = (s: number | null) => (s === null ? '—' : formatDuration(s))
  const wall = (at: number | null) => (at === null ? '—' : new Date(at).toISOString())
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: `After-action report: ${overview.title}` },
    { kind: 'heading', level: 2, text: 'Exercise overview' },
    {
      kind: 'table',
      caption: 'Exercise overview',
      columns: ['', ''],
      rows: [
        ['Exercise', overview.title],
        ['Scenario', overview.scenarioTitle],
        ['Summary', overview.summary],
        ['Created', wall(overview.createdAt)],
        ['Started', wall(overview.startedAt)],
        ['Ended', wall(overview.endedAt)],
        ['Scenario time', formatDuration(overview.scenarioDurationS)],
        ['Wall time', formatDuration(overview.wallDurationS)],
        ['Teams', overview.teams.map((team) => `${team.name} (${team.side})`).join(', ')],
        ['Report made', wall(report.generatedAt)],
      ],
    },
    { kind: 'heading', level: 2, text: 'Executive summary' },
    ...report.executiveSummary.map((text) => ({ kind: 'paragraph' as const, text })),
    { kind: 'heading', level: 2, text: 'Analysis of objectives and capabilities' },
  ]
  if (report.objectives.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'The scenario sets no objectives.' })
  }
  for (const objective of report.objectives) {
    blocks.push(
      { kind: 'heading', level: 3, text: `${objective.objectiveId}: ${objective.text}` },
      {
        kind: 'paragraph',
        text: `Capability: ${objective.capability}. Rating: ${objective.rating === null ? 'not rated' : `${objective.rating} (${RATING_LABELS[objective.rating]})`}.`,
      },
    )
    if (objective.observations.length > 0) {
      blocks.push({
        kind: 'table',
        caption: `Observations on ${objective.objectiveId}`,
        columns: ['Time', 'Team', 'Rating', 'Observation', 'Evaluator'],
        rows: objective.observations.map((o) => [
          formatScenarioTime(o.t),
          teamName(o.teamId),
          o.rating,
          o.text,
          o.authorName,
        ]),
      })
    }
  }
  blocks.push(
    { kind: 'heading', level: 2, text: 'Strengths' },
    findingList(
      report.strengths.map((finding) => finding.text),
      'None recorded.',
    ),
    { kind: 'heading', level: 2, text: 'Areas for improvement' },
    findingList(
      report.areasForImprovement.map((finding) => finding.text),
      'None recorded.',
    ),
    { kind: 'heading', level: 2, text: 'Measured from the log' },
    {
      kind: 'table',
      caption: 'Attacks: time to detect and to recover',
      columns: [
        'Attack',
        'Target',
        'Launched',
        'Detected',
        'Time to detect',
        'By',
        'Recovered',
        'Time to recover',
      ],
      rows: report.attacks.map((a) => [
        a.label,
        a.target ?? '—',
        time(a.launchedT),
        time(a.detectedT),
        length(a.timeToDetectS),
        a.detectedBy === null ? '—' : `${teamName(a.detectedBy)} (${a.detectedHow})`,
        time(a.recoveredT),
        length(a.timeToRecoverS),
      ]),
    },
    {
      kind: 'table',
      caption: 'Sectors: time out of tolerance and peak time error',
      columns: ['Node', 'Sector', 'Out of tolerance', 'Peak time error'],
      rows: report.sectors.map((s) => [
        s.label,
        s.sector ?? '—',
        formatDuration(s.outOfToleranceS),
        formatNs(s.peakTimeErrorNs),
      ]),
    },
    {
      kind: 'table',
      caption: 'Decisions',
      columns: [
        'Decision',
        'Team',
        'Opened',
        'Deadline',
        'Outcome',
        'In time',
        'Answers',
        'Followed by',
      ],
      rows: report.decisions.map((d) => [
        d.question,
        teamName(d.teamId),
        time(d.openedT),
        time(d.deadlineT),
        d.outcome === null ? d.reason : `${d.outcome} (${d.reason}, ${time(d.closedT)})`,
        d.metDeadline ? 'yes' : 'no',
        d.answers.map((a) => `${a.name}: ${a.option} at ${time(a.t)}`).join('; ') || '—',
        d.followedBy.join('; ') || '—',
      ]),
    },
    {
      kind: 'table',
      caption: 'Participation by team',
      columns: ['Team', 'Messages', 'Actions', 'Attacks', 'Notebook edits'],
      rows: report.teams.map((t) => [
        teamName(t.teamId),
        String(t.messages),
        String(t.actions),
        String(t.attacks),
        String(t.notebookEdits),
      ]),
    },
    {
      kind: 'table',
      caption: 'Responses to injects that expected an action',
      columns: ['Team', 'Inject', 'Delivered', 'Acknowledged', 'First action', 'Response time'],
      rows: report.teams.flatMap((t) =>
        t.responses.map((r) => [
          teamName(t.teamId),
          r.title,
          time(r.deliveredT),
          time(r.acknowledgedT),
          time(r.firstActionT),
          length(r.responseS),
        ]),
      ),
    },
    { kind: 'heading', level: 2, text: 'Charts' },
    {
      kind: 'chart',
      title: 'Timeline by team',
      svg: swimlaneChart(overview.teams, report.timeline, endT),
    },
  )
  if (report.statusOverTime.length > 0) {
    blocks.push({
      kind: 'chart',
      title: 'Status over time',
      svg: sectorStatusChart(report.statusOverTime, endT),
    })
  }
  for (const series of report.timeError) {
    blocks.push({
      kind: 'chart',
      title: `Time error of ${series.label}`,
      svg: timeErrorChart(series, endT),
    })
  }
  if (report.hotwash) {
    const { heading, paragraphs, table } = report.hotwash
    blocks.push(
      { kind: 'heading', level: 2, text: heading },
      ...paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
      ...(table ? [{ kind: 'table' as const, caption: heading, ...table }] : []),
    )
  }
  return blocks
}

/** Appendix A: the improvement plan. */
export function planBlocks(report: Report): ReportBlock[] {
  return [
    { kind: 'heading', level: 2, text: 'Appendix A: Improvement plan' },
    {
      kind: 'table',
      caption: 'Improvement plan',
      columns: IMPROVEMENT_FIELDS.map(([, heading]) => heading),
      rows: report.improvementPlan.map((item) => IMPROVEMENT_FIELDS.map(([field]) => item[field])),
    },
  ]
}

/** Appendix B: who took part. */
export function participantBlocks(report: Report): ReportBlock[] {
  const { overview } = report
  return [
    { kind: 'heading', level: 2, text: 'Appendix B: Participants' },
    {
      kind: 'table',
      caption: 'Participants',
      columns: ['Team', 'Side', 'Participants'],
      rows: [
        ...overview.teams.map((team) => [
          team.name,
          team.side,
          team.participants.join(', ') || '—',
        ]),
        ['Evaluators', 'white cell', overview.evaluators.join(', ') || '—'],
      ],
    },
  ]
}

function findingList(items: readonly string[], none: string): ReportBlock {
  return items.length > 0 ? { kind: 'list', items } : { kind: 'paragraph', text: none }
}
