/** The notebook's Yjs tree, read directly: elements with their attributes, text with its marks. */
import * as Y from 'yjs'

/** A run of text with the marks (y-prosemirror stores them as text attributes). */
export interface TextRun {
  readonly text: string
  readonly marks: Readonly<Record<string, unknown>>
}

/** The runs of an XmlText; embeds (none in this schema) are skipped. */
export function textRuns(text: Y.XmlText): TextRun[] {
  const runs: TextRun[] = []
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert === 'string') runs.push({ text: op.insert, marks: op.attributes ?? {} })
  }
  return runs
}

/** The children of an element or fragment, elements and texts. */
export function childrenOf(node: Y.XmlElement | Y.XmlFragment): (Y.XmlElement | Y.XmlText)[] {
  return node
    .toArray()
    .filter(
      (child): child is Y.XmlElement | Y.XmlText =>
        child instanceof Y.XmlElement || child instanceof Y.XmlText,
    )
}

/** An attribute as a string, or undefined. */
export function attribute(element: Y.XmlElement, name: string): string | undefined {
  const value: unknown = element.getAttribute(name)
  return value === undefined || value === null ? undefined : String(value)
}
