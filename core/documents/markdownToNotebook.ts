/**
 * Markdown (GitHub flavour) to a notebook: what a scenario's template becomes when it is seeded.
 * The result always fits `notebookSchema()`: what the schema cannot hold is kept as text (images as
 * their alt text, raw HTML as the characters it is written with, links the notebook may not hold
 * as their words), never dropped silently and never turned into markup.
 */
import type { JSONContent } from '@tiptap/core'
import type {
  AlignType,
  Definition,
  List,
  ListItem,
  Nodes,
  PhrasingContent,
  Root,
  RootContent,
  Table,
} from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { isAllowedNotebookLink, notebookSchema } from './notebookSchema'

type MarkJSON = { type: string; attrs?: Record<string, unknown> }

/** Block nesting kept (lists in quotes in lists …); deeper content is kept as plain text. */
const MAX_DEPTH = 16
/** Container markers (`>`, `-`, `1.`) honoured at the start of one line; the rest is text. */
const MAX_LINE_CONTAINERS = 16

interface Context {
  readonly source: string
  readonly definitions: ReadonlyMap<string, Definition>
}

/** Where a line break in the source falls inside inline text: a heading or cell holds no breaks. */
type Flow = 'paragraph' | 'single-line'

/**
 * The notebook document for `markdown`, as ProseMirror JSON valid for `notebookSchema()`. Never
 * throws; empty input gives a document with one empty paragraph.
 *
 * micromark takes time quadratic in some pathological inputs (a run of ten thousand `*`, `*_`
 * repeated); meant for templates, which the scenario format caps at 20,000 characters.
 */
export function markdownToNotebook(markdown: string): JSONContent {
  const tree = parse(limitLineNesting(markdown))
  const context: Context = { source: tree.source, definitions: collectDefinitions(tree.root) }
  const content = tree.root ? blocks(tree.root.children, context, 0) : plainParagraphs(markdown)
  const doc: JSONContent = { type: 'doc', content: content.length > 0 ? content : [paragraph([])] }
  // Through the schema once: every default attribute filled in, adjacent text with equal marks
  // joined, marks in the schema's order — the same JSON the editor and the Y.Doc give back.
  return notebookSchema().nodeFromJSON(doc).toJSON() as JSONContent
}

function parse(source: string): { root: Root | null; source: string } {
  try {
    const root = fromMarkdown(source, {
      extensions: [gfm()],
      mdastExtensions: [gfmFromMarkdown()],
    })
    return { root, source }
  } catch {
    // Only a parser failure on pathological input gets here (a stack overflow); keep the text.
    return { root: null, source }
  }
}

/**
 * Escapes the container markers past the first MAX_LINE_CONTAINERS at the start of each line, so
 * that `> > > …` or `- - - …` a thousand deep cannot exhaust the parser's stack.
 */
function limitLineNesting(markdown: string): string {
  if (markdown.length < MAX_LINE_CONTAINERS * 2) return markdown
  return markdown.replace(/^[^\S\r\n]*(?:(?:>|[-+*]|\d{1,9}[.)])[^\S\r\n]*)+/gm, (prefix) => {
    let count = 0
    return prefix.replace(/>|[-+*]|\d{1,9}[.)]/g, (marker) => {
      count++
      return count > MAX_LINE_CONTAINERS ? `\\${marker}` : marker
    })
  })
}

function collectDefinitions(root: Root | null): Map<string, Definition> {
  const definitions = new Map<string, Definition>()
  const stack: Nodes[] = root ? [root] : []
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'definition' && !definitions.has(node.identifier)) {
      definitions.set(node.identifier, node)
    }
    if ('children' in node) stack.push(...(node.children as Nodes[]))
  }
  return definitions
}

function blocks(nodes: readonly RootContent[], context: Context, depth: number): JSONContent[] {
  return nodes.flatMap((node) => block(node, context, depth))
}

