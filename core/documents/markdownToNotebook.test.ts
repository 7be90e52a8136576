import type { JSONContent } from '@tiptap/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { markdownToNotebook } from './markdownToNotebook'
import { notebookSchema } from './notebookSchema'

/** The notebook for `markdown`, checked against the editor's schema as the editor would. */
function notebook(markdown: string): JSONContent {
  const json = markdownToNotebook(markdown)
  notebookSchema().nodeFromJSON(json).check()
  return json
}

/** The blocks of the notebook, reduced to what a reader sees: types, text and marks. */
function outline(node: JSONContent): unknown {
  if (node.type === 'text') {
    const marks = (node.marks ?? []).map((m) =>
      m.type === 'link' ? `link:${m.attrs?.href}` : m.type,
    )
    return marks.length > 0 ? { text: node.text, marks } : node.text
  }
  const attrs = Object.fromEntries(
    Object.entries(node.attrs ?? {}).filter(
      ([key, value]) => value !== null && !['colspan', 'rowspan', 'type'].includes(key),
    ),
  )
  return {
    [node.type!]: (node.content ?? []).map(outline),
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
  }
}

const blocks = (markdown: string) => (outline(notebook(markdown)) as { doc: unknown[] }).doc

describe('markdownToNotebook', () => {
  it('gives an empty notebook one empty paragraph to type in', () => {
    expect(notebook('')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
    expect(notebook('\n\n   \n')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
  })

  it('keeps headings of every level, paragraphs and inline formatting', () => {
    expect(
      blocks('# One\n\n###### Six\n\nSome **bold**, *italic*, ~~gone~~ and `ntpq -p`.'),
    ).toEqual([
      { heading: ['One'], attrs: { level: 1 } },
      { heading: ['Six'], attrs: { level: 6 } },
      {
        paragraph: [
          'Some ',
          { text: 'bold', marks: ['bold'] },
          ', ',
          { text: 'italic', marks: ['italic'] },
          ', ',
          { text: 'gone', marks: ['strike'] },
          ' and ',
          { text: 'ntpq -p', marks: ['code'] },
          '.',
        ],
      },
    ])
  })

  it('joins wrapped source lines with a space and keeps hard breaks', () => {
    expect(blocks('one\ntwo  \nthree\\\nfour')).toEqual([
      { paragraph: ['one two', { hardBreak: [] }, 'three', { hardBreak: [] }, 'four'] },
    ])
  })

  it('links only to http, https and mailto; anything else stays words', () => {
    expect(
      blocks(
        '[CERT](https://cert.example/report) [mail](mailto:soc@x.example) [bad](javascript:alert(1)) [file](file:///etc/passwd) [rel](/admin)',
      ),
    ).toEqual([
      {
        paragraph: [
          { text: 'CERT', marks: ['link:https://cert.example/report'] },
          ' ',
          { text: 'mail', marks: ['link:mailto:soc@x.example'] },
          ' bad file rel',
        ],
      },
    ])
  })

  it('turns bare addresses into links, as GitHub does', () => {
    expect(blocks('See https://status.example/ntp or write to noc@kestrel.example')).toEqual([
      {
        paragraph: [
          'See ',
          { text: 'https://status.example/ntp', marks: ['link:https://status.example/ntp'] },
          ' or write to ',
          { text: 'noc@kestrel.example', marks: ['link:mailto:noc@kestrel.example'] },
        ],
      },
    ])
  })

  it('resolves reference links against their definitions', () => {
    expect(
      blocks('Read [the advisory][adv].\n\n[adv]: https://advisory.example "Advisory"'),
    ).toEqual([
      {
        paragraph: [
          'Read ',
          { text: 'the advisory', marks: ['link:https://advisory.example'] },
          '.',
        ],
      },
    ])
  })

  it('keeps bullet lists, ordered lists with their start, and nesting', () => {
    expect(blocks('- a\n  - a.1\n- b\n\n3. third\n4. fourth')).toEqual([
      {
        bulletList: [
          {
            listItem: [
              { paragraph: ['a'] },
              { bulletList: [{ listItem: [{ paragraph: ['a.1'] }] }] },
            ],
          },
          { listItem: [{ paragraph: ['b'] }] },
        ],
      },
      {
        orderedList: [
          { listItem: [{ paragraph: ['third'] }] },
          { listItem: [{ paragraph: ['fourth'] }] },
        ],
        attrs: { start: 3 },
      },
    ])
  })

  it('makes task lists checkboxes, ticked or not, empty boxes included', () => {
    expect(blocks('- [ ] Call the NOC\n- [x] Freeze changes\n- [ ]')).toEqual([
      {
        taskList: [
          { taskItem: [{ paragraph: ['Call the NOC'] }], attrs: { checked: false } },
          { taskItem: [{ paragraph: ['Freeze changes'] }], attrs: { checked: true } },
          { taskItem: [{ paragraph: [] }], attrs: { checked: false } },
        ],
      },
    ])
  })

  it('splits a list that mixes tasks and plain items, keeping the numbering', () => {
    expect(blocks('1. first\n2. [ ] check\n3. third')).toEqual([
      { orderedList: [{ listItem: [{ paragraph: ['first'] }] }], attrs: { start: 1 } },
      { taskList: [{ taskItem: [{ paragraph: ['check'] }], attrs: { checked: false } }] },
      { orderedList: [{ listItem: [{ paragraph: ['third'] }] }], attrs: { start: 3 } },
    ])
  })

  it('does not take an escaped "[ ]" for a checkbox', () => {
    expect(blocks('- \\[ \\]')).toEqual([{ bulletList: [{ listItem: [{ paragraph: ['[ ]'] }] }] }])
  })

  it('makes tables with a header row, one paragraph per cell, and column alignment', () => {
    expect(blocks('| Time (T+) | Source |\n| :-- | --: |\n| 00:10 | SIEM |\n| 00:12 |')).toEqual([
      {
        table: [
          {
            tableRow: [
              { tableHeader: [{ paragraph: ['Time (T+)'] }], attrs: { align: 'left' } },
              { tableHeader: [{ paragraph: ['Source'] }], attrs: { align: 'right' } },
            ],
          },
          {
            tableRow: [
              { tableCell: [{ paragraph: ['00:10'] }], attrs: { align: 'left' } },
              { tableCell: [{ paragraph: ['SIEM'] }], attrs: { align: 'right' } },
            ],
          },
          {
            // A short row is filled up, so the table stays rectangular.
            tableRow: [
              { tableCell: [{ paragraph: ['00:12'] }], attrs: { align: 'left' } },
              { tableCell: [{ paragraph: [] }], attrs: { align: 'right' } },
            ],
          },
        ],
      },
    ])
  })

  it('keeps fenced and indented code with its language, quotes and rules', () => {
    expect(blocks('```bash\nntpq -p\n```\n\n    chronyc tracking\n\n> Quoted\n\n---')).toEqual([
      { codeBlock: ['ntpq -p'], attrs: { language: 'bash' } },
      { codeBlock: ['chronyc tracking'] },
      { blockquote: [{ paragraph: ['Quoted'] }] },
      { horizontalRule: [] },
    ])
  })

  it('shows images as their alt text and raw HTML as the characters written', () => {
    expect(blocks('![GNSS sky plot](sky.png) <b>bold?</b>\n\n<script>alert(1)</script>')).toEqual([
      { paragraph: ['GNSS sky plot <b>bold?</b>'] },
      { paragraph: ['<script>alert(1)</script>'] },
    ])
  })

  it('keeps a code span inside a link as the link (the schema cannot hold both)', () => {
    expect(blocks('[`ntp1`](https://ntp1.example) and **`bold code`**')).toEqual([
      {
        paragraph: [
          { text: 'ntp1', marks: ['link:https://ntp1.example'] },
          ' and ',
          { text: 'bold code', marks: ['code'] },
        ],
      },
    ])
  })

  it('survives nesting a thousand levels deep', () => {
    const deep = notebook(`${'> '.repeat(1000)}deep\n\n${'- '.repeat(1000)}deep`)
    expect(JSON.stringify(deep)).toContain('deep')
  })

  it('gives a valid notebook for any text at all', () => {
    const markdownish = fc
      .array(
        fc.constantFrom(
          '# ',
          '- ',
          '* ',
          '1. ',
          '> ',
          '- [ ] ',
          '- [x] ',
          '|',
          ' | ',
          '\n',
          '\n\n',
          '  \n',
          '\\\n',
          '**',
          '*',
          '_',
          '~~',
          '`',
          '```',
          '~~~',
          '[',
          ']',
          '(',
          ')',
          '](',
          'https://a.example',
          'mailto:x@y.example',
          'javascript:x',
          '![',
          '<b>',
          '</b>',
          '<!--',
          '&amp;',
          '&#0;',
          '---',
          '| --- |',
          '\t',
          '    ',
          'word',
          'x@y.example',
          '[^1]',
          '[^1]: ',
          '[a]: /x',
          '\u0000',
          '\u00a0',
          '😀',
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), markdownish), (text) => {
        const json = markdownToNotebook(text)
        expect(json.type).toBe('doc')
        notebookSchema().nodeFromJSON(json).check()
      }),
      { numRuns: 400 },
    )
  })
})
