/**
 * A notebook as Markdown (GitHub flavour), read straight from its Y.XmlFragment: for export and
 * the after-action report. `markdownToNotebook` reads the result back to the same document, except
 * for what Markdown cannot say: underline, several paragraphs in one table cell, a first table row
 * of ordinary cells, a paragraph's trailing line break, and emphasis whose text begins or ends in
 * punctuation right beside a letter outside it (`**"a"**b` is not bold in CommonMark).
 */
import * as Y from 'yjs'
import { type Child, renderInline, type Segment, segmentsOf } from './inlineToMarkdown'

/** How a list's items are marked; alternated so that two lists in a row stay two lists. */
type ListStyle = { readonly family: 'bullet' | 'ordered'; readonly char: string }

/** The notebook in `fragment` as GitHub-flavoured Markdown, ending in a newline unless empty. */
export function notebookToMarkdown(fragment: Y.XmlFragment): string {
  const text = renderBlocks(fragment.toArray()).join('\n\n')
  return text === '' ? '' : `${text}\n`
}

function renderBlocks(children: readonly Child[]): string[] {
  const chunks: string[] = []
  let previous: ListStyle | null = null
  for (const child of children) {
    let style: ListStyle | null = null
    let chunk: string
    if (child instanceof Y.XmlText) {
      chunk = renderParagraph(segmentsOf([child]))
    } else if (child instanceof Y.XmlElement) {
      const kind = listKind(child.nodeName)
      if (kind) {
        style = nextListStyle(kind === 'ordered' ? 'ordered' : 'bullet', previous)
        chunk = renderList(child, kind, style)
      } else {
        chunk = renderBlock(child)
      }
    } else {
      continue
    }
    if (chunk === '') continue
    chunks.push(chunk)
    previous = style
  }
  return chunks
}

function renderBlock(element: Y.XmlElement): string {
  switch (element.nodeName) {
    case 'paragraph':
      return renderParagraph(segmentsOf(element.toArray()))
    case 'heading':
      return renderHeading(element)
    case 'codeBlock':
      return renderCode(element)
    case 'blockquote':
      return prefixLines(renderBlocks(element.toArray()).join('\n\n'), '> ', '>')
    case 'horizontalRule':
      return '---'
    case 'table':
      return renderTable(element)
    case 'hardBreak':
      return ''
    default: {
      // A node this code does not know (a newer schema): its blocks, or its text as a paragraph.
      const children = element.toArray()
      const hasBlocks = children.some(
        (c) => c instanceof Y.XmlElement && c.nodeName !== 'hardBreak',
      )
      return hasBlocks ? renderBlocks(children).join('\n\n') : renderParagraph(segmentsOf(children))
    }
  }
}

function listKind(name: string): 'bullet' | 'ordered' | 'task' | null {
  if (name === 'bulletList') return 'bullet'
  if (name === 'orderedList') return 'ordered'
  if (name === 'taskList') return 'task'
  return null
}

function nextListStyle(family: ListStyle['family'], previous: ListStyle | null): ListStyle {
  const [first, second] = family === 'bullet' ? ['-', '*'] : ['.', ')']
  return { family, char: previous?.family === family && previous.char === first ? second! : first! }
}

function renderList(element: Y.XmlElement, kind: 'bullet' | 'ordered' | 'task', style: ListStyle) {
  const start = Number(element.getAttribute('start') ?? 1)
  const items = element.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
  return items
    .map((item, i) => {
      const marker =
        kind === 'ordered'
          ? `${Number.isSafeInteger(start) && start >= 0 ? start + i : i + 1}${style.char}`
          : style.char
      const body = renderBlocks(item.toArray())
      const first = item.toArray()[0]
      const startsEmpty =
        first instanceof Y.XmlElement && first.nodeName === 'paragraph' && body[0] !== undefined
          ? renderParagraph(segmentsOf(first.toArray())) === ''
          : false
      if (kind === 'task' || item.nodeName === 'taskItem') {
        const checked = item.getAttribute('checked') as unknown
        const box = checked === true || checked === 'true' ? '[x]' : '[ ]'
        // The box belongs to the first paragraph; an empty one is the box alone.
        if (startsEmpty || body.length === 0) body.unshift(box)
        else body[0] = `${box} ${body[0]}`
      } else if (startsEmpty && body.length > 0) {
        // An item that starts with another block: that block on the marker's line.
        body[0] = body[0] === '---' ? '___' : body[0]!
      }
      return prefixFirstLine(body.join('\n\n'), marker)
    })
    .join('\n')
}