function block(node: RootContent, context: Context, depth: number): JSONContent[] {
  if (depth >= MAX_DEPTH && 'children' in node) return plainParagraphs(plainText(node))
  switch (node.type) {
    case 'paragraph':
      return [paragraph(phrasing(node.children, context, 'paragraph'))]
    case 'heading':
      return [
        {
          type: 'heading',
          attrs: { level: node.depth },
          content: phrasing(node.children, context, 'single-line'),
        },
      ]
    case 'thematicBreak':
      return [{ type: 'horizontalRule' }]
    case 'blockquote':
      return [{ type: 'blockquote', content: nonEmpty(blocks(node.children, context, depth + 1)) }]
    case 'list':
      return list(node, context, depth + 1)
    case 'code':
      return [
        {
          type: 'codeBlock',
          attrs: { language: node.lang || null },
          content: node.value === '' ? [] : [{ type: 'text', text: node.value }],
        },
      ]
    case 'html':
      // Raw HTML is shown as written, line for line.
      return [paragraph(lines(node.value))]
    case 'table':
      return table(node, context)
    case 'definition':
      return []
    case 'footnoteDefinition': {
      const content = blocks(node.children, context, depth + 1)
      const label: JSONContent = { type: 'text', text: `[^${node.label ?? node.identifier}]: ` }
      const [first, ...rest] = content
      if (first?.type === 'paragraph') {
        return [{ ...first, content: [label, ...(first.content ?? [])] }, ...rest]
      }
      return [paragraph([label]), ...content]
    }
    default:
      // Anything else a parser extension may add: its text.
      return plainParagraphs(plainText(node))
  }
}

/** A list, split where it changes between task items and other items (the schema has both). */
function list(node: List, context: Context, depth: number): JSONContent[] {
  const runs: { task: boolean; first: number; items: JSONContent[] }[] = []
  node.children.forEach((item, index) => {
    const { checked, children } = taskState(item, context)
    const content = nonEmpty(blocks(children, context, depth), true)
    const task = checked !== null
    const entry = task
      ? { type: 'taskItem', attrs: { checked }, content }
      : { type: 'listItem', content }
    const last = runs.at(-1)
    if (last && last.task === task) last.items.push(entry)
    else runs.push({ task, first: index, items: [entry] })
  })
  return runs.map((run) => {
    if (run.task) return { type: 'taskList', content: run.items }
    if (node.ordered) {
      return {
        type: 'orderedList',
        attrs: { start: (node.start ?? 1) + run.first },
        content: run.items,
      }
    }
    return { type: 'bulletList', content: run.items }
  })
}

/**
 * Whether an item is a task, and its content. GFM makes `- [ ]` with nothing after it a plain
 * item reading "[ ]"; in a template that is an empty checkbox to fill in, so it becomes one.
 */
function taskState(
  item: ListItem,
  context: Context,
): { checked: boolean | null; children: ListItem['children'] } {
  if (typeof item.checked === 'boolean') return { checked: item.checked, children: item.children }
  const [first, ...rest] = item.children
  const start = first?.position?.start.offset
  const end = first?.position?.end.offset
  if (first?.type === 'paragraph' && start !== undefined && end !== undefined) {
    const box = /^\[([ xX])\]$/.exec(context.source.slice(start, end))
    if (box) {
      return {
        checked: box[1] !== ' ',
        children: [{ type: 'paragraph', children: [] }, ...rest],
      }
    }
  }
  return { checked: null, children: item.children }
}

/** A table: the first row header cells, each cell one paragraph, every row as wide as the first. */
function table(node: Table, context: Context): JSONContent[] {
  const columns = node.children[0]?.children.length ?? 0
  if (columns === 0) return []
  const align: readonly AlignType[] = node.align ?? []
  return [
    {
      type: 'table',
      content: node.children.map((row, r) => ({
        type: 'tableRow',
        content: Array.from({ length: columns }, (_, c) => ({
          type: r === 0 ? 'tableHeader' : 'tableCell',
          attrs: { align: align[c] ?? null },
          content: [paragraph(phrasing(row.children[c]?.children ?? [], context, 'single-line'))],
        })),
      })),
    },
  ]
}

function phrasing(nodes: readonly PhrasingContent[], context: Context, flow: Flow): JSONContent[] {
  const out: JSONContent[] = []
  inline(nodes, [], context, flow, out, 0)
  return out
}

