/** Fills a new notebook with its template, once, on the server (never in a client: see tiptap #725). */
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { NOTEBOOK_FIELD } from './documentName'
import { markdownToNotebook } from './markdownToNotebook'
import { notebookSchema } from './notebookSchema'

/** The origin of the transaction that seeds a notebook. */
export const TEMPLATE_ORIGIN = 'template'

/**
 * Writes `markdown` into the notebook's rich text, in one transaction with origin `'template'`.
 * A notebook that already holds content is left alone: seeding it again would replace the
 * team's notes with the template.
 */
export function seedNotebook(doc: Y.Doc, markdown: string): void {
  const json = markdownToNotebook(markdown)
  // Checked against the editor's schema first: a template that would not fit is a bug, not content.
  notebookSchema().nodeFromJSON(json).check()
  doc.transact(() => {
    // Inside the transaction: asking for the fragment is a transaction of its own otherwise.
    const fragment = doc.getXmlFragment(NOTEBOOK_FIELD)
    if (fragment.length === 0) prosemirrorJSONToYXmlFragment(notebookSchema(), json, fragment)
  }, TEMPLATE_ORIGIN)
}
