import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { csvToInjects, mselToCsv } from './msel'
import { parseScenario } from './parseScenario'
import { scenarioSchema } from './schema'

const drill = readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8')

function load(text: string) {
  const parsed = parseScenario(text, 'test.yaml')
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  return parsed.scenario
}

describe('the MSEL as CSV', () => {
  it('exports the columns facilitators know', () => {
    const csv = mselToCsv(load(drill))
    const [header, first] = csv.split('\r\n')
    expect(header).toBe(
      'Number,ID,Scenario time,Trigger,Unless,Phase,From,To,Channel,Subject,Message,Expected action,Objective,Notes,Evaluator notes',
    )
    expect(first).toMatch(
      /^1,kickoff,T\+00:00:00,,,Start,Exercise control,"red, soc, ot",briefing,The drill begins,/,
    )
  })

  it('round-trips every inject, triggers included', () => {
    const withTriggers = scenarioSchema.parse({
      ...parse(drill),
      actions: [...parse(drill).actions, { id: 'call-ot', teams: ['soc'], label: 'Call OT' }],
      injects: [
        ...parse(drill).injects,
        {
          id: 'chase',
          after: 'siem-offset',
          delay: 'T+00:05',
          to: ['soc'],
          channel: 'email',
          title: 'Any news?',
        },
        {
          id: 'nobody-called',
          when: { notTaken: 'call-ot', by: 'T+00:50' },
          to: ['ot'],
          channel: 'phone',
          title: 'Nobody called',
        },
        { id: 'held-one', to: ['soc'], channel: 'news', title: 'Held, "quoted", and, commas' },
        {
          id: 'unless-one',
          at: 'T+00:20',
          unless: { notTaken: 'call-ot', by: 'T+00:15' },
          to: ['soc'],
          channel: 'email',
          title: 'Cancelled unless OT was called',
        },
        {
          id: 'twin-one',
          when: { node: 'vpn-gw', status: 'failed' },
          delay: 'T+00:02',
          unless: { node: 'ad-domain', status: 'degraded' },
          to: ['soc'],
          channel: 'phone',
          title: 'The VPN is down',
        },
        {
          id: 'combined',
          when: {
            all: [{ taken: 'call-ot' }, { decision: 'declare-major-incident', option: 'declare' }],
          },
          delay: 'T+00:01',
          unless: {
            any: [
              { node: 'ad-domain', status: 'failed' },
              { notTaken: 'notify-ot', by: 'T+00:40' },
            ],
          },
          to: ['soc'],
          channel: 'email',
          title: 'Both happened',
        },
      ],
    })
    const csv = mselToCsv(withTriggers)
    const back = csvToInjects(csv, withTriggers.injects)
    expect(back.ok).toBe(true)
    if (!back.ok) return
    const rebuilt = scenarioSchema.parse({
      ...parse(drill),
      actions: [...parse(drill).actions, { id: 'call-ot', teams: ['soc'], label: 'Call OT' }],
      injects: back.injects,
    })
    expect(rebuilt.injects).toEqual(withTriggers.injects)
    // The authored shape is plain YAML.
    expect(stringify(back.injects)).toContain('after: siem-offset')
  })

  it('says which row is wrong and why', () => {
    const csv =
      'Scenario time,To,Channel,Subject,Trigger\nT+1,soc,email,Bad time,\n,soc,email,No time,\n,soc,email,Odd,whenever\n'
    const result = csvToInjects(csv)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual([
      { row: 2, message: "'T+1' is not a scenario time such as T+01:30" },
      { row: 3, message: 'a scenario time (T+hh:mm) or a trigger is needed' },
      { row: 4, message: expect.stringContaining("unreadable trigger 'whenever'") },
    ])
    expect(csvToInjects('Subject\nx\n')).toMatchObject({
      ok: false,
      problems: [{ row: 1, message: expect.stringContaining('Scenario time') }],
    })
  })
})
