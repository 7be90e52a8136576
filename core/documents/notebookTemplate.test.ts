import { describe, expect, it } from 'vitest'
import { parseScenario } from '../scenario/parseScenario'
import { testScenario } from '../scenario/testScenario'
import { markdownToNotebook } from './markdownToNotebook'
import { notebookTemplate } from './notebookTemplate'

const teams = [
  { id: 'red', name: 'Red cell', side: 'red' },
  { id: 'soc', name: 'Harrowgate SOC', side: 'blue' },
  { id: 'ot', name: 'OT engineering', side: 'blue' },
  { id: 'observers', name: 'Observers', side: 'observer' },
]

const text = (markdown: string) => JSON.stringify(markdownToNotebook(markdown))

describe('notebookTemplate', () => {
  it("gives each team the scenario's template for it", () => {
    const scenario = testScenario({
      teams,
      notebooks: { soc: '# SOC log\n\n- [ ] Check ntp1.corp' },
    })
    expect(notebookTemplate(scenario, 'soc')).toBe('# SOC log\n\n- [ ] Check ntp1.corp')
  })

  it('falls back to a template for the side: incident log and sitrep for blue', () => {
    const blue = notebookTemplate(testScenario({ teams }), 'ot')
    expect(blue).toMatch(/^# OT engineering: incident log/)
    expect(blue).toContain('| Time (T+) | Source | Observation | Action / owner |')
    expect(blue).toContain('## Open questions\n\n- [ ] ')
    for (const heading of [
      'Situation',
      'Impact by sector',
      'Actions taken',
      'Decisions needed',
      'Next report',
    ]) {
      expect(blue).toContain(`### ${heading}\n`)
    }
    expect(text(blue)).toContain('"type":"table"')
    expect(text(blue)).toContain('"type":"taskList"')
  })

  it('gives red an operation plan and observers their notes', () => {
    const red = notebookTemplate(testScenario({ teams }), 'red')
    for (const part of [
      '## Objective',
      '## Targets',
      '## Timeline',
      '## Preconditions',
      '## Notes',
    ]) {
      expect(red).toContain(part)
    }
    expect(text(red)).toContain('"type":"taskList"')
    expect(notebookTemplate(testScenario({ teams }), 'observers')).toMatch(
      /^# Observers: observation notes/,
    )
  })

  it('writes a team name as text, whatever it holds', () => {
    const scenario = testScenario({ teams: [{ id: 'soc', name: 'SOC *night* <b>', side: 'blue' }] })
    expect(markdownToNotebook(notebookTemplate(scenario, 'soc')).content?.[0]).toEqual({
      type: 'heading',
      attrs: { level: 1 },
      content: [{ type: 'text', text: 'SOC *night* <b>: incident log' }],
    })
  })

  it('does not take a property of every object for a template', () => {
    const scenario = testScenario({ teams: [{ id: 'constructor', name: 'Odd', side: 'blue' }] })
    expect(notebookTemplate(scenario, 'constructor')).toMatch(/^# Odd: incident log/)
  })
})

describe('notebooks in a scenario file', () => {
  const file = (notebooks: string) => `id: t
title: T
summary: S
duration: "T+01:00"
sources: [none]
teams:
  - { id: red, name: Red, side: red }
  - { id: soc, name: SOC, side: blue }
notebooks:
${notebooks}`

  it('accepts a template per team', () => {
    const parsed = parseScenario(file('  soc: |\n    # SOC log\n  red: "# Plan"\n'), 't.yaml')
    expect(parsed.ok && parsed.scenario.notebooks).toEqual({ soc: '# SOC log\n', red: '# Plan' })
  })

  it('places a key that is not a team at its line and column', () => {
    const parsed = parseScenario(file('  soc: "# SOC"\n  blu: |\n    # Typo\n'), 't.yaml')
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.problems).toEqual([
      {
        file: 't.yaml',
        line: 11,
        column: 8,
        path: 'notebooks.blu',
        message: "expected a team of this scenario (red, soc), not 'blu'",
      },
    ])
  })

  it('refuses a template over 20,000 characters', () => {
    const parsed = parseScenario(file(`  soc: "${'x'.repeat(20_001)}"\n`), 't.yaml')
    expect(!parsed.ok && parsed.problems.map((p) => p.path)).toEqual(['notebooks.soc'])
  })
})
