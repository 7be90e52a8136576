import { describe, expect, it } from 'vitest'
import { foldEvents } from '../engine/reducer'
import type { EventBody, HoldoverEvent } from '../protocol/events'
import { buildReport, type ReportInput } from './buildReport'
import { reportLog, reportState } from './testReportLog'

const input: ReportInput = {
  events: reportLog,
  state: reportState,
  documentEdits: [
    { doc: 'notebook:blue', author: null, t: 0 },
    { doc: 'notebook:blue', author: 'p-blue', t: 200 },
    { doc: 'notebook:blue', author: 'p-blue', t: 400 },
    { doc: 'notebook:red', author: 'p-red', t: 90 },
  ],
  improvementPlan: [],
  generatedAt: 0,
  endT: 1800,
}

/** The log with `extra` bodies appended at their times, numbered after it. */
function withEvents(...extra: (readonly [number, EventBody])[]): HoldoverEvent[] {
  const base = reportLog.filter((event) => event.type !== 'exercise.ended')
  const last = base.at(-1)!
  return [
    ...base,
    ...extra.map(([t, body], i) => ({ ...body, seq: last.seq + i + 1, at: last.at, t })),
  ]
}

describe('the report measured from a constructed log', () => {
  it('times the detection from the launch to blue’s alert 4 min later, and the recovery to the last node back to ok', () => {
    const [attack] = buildReport(input).attacks
    expect(attack).toMatchObject({
      attackId: 'jam',
      target: 'rcv',
      launchedT: 60,
      detectedT: 300,
      timeToDetectS: 240,
      detectedBy: 'blue',
      detectedHow: 'alert',
      // The receiver and grandmaster are back at T+15, the radio they feed only at T+20.
      recoveredT: 1200,
      timeToRecoverS: 1140,
      affectedNodes: ['rcv', 'gm', 'radio'],
    })
  })

  it('counts a blue action on an affected node as the detection when it comes before any alert', () => {
    const events = reportLog.filter((event) => event.type !== 'twin.alert')
    const [attack] = buildReport({ ...input, events, state: foldEvents(events) }).attacks
    expect(attack).toMatchObject({ detectedT: 600, timeToDetectS: 540, detectedHow: 'action' })
  })

  it('leaves detection and recovery empty when nobody noticed and the chain never came back', () => {
    const events = reportLog.filter(
      (event) =>
        event.type !== 'twin.alert' &&
        event.type !== 'action.taken' &&
        !(event.type === 'twin.statusChanged' && event.status === 'ok'),
    )
    const report = buildReport({ ...input, events, state: foldEvents(events) })
    expect(report.attacks[0]).toMatchObject({
      detectedT: null,
      timeToDetectS: null,
      recoveredT: null,
      timeToRecoverS: null,
    })
    expect(report.areasForImprovement.map((finding) => finding.text)).toEqual(
      expect.arrayContaining([
        'Jam the receiver on rcv was never detected by a blue team.',
        'The chain had not recovered from Jam the receiver on rcv when the exercise ended.',
      ]),
    )
  })

  it('does not count an alert on a node the attack never reached', () => {
    const events = withEvents([
      30,
      {
        type: 'twin.alert',
        alertId: 'a0',
        nodeId: 'venue',
        teamId: 'blue',
        raised: true,
        observable: 'offset',
        message: 'Venue offset',
      },
    ])
    const [attack] = buildReport({ ...input, events, state: foldEvents(events) }).attacks
    expect(attack?.detectedT).toBe(300)
  })

  it('sums each sector node’s time out of tolerance and keeps its peak time error', () => {
    const sectors = buildReport(input).sectors
    expect(sectors).toEqual([
      expect.objectContaining({
        nodeId: 'radio',
        sector: 'telecom',
        outOfToleranceS: 500,
        peakTimeErrorNs: 2000,
      }),
      expect.objectContaining({ nodeId: 'venue', outOfToleranceS: 0, peakTimeErrorNs: 0 }),
      expect.objectContaining({ nodeId: 'cell', outOfToleranceS: 0, peakTimeErrorNs: 0 }),
    ])
  })

  it('says who chose what in each decision, whether it was in time, and what followed', () => {
    const [decision] = buildReport(input).decisions
    expect(decision).toMatchObject({
      decisionId: 'warn',
      outcome: 'Yes',
      reason: 'answered',
      closedT: 360,
      metDeadline: true,
      answers: [{ name: 'Bao', option: 'Yes', t: 360 }],
      followedBy: ['The NOC calls'],
    })
  })

  it('counts each team’s messages, actions, attacks and notebook edits, and its response to an inject', () => {
    const [red, blue] = buildReport(input).teams
    expect(red).toMatchObject({
      teamId: 'red',
      messages: 0,
      actions: 0,
      attacks: 1,
      notebookEdits: 1,
    })
    expect(blue).toMatchObject({
      teamId: 'blue',
      messages: 1,
      actions: 1,
      attacks: 0,
      notebookEdits: 2,
      responses: [
        {
          injectId: 'call',
          deliveredT: 120,
          acknowledgedT: null,
          firstActionT: 600,
          responseS: 480,
        },
      ],
    })
  })

  it('rates each objective by its observations, ties going to the worse, and sorts them into strengths and areas', () => {
    const report = buildReport(input)
    const [detect, coordinate] = report.objectives
    expect(detect).toMatchObject({ capability: 'Situational Assessment', rating: 'M' })
    expect(detect?.observations.map((o) => o.rating)).toEqual(['S', 'M'])
    expect(coordinate).toMatchObject({ rating: null, observations: [] })
    expect(report.strengths.map((finding) => finding.text)).toEqual([
      'Blue (S): Saw the alert, slow to escalate.',
      'Blue detected Jam the receiver on rcv 4 min after launch (by alert).',
      'Blue decided "Warn the regulator?" in time.',
    ])
    expect(report.areasForImprovement.map((finding) => finding.text)).toEqual([
      'Blue (M): Nobody checked the grandmaster.',
    ])
  })

  it('gives the overview’s dates and durations and writes the executive summary from the figures', () => {
    const report = buildReport(input)
    expect(report.overview).toMatchObject({
      title: 'Jamming drill',
      scenarioDurationS: 1800,
      wallDurationS: 1800,
      teams: [
        { id: 'red', participants: ['Rosa'] },
        { id: 'blue', participants: ['Bao'] },
      ],
    })
    expect(report.executiveSummary).toEqual([
      'Jamming drill ran 30 min of scenario time in 30 min of wall time, with 2 participants in 2 teams.',
      'Red launched 1 attack; 1 moved the timing chain, and blue teams detected 1 of them (median time to detect 4 min).',
      'The chain recovered from 1 of 1.',
      '1 sector node went out of tolerance; the longest, Radio, for 8 min 20 s.',
      'Evaluators recorded 2 observations on 1 of 2 objectives: detect M.',
    ])
  })

  it('charts the nodes that changed: status spells to the end, time error with the node’s limits', () => {
    const report = buildReport(input)
    const radio = report.statusOverTime.find((series) => series.nodeId === 'radio')
    expect(radio?.spells).toEqual([
      { fromT: 0, toT: 120, status: 'ok' },
      { fromT: 120, toT: 700, status: 'degraded' },
      { fromT: 700, toT: 1200, status: 'failed' },
      { fromT: 1200, toT: 1800, status: 'ok' },
    ])
    const series = report.timeError.find((entry) => entry.nodeId === 'radio')
    expect(series?.limits.aheadNs).toBe(1500)
    expect(series?.points.at(-1)?.t).toBe(1800)
    expect(
      report.timeline.filter((mark) => mark.teamId === 'blue').map((mark) => mark.kind),
    ).toEqual(['inject', 'alert', 'decision', 'action'])
  })
})
