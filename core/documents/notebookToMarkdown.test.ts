import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NOTEBOOK_FIELD } from './documentName'
import { markdownToNotebook } from './markdownToNotebook'
import { notebookSchema } from './notebookSchema'
import { notebookToMarkdown } from './notebookToMarkdown'
import { seedNotebook } from './seedNotebook'

const INCIDENT_LOG = `# Kestrel NOC: incident log

All times are scenario time. One line per observation; say who owns the action.

| Time (T+) | Source | Observation | Action / owner |
| :-- | --- | --- | --- |
| 00:10 | SIEM | \`ntp1.corp\` offset **+212 ms** vs. ntp2 | Compare against GNSS / *Ana* |
| 00:14 | Phone | Helpdesk: VPN logins fail (Kerberos skew?) | Check KDC clock / Ben |
|  |  |  |  |

## Open questions

- [ ] Which upstream disagrees, and since when?
- [x] Is ntp2 still locked to GNSS?
- [ ] Who else takes time from \`ntp1.corp\`?
  - [ ] Domain controllers
  - [ ] Building management

## Situation report

### Situation

Offset first seen at T+00:10; ~~one~~ two servers affected.\\
Source suspected: upstream *up-1* (see [RFC 5905 §11.2.1](https://www.rfc-editor.org/rfc/rfc5905 "NTP")).

### Impact by sector

1. Kerberos: logins fail beyond 300 s skew.
2. Logging: timestamps out of order by ~212 ms.

### Actions taken

> Quarantined up-1 at T+00:22 (\`server up-1 noselect\`).

### Decisions needed

* Tell OT now, or wait for the root cause?

### Next report

---

\`\`\`bash
ntpq -pn
chronyc sources -v
\`\`\`

Escalation: soc-lead@harrowgate.example or <https://cert.example/report>.
`

function seeded(markdown: string): Y.XmlFragment {
  const doc = new Y.Doc()
  seedNotebook(doc, markdown)
  return doc.getXmlFragment(NOTEBOOK_FIELD)
}

function fragmentOf(json: JSONContent): Y.XmlFragment {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment(NOTEBOOK_FIELD)
  prosemirrorJSONToYXmlFragment(notebookSchema(), json, fragment)
  return fragment
}

const normalised = (json: JSONContent) =>
  notebookSchema().nodeFromJSON(json).toJSON() as JSONContent

describe('notebookToMarkdown', () => {
  it('round-trips an incident-log template: what was seeded reads back the same', () => {
    const first = markdownToNotebook(INCIDENT_LOG)
    const markdown = notebookToMarkdown(seeded(INCIDENT_LOG))
    expect(markdownToNotebook(markdown)).toEqual(first)
    // And once written, the Markdown is stable.
    expect(notebookToMarkdown(seeded(markdown))).toBe(markdown)
  })

  it('writes GFM a person can read', () => {
    const markdown = notebookToMarkdown(seeded(INCIDENT_LOG))
    expect(markdown).toContain(
      '| Time (T+) | Source | Observation | Action / owner |\n| :--- | --- | --- | --- |',
    )
    expect(markdown).toContain('- [ ] Which upstream disagrees, and since when?\n- [x] Is ntp2')
    expect(markdown).toContain('  - [ ] Domain controllers')
    expect(markdown).toContain('1. Kerberos: logins fail beyond 300 s skew.\n2. Logging')
    expect(markdown).toContain('```bash\nntpq -pn\nchronyc sources -v\n```')
    expect(markdown).toContain('<https://cert.example/report>')
    expect(markdown).toContain('<soc-lead@harrowgate.example>')
    expect(markdown).toContain('[RFC 5905 §11.2.1](https://www.rfc-editor.org/rfc/rfc5905 "NTP")')
  })

  it('gives an empty notebook as empty text', () => {
    expect(notebookToMarkdown(seeded(''))).toBe('')
  })

  it('escapes what would otherwise become markup', () => {
    const text = '# not a heading, *not italic*, [not](a link), <b>, a | b, 1. no list, &amp;'
    const markdown = notebookToMarkdown(
      fragmentOf({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
      }),
    )
    expect(markdownToNotebook(markdown).content?.[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text }],
    })
  })

  it('fences code with more backticks than it holds', () => {
    const code = 'echo ```\n````'
    const markdown = notebookToMarkdown(
      fragmentOf({
        type: 'doc',
        content: [
          { type: 'codeBlock', attrs: { language: 'sh' }, content: [{ type: 'text', text: code }] },
        ],
      }),
    )
    expect(markdown).toBe(`\`\`\`\`\`sh\n${code}\n\`\`\`\`\`\n`)
  })

  it('keeps two lists in a row apart', () => {
    const list = (type: string, text: string): JSONContent => ({
      type,
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
      ],
    })
    const json = normalised({
      type: 'doc',
      content: [
        list('bulletList', 'a'),
        list('bulletList', 'b'),
        list('orderedList', 'c'),
        list('orderedList', 'd'),
      ],
    })
    expect(markdownToNotebook(notebookToMarkdown(fragmentOf(json)))).toEqual(json)
  })

  it('never writes a link the notebook may not hold', () => {
    const markdown = notebookToMarkdown(
      fragmentOf({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: 'click',
                marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
              },
            ],
          },
        ],
      }),
    )
    expect(markdown).toBe('click\n')
  })

  it('reads back any notebook made of text, marks, lists, tables, quotes and code', () => {
    fc.assert(
      fc.property(documentArbitrary(), (doc) => {
        const json = normalised(doc)
        const markdown = notebookToMarkdown(fragmentOf(json))
        expect(markdownToNotebook(markdown), markdown).toEqual(json)
      }),
      { numRuns: 200 },
    )
  })
})

