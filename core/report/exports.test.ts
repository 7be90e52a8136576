import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { foldEvents } from '../engine/reducer'
import type { HoldoverEvent } from '../protocol/events'
import { buildReport } from './buildReport'
import { eventLogCsv } from './eventLogCsv'
import {
  addImprovementItem,
  readImprovementPlan,
  removeImprovementItem,
  setImprovementField,
} from './improvementPlan'
import { reportHtml } from './reportHtml'
import { reportMarkdown } from './reportMarkdown'
import { reportLog } from './testReportLog'

const HOSTILE = '<script>alert(1)</script> | **bold** =cmd()'

/** The constructed log with an observation whose text tries markup in every format. */
const events: HoldoverEvent[] = reportLog.map((event) =>
  event.type === 'observation.recorded' && event.observationId === 'o2'
    ? { ...event, text: HOSTILE }
    : event,
)

function report() {
  return buildReport({
    events,
    state: foldEvents(events),
    documentEdits: [],
    improvementPlan: [
      {
        issue: 'Escalation was slow',
        correctiveAction: 'Write a GNSS-loss playbook',
        capability: 'Operational Coordination',
        organisation: 'Telco NOC',
        poc: 'Bao',
        start: '2027-01-10',
        completion: '2027-03-01',
      },
    ],
    generatedAt: Date.UTC(2027, 0, 5),
    endT: 1800,
  })
}

describe('the report exports', () => {
  it('writes the attack table in Markdown with the measured time to detect, and escapes what players wrote', () => {
    const markdown = reportMarkdown(report())
    expect(markdown).toContain('# After-action report: Jamming drill')
    expect(markdown).toContain(
      '| Jam the receiver | rcv | T+00:01:00 | T+00:05:00 | 4 min | Blue (alert) | T+00:20:00 | 19 min |',
    )
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\> \\| \\*\\*bold\\*\\*')
    expect(markdown).toContain(
      '| Escalation was slow | Write a GNSS-loss playbook | Operational Coordination | Telco NOC | Bao | 2027-01-10 | 2027-03-01 |',
    )
  })

  it('writes HTML that prints, carries its charts inline and fetches nothing', () => {
    const html = reportHtml(report())
    expect(html).toContain('@media print')
    expect(html).toContain('<td>4 min</td>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script')
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3)
    expect(html).not.toMatch(/\b(src|href)=/)
    expect(html).toContain('<caption>Improvement plan</caption>')
  })

  it('writes the event log as CSV, one row an event, with formulas made inert', () => {
    const csv = eventLogCsv(events)
    const rows = Papa.parse<string[]>(csv.trim()).data
    expect(rows[0]).toEqual(['seq', 'wall time', 'scenario time', 'type', 'team', 'fields'])
    expect(rows).toHaveLength(events.length + 1)
    expect(rows[5]).toEqual(expect.arrayContaining(['5', 'T+00:01:00', 'attack.launched', 'red']))
    const hostile = rows.find(
      (row) => row[3] === 'observation.recorded' && row[5]?.includes('script'),
    )
    expect(hostile?.[5]?.startsWith('{')).toBe(true)
    expect(
      eventLogCsv([
        { ...events[10]!, type: 'chat.message', teamId: '=HYPERLINK()' } as HoldoverEvent,
      ]),
    ).toContain("'=HYPERLINK()")
  })
})

describe('the improvement plan document', () => {
  it('keeps rows that several editors add and change, and reads them back field by field', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.on('update', (update: Uint8Array) => Y.applyUpdate(b, update))
    b.on('update', (update: Uint8Array) => Y.applyUpdate(a, update))
    addImprovementItem(a, 'Slow escalation')
    setImprovementField(b, 0, 'poc', 'Bao')
    addImprovementItem(b, 'No holdover alarm')
    expect(readImprovementPlan(a).map((row) => [row.issue, row.poc])).toEqual([
      ['Slow escalation', 'Bao'],
      ['No holdover alarm', ''],
    ])
    removeImprovementItem(a, 0)
    expect(readImprovementPlan(b).map((row) => row.issue)).toEqual(['No holdover alarm'])
  })

  it('reads a document without a plan as empty, and ignores what is not a row', () => {
    const doc = new Y.Doc()
    expect(readImprovementPlan(doc)).toEqual([])
    doc.getArray('items').push(['not a row'])
    expect(readImprovementPlan(doc)).toEqual([])
  })
})
