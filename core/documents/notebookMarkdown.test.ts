import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { testScenario } from '../scenario/testScenario'
import { NOTEBOOK_FIELD } from './documentName'
import { documentText } from './documentText'
import { markdownToNotebook } from './markdownToNotebook'
import { notebookSchema } from './notebookSchema'
import { notebookTemplate } from './notebookTemplate'
import { notebookToMarkdown } from './notebookToMarkdown'
import { seedNotebook } from './seedNotebook'

const INCIDENT_LOG = `# SOC: incident log

Use **Insert scenario time** for every *entry*; see [the runbook](https://example.org/runbook).

| Time (T+) | Source | Observation | Action / owner |
| --- | --- | --- | --- |
| 00:10 | SIEM | offset \\| 2 s on dc-1 | \`w32tm /query\` (Ana) |

## Open questions

- [ ] Which NTP servers do our DCs use?
- [x] Is the GPS receiver locked?

1. Call the NOC
2. Check ~~chrony~~ the grandmaster
   - holdover class: OCXO

> Escalate if Kerberos fails.

\`\`\`log
Jan 10 02:13:44 ntpd[812]: time reset +2.001 s
\`\`\`

---
`

function seeded(markdown: string): Y.Doc {
  const doc = new Y.Doc()
  seedNotebook(doc, markdown)
  return doc
}

describe('markdownToNotebook', () => {
  it('gives a document the editor accepts, with every kind of block a template uses', () => {
    const json = markdownToNotebook(INCIDENT_LOG)
    notebookSchema().nodeFromJSON(json).check()
    const types = JSON.stringify(json)
    for (const type of [
      'heading',
      'table',
      'tableHeader',
      'taskItem',
      'orderedList',
      'bulletList',
      'blockquote',
      'codeBlock',
      'horizontalRule',
    ]) {
      expect(types).toContain(`"type":"${type}"`)
    }
    expect(types).toContain('"href":"https://example.org/runbook"')
    expect(types).toContain('"checked":true')
  })

  it('keeps markup and unsafe links out: raw HTML is text, javascript: is no link', () => {
    const json = JSON.stringify(
      markdownToNotebook('<img src=x onerror=alert(1)> [click](javascript:alert(1)) <b>x</b>'),
    )
    expect(json).not.toContain('"type":"link"')
    expect(json).not.toContain('javascript:alert(1)"}')
    expect(json).toContain('<img src=x onerror=alert(1)>')
  })

  it('turns any string into a valid document, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (markdown) => {
        notebookSchema().nodeFromJSON(markdownToNotebook(markdown)).check()
      }),
      { numRuns: 200 },
    )
    for (const hostile of ['>'.repeat(5000), `${'- '.repeat(3000)}x`, '['.repeat(10_000)]) {
      notebookSchema().nodeFromJSON(markdownToNotebook(hostile)).check()
    }
  })

  it('gives an empty document one empty paragraph', () => {
    expect(markdownToNotebook('')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
  })
})

describe('seedNotebook and notebookToMarkdown', () => {
  it('seeds the structure the editor reads back', () => {
    const doc = seeded(INCIDENT_LOG)
    const node = yXmlFragmentToProseMirrorRootNode(
      doc.getXmlFragment(NOTEBOOK_FIELD),
      notebookSchema(),
    )
    expect(node.toJSON()).toEqual(
      notebookSchema().nodeFromJSON(markdownToNotebook(INCIDENT_LOG)).toJSON(),
    )
  })

  it('round-trips a template through the notebook and back to Markdown', () => {
    const markdown = notebookToMarkdown(seeded(INCIDENT_LOG).getXmlFragment(NOTEBOOK_FIELD))
    expect(markdownToNotebook(markdown)).toEqual(markdownToNotebook(INCIDENT_LOG))
    expect(markdown).toContain('| Time (T+) | Source | Observation | Action / owner |')
    expect(markdown).toContain('- [ ] Which NTP servers do our DCs use?')
    expect(markdown).toContain('```log')
  })

  it('escapes what a person typed that would otherwise become markup', () => {
    const doc = new Y.Doc()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('1. not a list *nor emphasis* | or a cell')])
    doc.getXmlFragment(NOTEBOOK_FIELD).insert(0, [paragraph])
    const markdown = notebookToMarkdown(doc.getXmlFragment(NOTEBOOK_FIELD))
    expect(markdownToNotebook(markdown)).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: '1. not a list *nor emphasis* | or a cell' }],
        },
      ],
    })
  })
})

describe('documentText', () => {
  it('reads the notebook first, lines per block and tabs per cell, then the other shared types', () => {
    const doc = seeded(INCIDENT_LOG)
    doc.getText('scratch').insert(0, 'loose note')
    doc.getMap('meta').set('owner', 'soc')
    const text = documentText(doc)
    expect(text.startsWith('SOC: incident log\n')).toBe(true)
    expect(text).toContain('Time (T+)\tSource\tObservation\tAction / owner')
    expect(text).toContain('[ ] Which NTP servers do our DCs use?')
    expect(text.indexOf('loose note')).toBeGreaterThan(text.indexOf('Escalate'))
    expect(text).toContain('owner: soc')
  })

  it('reads a root type that only a remote update created', () => {
    const source = new Y.Doc()
    source.getText('remote').insert(0, 'from elsewhere')
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
    expect(documentText(doc)).toContain('from elsewhere')
  })
})

describe('notebookTemplate', () => {
  it("uses the scenario's template for a team, and a default by side otherwise", () => {
    const scenario = testScenario({ notebooks: { blue: '# Our own log' } })
    expect(notebookTemplate(scenario, 'blue')).toBe('# Our own log')
    expect(notebookTemplate(scenario, 'red')).toContain('operation plan')
    expect(notebookTemplate(testScenario(), 'blue')).toContain('Situation report')
  })
})