/**
 * Notebooks built from characters Markdown treats specially. Left out, because Markdown cannot
 * say them (see notebookToMarkdown.ts): text that GFM would turn into a link on reading (addresses
 * without a link mark), a trailing break, and formatting that begins or ends in punctuation or
 * whitespace or right beside a letter (`a~~*b*~~c`, `*[b](u)*c`); here it meets its
 * neighbours at a space.
 */
const SPACE: JSONContent = { type: 'text', text: ' ' }

function documentArbitrary(): fc.Arbitrary<JSONContent> {
  const special = fc.constantFrom(
    ...'*_`[]()<>#|~\\!&;-+=.:"\' \t{}^$%'.split(''),
    '&amp;',
    '&#35;',
    '1.',
    '2)',
  )
  const plain = fc
    .array(fc.oneof(fc.constantFrom('a', 'b', 'x', 'Z', '7'), special), {
      minLength: 1,
      maxLength: 8,
    })
    .map((chars) => chars.join(''))
  const alnum = fc.constantFrom('a', 'b', 'x', 'Z', '7')
  const bounded = fc
    .tuple(alnum, fc.option(plain, { nil: '' }), alnum)
    .map(([a, middle, b]) => `${a}${middle}${b}`)
  const link = fc.constantFrom(
    { href: 'https://a.example/x', title: null },
    { href: 'mailto:ops@a.example', title: null },
    { href: 'https://a.example/p(q) r', title: 'T "quoted"' },
  )
  const emphasis = fc.subarray(['bold', 'italic', 'strike'], { minLength: 1 })
  const text: fc.Arbitrary<JSONContent> = fc.oneof(
    plain.map((t) => ({ type: 'text', text: t })),
    fc.tuple(bounded, emphasis).map(([t, marks]) => ({
      type: 'text',
      text: t,
      marks: marks.map((type) => ({ type })),
    })),
    fc
      .string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('`', ' ', 'a', '|') })
      .map((t) => ({
        type: 'text',
        text: t,
        marks: [{ type: 'code' }],
      })),
    fc.tuple(bounded, link, fc.subarray(['bold', 'italic'])).map(([t, attrs, marks]) => ({
      type: 'text',
      text: t,
      marks: [{ type: 'link', attrs }, ...marks.map((type) => ({ type }))],
    })),
  )
  const inline = (breaks: boolean) =>
    fc
      .array(
        breaks
          ? fc.oneof(
              { weight: 5, arbitrary: text },
              { weight: 1, arbitrary: fc.constant<JSONContent>({ type: 'hardBreak' }) },
            )
          : text,
        {
          minLength: 1,
          maxLength: 5,
        },
      )
      .filter((content) => content.at(-1)?.type !== 'hardBreak')
      // Formatting meets its neighbours at a space (see above).
      .map((content) => content.flatMap((node) => (node.marks ? [SPACE, node, SPACE] : [node])))
  const paragraph = (breaks = true) =>
    inline(breaks).map((content) => ({ type: 'paragraph', content }))
  const item = (type: 'listItem' | 'taskItem') =>
    fc.tuple(paragraph(), fc.boolean()).map(([p, checked]) => ({
      type,
      ...(type === 'taskItem' ? { attrs: { checked } } : {}),
      content: [p],
    }))
  const list = fc.oneof(
    fc
      .array(item('listItem'), { minLength: 1, maxLength: 3 })
      .map((content) => ({ type: 'bulletList', content })),
    fc
      .tuple(fc.array(item('listItem'), { minLength: 1, maxLength: 3 }), fc.nat(12))
      .map(([content, start]) => ({ type: 'orderedList', attrs: { start }, content })),
    fc
      .array(item('taskItem'), { minLength: 1, maxLength: 3 })
      .map((content) => ({ type: 'taskList', content })),
  )
  const cell = (type: string, align: string | null) =>
    fc.option(paragraph(false), { nil: null }).map((p) => ({
      type,
      attrs: { align },
      content: [p ?? { type: 'paragraph' }],
    }))
  const table = fc
    .tuple(
      fc.array(fc.constantFrom(null, 'left', 'center', 'right'), { minLength: 1, maxLength: 3 }),
      fc.nat(2),
    )
    .chain(([aligns, bodyRows]) =>
      fc
        .tuple(
          fc.tuple(...aligns.map((a) => cell('tableHeader', a))),
          fc.array(fc.tuple(...aligns.map((a) => cell('tableCell', a))), {
            minLength: bodyRows,
            maxLength: bodyRows,
          }),
        )
        .map(([header, body]) => ({
          type: 'table',
          content: [header, ...body].map((cells) => ({ type: 'tableRow', content: cells })),
        })),
    )
  const code = fc
    .tuple(
      fc.string({
        maxLength: 20,
        unit: fc.constantFrom('`', '~', 'a', ' ', '\n', '\t', '\\', '<'),
      }),
      fc.constantFrom(null, 'js', 'c++', 'a`b'),
    )
    .map(([t, language]) => ({
      type: 'codeBlock',
      attrs: { language },
      content: t === '' ? [] : [{ type: 'text', text: t }],
    }))
  const heading = fc
    .tuple(inline(false), fc.integer({ min: 1, max: 6 }))
    .map(([content, level]) => ({ type: 'heading', attrs: { level }, content }))
  const block = fc.oneof(
    { weight: 4, arbitrary: paragraph() },
    heading,
    list,
    table,
    code,
    paragraph().map((p) => ({ type: 'blockquote', content: [p] })),
    fc.constant({ type: 'horizontalRule' }),
  )
  return fc
    .array(block, { minLength: 1, maxLength: 6 })
    .map((content) => ({ type: 'doc', content }))
}