function inline(
  nodes: readonly PhrasingContent[],
  marks: readonly MarkJSON[],
  context: Context,
  flow: Flow,
  out: JSONContent[],
  depth: number,
): void {
  for (const node of nodes) {
    if (depth >= MAX_DEPTH * 4 && 'children' in node) {
      pushText(out, plainText(node), marks)
      continue
    }
    const nested = (children: readonly PhrasingContent[], mark: MarkJSON | null) =>
      inline(children, mark ? withMark(marks, mark) : marks, context, flow, out, depth + 1)
    switch (node.type) {
      case 'text':
        pushText(out, node.value, marks)
        break
      case 'strong':
        nested(node.children, { type: 'bold' })
        break
      case 'emphasis':
        nested(node.children, { type: 'italic' })
        break
      case 'delete':
        nested(node.children, { type: 'strike' })
        break
      case 'inlineCode':
        pushText(out, node.value, withMark(marks, { type: 'code' }))
        break
      case 'break':
        if (flow === 'paragraph') out.push({ type: 'hardBreak' })
        else pushText(out, ' ', marks)
        break
      case 'link':
        nested(node.children, linkMark(node.url, node.title))
        break
      case 'linkReference': {
        const definition = context.definitions.get(node.identifier)
        nested(node.children, definition ? linkMark(definition.url, definition.title) : null)
        break
      }
      case 'image':
        pushText(out, node.alt ?? '', marks)
        break
      case 'imageReference':
        pushText(out, node.alt ?? '', marks)
        break
      case 'html':
        pushText(out, node.value, marks)
        break
      case 'footnoteReference':
        pushText(out, `[^${node.label ?? node.identifier}]`, marks)
        break
      default:
        pushText(out, plainText(node), marks)
    }
  }
}

function linkMark(url: string, title: string | null | undefined): MarkJSON | null {
  return isAllowedNotebookLink(url)
    ? { type: 'link', attrs: { href: url, title: title ?? null } }
    : null
}

/** `marks` with `mark` added, keeping the set valid: the code mark excludes every other mark. */
function withMark(marks: readonly MarkJSON[], mark: MarkJSON): MarkJSON[] {
  if (marks.some((m) => m.type === mark.type)) return [...marks]
  return [...marks, mark]
}

function pushText(out: JSONContent[], value: string, marks: readonly MarkJSON[]): void {
  // A line ending inside a paragraph's source is a space (a soft break), as when rendered.
  const text = value.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/g, ' ')
  if (text === '') return
  const valid = validMarks(marks)
  out.push(valid.length > 0 ? { type: 'text', text, marks: valid } : { type: 'text', text })
}

/**
 * Code formatting cannot be combined with any other mark in the schema: a code span keeps its code
 * mark alone, except inside a link, where the link (what the reader can follow) wins.
 */
function validMarks(marks: readonly MarkJSON[]): MarkJSON[] {
  if (!marks.some((m) => m.type === 'code')) return [...marks]
  const link = marks.find((m) => m.type === 'link')
  return link ? marks.filter((m) => m.type !== 'code') : [{ type: 'code' }]
}

/** Lines of text as inline content: each line break a hard break. */
function lines(text: string): JSONContent[] {
  const out: JSONContent[] = []
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (i > 0) out.push({ type: 'hardBreak' })
    if (line !== '') out.push({ type: 'text', text: line })
  })
  // A break at either end shows nothing in the notebook and cannot be written back in Markdown.
  while (out[0]?.type === 'hardBreak') out.shift()
  while (out.at(-1)?.type === 'hardBreak') out.pop()
  return out
}

function paragraph(content: JSONContent[]): JSONContent {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' }
}

/** Content of a node that must hold a block (a list item: a paragraph first). */
function nonEmpty(content: JSONContent[], paragraphFirst = false): JSONContent[] {
  if (content.length === 0 || (paragraphFirst && content[0]?.type !== 'paragraph')) {
    return [paragraph([]), ...content]
  }
  return content
}

function plainParagraphs(text: string): JSONContent[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => paragraph([{ type: 'text', text: line }]))
}

/** The text of a node and everything under it (without recursion: nesting may be deep). */
function plainText(node: Nodes): string {
  let text = ''
  const stack: Nodes[] = [node]
  while (stack.length > 0) {
    const next = stack.pop()!
    if ('value' in next && typeof next.value === 'string') text += next.value
    else if (next.type === 'image' || next.type === 'imageReference') text += next.alt ?? ''
    else if (next.type === 'break') text += '\n'
    if ('children' in next) {
      const children = next.children as Nodes[]
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
      if (next.type === 'paragraph' || next.type === 'heading' || next.type === 'tableRow') {
        stack.splice(stack.length - children.length, 0, { type: 'break' })
      }
    }
  }
  return text
}