/** `text` after `marker` on its first line, its other lines indented to match. */
function prefixFirstLine(text: string, marker: string): string {
  if (text === '') return marker
  const indent = ' '.repeat(marker.length + 1)
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? `${marker} ${line}` : line === '' ? '' : `${indent}${line}`))
    .join('\n')
}

function prefixLines(text: string, prefix: string, emptyPrefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? emptyPrefix : `${prefix}${line}`))
    .join('\n')
}

function renderHeading(element: Y.XmlElement): string {
  const level = Math.min(6, Math.max(1, Number(element.getAttribute('level')) || 1))
  const text = protectLineEdges(renderInline(segmentsOf(element.toArray()), ' '))
  // A closing sequence of #s would be dropped: `# a #` reads "a".
  const content = text.replace(/(^|[ \t])(#+)([ \t]*)$/, '$1\\$2$3')
  return content === '' ? '#'.repeat(level) : `${'#'.repeat(level)} ${content}`
}

function renderParagraph(segments: Segment[]): string {
  // A break at the end of a paragraph cannot be written (a trailing `\` is a backslash).
  while (segments.at(-1)?.kind === 'break') segments.pop()
  const text = renderInline(segments, '\\\n')
  if (text === '') return ''
  return text
    .split('\n')
    .map((line) => protectLineStart(protectLineEdges(line)))
    .join('\n')
}

/** Escapes what would start a block at the beginning of a paragraph's line. */
function protectLineStart(line: string): string {
  if (/^(?:[-+=>]|#{1,6}(?:[ \t]|\\?$))/.test(line)) return `\\${line}`
  return line.replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
}

/** Whitespace at either end of a line is dropped by Markdown: the outermost becomes a reference. */
function protectLineEdges(line: string): string {
  const entity = (c: string) => (c === '\t' ? '&#9;' : '&#32;')
  let out = line
  if (/^[ \t]/.test(out)) out = entity(out[0]!) + out.slice(1)
  // Before a hard break (`\`) the spaces are kept; at the very end they are not.
  if (/[ \t]$/.test(out)) out = out.slice(0, -1) + entity(out.at(-1)!)
  return out
}

function renderCode(element: Y.XmlElement): string {
  const code = element
    .toArray()
    .map((c) => (c instanceof Y.XmlText ? deltaText(c) : ''))
    .join('')
  const language = String(element.getAttribute('language') ?? '').trim()
  const char = language.includes('`') ? '~' : '`'
  const longest = Math.max(
    0,
    ...[...code.matchAll(char === '`' ? /`+/g : /~+/g)].map((m) => m[0].length),
  )
  const fence = char.repeat(Math.max(3, longest + 1))
  const info = language.replace(/\\/g, '\\\\').replace(/\s+/g, ' ')
  return code === '' ? `${fence}${info}\n${fence}` : `${fence}${info}\n${code}\n${fence}`
}

/** A pipe table: as wide as its widest row, the first row as the header. */
function renderTable(element: Y.XmlElement): string {
  const rows = element
    .toArray()
    .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === 'tableRow')
    .map((row) =>
      row
        .toArray()
        .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
        .flatMap((cell) => {
          const span = Math.max(1, Math.min(1000, Number(cell.getAttribute('colspan')) || 1))
          const text = cellText(cell)
          const align = cell.getAttribute('align') as unknown
          return Array.from({ length: span }, (_, i) => ({ text: i === 0 ? text : '', align }))
        }),
    )
  const columns = Math.max(0, ...rows.map((row) => row.length))
  if (columns === 0) return ''
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  const padded = rows.map((row) =>
    Array.from({ length: columns }, (_, c) => row[c]?.text || ' ').map((text) =>
      text === ' ' ? '' : text,
    ),
  )
  const delimiter = Array.from({ length: columns }, (_, c) => {
    const align = rows[0]?.[c]?.align
    if (align === 'left') return ':---'
    if (align === 'center') return ':---:'
    if (align === 'right') return '---:'
    return '---'
  })
  const [header, ...body] = padded
  return [line(header!), line(delimiter), ...body.map(line)].join('\n')
}

/** A cell on one line: its blocks' text side by side (a table row holds no line breaks). */
function cellText(cell: Y.XmlElement): string {
  const parts: string[] = []
  const visit = (children: readonly Child[]) => {
    const inline = children.filter(
      (c) => c instanceof Y.XmlText || (c instanceof Y.XmlElement && c.nodeName === 'hardBreak'),
    )
    if (inline.length > 0) parts.push(renderInline(segmentsOf(inline), ' ', true))
    for (const c of children) {
      if (c instanceof Y.XmlElement && c.nodeName !== 'hardBreak') visit(c.toArray())
    }
  }
  visit(cell.toArray())
  return protectLineEdges(parts.filter((p) => p !== '').join(' '))
}

function deltaText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('')
}
