import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NOTEBOOK_FIELD } from './documentName'
import { markdownToNotebook } from './markdownToNotebook'
import { notebookSchema } from './notebookSchema'
import { seedNotebook } from './seedNotebook'

const TEMPLATE = `# SOC incident log

| Time (T+) | Source | Observation | Action / owner |
| --- | --- | --- | --- |
|  |  |  |  |

## Open questions

- [ ] Which time sources do we trust, and why?
- [x] Is the **GNSS** receiver locked?

1. Situation
2. Impact by sector

\`\`\`text
ntpq -p
\`\`\`
`

describe('seedNotebook', () => {
  it('writes the template as the editor will read it', () => {
    const doc = new Y.Doc()
    seedNotebook(doc, TEMPLATE)
    const node = yXmlFragmentToProseMirrorRootNode(
      doc.getXmlFragment(NOTEBOOK_FIELD),
      notebookSchema(),
    )
    node.check()
    expect(node.toJSON()).toEqual(markdownToNotebook(TEMPLATE))
    expect(node.textContent).toContain('Which time sources do we trust, and why?')
  })

  it('writes in one transaction, tagged as the template', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin))
    seedNotebook(doc, TEMPLATE)
    expect(origins).toEqual(['template'])
  })

  it('reaches another replica whole, as one update', () => {
    const server = new Y.Doc()
    const updates: Uint8Array[] = []
    server.on('update', (update: Uint8Array) => updates.push(update))
    seedNotebook(server, TEMPLATE)
    expect(updates).toHaveLength(1)
    const client = new Y.Doc()
    Y.applyUpdate(client, updates[0]!)
    const node = yXmlFragmentToProseMirrorRootNode(
      client.getXmlFragment(NOTEBOOK_FIELD),
      notebookSchema(),
    )
    expect(node.toJSON()).toEqual(markdownToNotebook(TEMPLATE))
  })

  it('never seeds twice: the team keeps its notes', () => {
    const doc = new Y.Doc()
    seedNotebook(doc, '# First template')
    seedNotebook(doc, '# Second template')
    const text = yXmlFragmentToProseMirrorRootNode(
      doc.getXmlFragment(NOTEBOOK_FIELD),
      notebookSchema(),
    ).textContent
    expect(text).toBe('First template')
  })

  it('gives an empty template one empty paragraph to type in', () => {
    const doc = new Y.Doc()
    seedNotebook(doc, '')
    expect(doc.getXmlFragment(NOTEBOOK_FIELD).toString()).toBe('<paragraph></paragraph>')
  })
})
