/**
 * A notebook as Markdown (GitHub flavour), read straight from its Y.XmlFragment: for export and
 * the after-action report. `markdownToNotebook` reads the result back to the same document, except
 * for what Markdown cannot say: underline, several paragraphs in one table cell, a first table row
 * of ordinary cells, a paragraph's trailing line break, and emphasis whose text begins or ends in
 * punctuation right beside a letter outside it (`**"a"**b` is not bold in CommonMark).
 */
import * as Y from 'yjs'
import { isAllowedNotebookLink } from './notebookSchema'

type Child = Y.XmlElement | Y.XmlText | Y.XmlHook

/** Marks that Markdown writes with delimiters, outermost first when they start together. */
const DELIMITED = ['bold', 'italic', 'strike'] as const
type Delimited = (typeof DELIMITED)[number]
const DELIMITER: Record<Delimited, string> = { bold: '**', italic: '*', strike: '~~' }

interface LinkAttrs {
  readonly href: string
  readonly title: string | null
}

/** A run of text with one set of marks, or a hard break. */
type Segment =
  | {
      readonly kind: 'text'
      readonly text: string
      readonly marks: ReadonlySet<Delimited>
      readonly code: boolean
      readonly link: LinkAttrs | null
    }
  | { readonly kind: 'break' }

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

/** The inline content of an element as segments, marks read from the XmlText attributes. */
function segmentsOf(children: readonly Child[]): Segment[] {
  const segments: Segment[] = []
  for (const child of children) {
    if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hardBreak') segments.push({ kind: 'break' })
      continue
    }
    if (!(child instanceof Y.XmlText)) continue
    for (const op of child.toDelta() as {
      insert: unknown
      attributes?: Record<string, unknown>
    }[]) {
      if (typeof op.insert !== 'string' || op.insert === '') continue
      const marks = new Set<Delimited>()
      let code = false
      let link: LinkAttrs | null = null
      for (const [key, value] of Object.entries(op.attributes ?? {})) {
        // Overlapping marks carry a hash after their name (y-prosemirror).
        const name = key.replace(/--[a-zA-Z0-9+/=]{8}$/, '')
        if (name === 'bold' || name === 'italic' || name === 'strike') marks.add(name)
        else if (name === 'code') code = true
        else if (name === 'link') {
          const attrs = (value ?? {}) as { href?: unknown; title?: unknown }
          const href = typeof attrs.href === 'string' ? attrs.href : ''
          // Only addresses the notebook may hold become links; anything else stays words.
          if (isAllowedNotebookLink(href)) {
            link = { href, title: typeof attrs.title === 'string' ? attrs.title : null }
          }
        }
      }
      // A text line ending (pasted text) is a line break where Markdown is concerned.
      op.insert.split(/\r\n|\r|\n/).forEach((text, i) => {
        if (i > 0) segments.push({ kind: 'break' })
        if (text !== '') segments.push({ kind: 'text', text, marks, code, link })
      })
    }
  }
  return trimDelimitedEdges(segments)
}

/**
 * Moves whitespace at the edges of bold, italic and strike runs outside them: `** a**` is not
 * bold in Markdown. A hard break ends every run.
 */
function trimDelimitedEdges(segments: Segment[]): Segment[] {
  let out = segments
  for (const mark of DELIMITED) {
    const next: Segment[] = []
    let i = 0
    while (i < out.length) {
      const segment = out[i]!
      if (segment.kind !== 'text' || !segment.marks.has(mark)) {
        next.push(segment)
        i++
        continue
      }
      let end = i
      while (end < out.length) {
        const s = out[end]!
        if (s.kind !== 'text' || !s.marks.has(mark)) break
        end++
      }
      next.push(...trimRun(out.slice(i, end) as TextSegment[], mark))
      i = end
    }
    out = next
  }
  return out
}

type TextSegment = Extract<Segment, { kind: 'text' }>

function trimRun(run: TextSegment[], mark: Delimited): TextSegment[] {
  const without = (s: TextSegment, text: string): TextSegment => {
    const marks = new Set(s.marks)
    marks.delete(mark)
    return { ...s, text, marks }
  }
  const head: TextSegment[] = []
  const tail: TextSegment[] = []
  const body = [...run]
  while (body.length > 0) {
    const first = body[0]!
    const lead = /^\s+/.exec(first.text)?.[0] ?? ''
    if (lead === '' || first.code) break
    body.shift()
    head.push(without(first, lead))
    if (lead !== first.text) {
      body.unshift({ ...first, text: first.text.slice(lead.length) })
      break
    }
  }
  while (body.length > 0) {
    const last = body.at(-1)!
    const trail = /\s+$/.exec(last.text)?.[0] ?? ''
    if (trail === '' || last.code) break
    body.pop()
    tail.unshift(without(last, trail))
    if (trail !== last.text) {
      body.push({ ...last, text: last.text.slice(0, -trail.length) })
      break
    }
  }
  return [...head, ...body, ...tail]
}

/**
 * Inline Markdown for the segments: delimiters opened and closed around runs, links as
 * `[text](href)`, code as code spans, text escaped. `lineBreak` is what a hard break becomes.
 */
function renderInline(segments: readonly Segment[], lineBreak: string, inCell = false): string {
  let out = ''
  const open: (Delimited | 'link')[] = []
  let openLink: LinkAttrs | null = null
  const closeTo = (depth: number) => {
    while (open.length > depth) {
      const mark = open.pop()!
      if (mark === 'link') {
        out += `](${linkDestination(openLink!)})`
        openLink = null
      } else out += DELIMITER[mark]
    }
  }
  segments.forEach((segment, index) => {
    if (segment.kind === 'break') {
      closeTo(0)
      out += lineBreak
      return
    }
    // Close from the first open mark this segment does not carry.
    const keep = open.findIndex((mark) => !carries(segment, mark, openLink))
    if (keep !== -1) closeTo(keep)
    const auto = autolink(segments, index)
    if (auto !== null) {
      out += auto
      return
    }
    const toOpen: (Delimited | 'link')[] = []
    if (segment.link && !open.includes('link')) toOpen.push('link')
    for (const mark of DELIMITED)
      if (segment.marks.has(mark) && !open.includes(mark)) toOpen.push(mark)
    // A link opens first: its brackets may sit beside a delimiter where a letter may not
    // (`a*[b` does not open emphasis, `a[*b` does). Then the mark that lasts longest, so it
    // is split least.
    toOpen.sort((a, b) =>
      a === 'link' ? -1 : b === 'link' ? 1 : reach(segments, index, b) - reach(segments, index, a),
    )
    for (const mark of toOpen) {
      if (mark === 'link') {
        // `![` would open an image.
        if (out.endsWith('!')) out = `${out.slice(0, -1)}\\!`
        out += '['
        openLink = segment.link
      } else out += DELIMITER[mark]
      open.push(mark)
    }
    out += segment.code ? codeSpan(segment.text, inCell) : escapeText(segment.text)
  })
  closeTo(0)
  return out
}

/**
 * `<https://…>` or `<name@host>` for a link whose words are its address, when nothing else marks
 * them: easier to read than `[https://…](https://…)`, and read back the same.
 */
function autolink(segments: readonly Segment[], index: number): string | null {
  const segment = segments[index]
  if (segment?.kind !== 'text' || !segment.link || segment.code || segment.marks.size > 0) {
    return null
  }
  const { href, title } = segment.link
  const neighbour = (s: Segment | undefined) => s?.kind === 'text' && sameLink(s.link, segment.link)
  if (title !== null || neighbour(segments[index - 1]) || neighbour(segments[index + 1]))
    return null
  if (
    segment.text === href &&
    /^[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*$/.test(href) &&
    !/\p{Cc}/u.test(href)
  ) {
    return `<${href}>`
  }
  const email =
    /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/
  if (href === `mailto:${segment.text}` && email.test(segment.text)) return `<${segment.text}>`
  return null
}

/** Whether `segment` carries the open mark `mark` (for a link: the open link). */
function carries(
  segment: TextSegment,
  mark: Delimited | 'link',
  openLink: LinkAttrs | null,
): boolean {
  return mark === 'link' ? sameLink(openLink, segment.link) : segment.marks.has(mark)
}

/** How many segments from `index` on carry `mark`. */
function reach(segments: readonly Segment[], index: number, mark: Delimited | 'link'): number {
  const first = segments[index]
  let n = 0
  for (let i = index; i < segments.length; i++) {
    const s = segments[i]!
    if (s.kind !== 'text') break
    if (
      mark === 'link'
        ? !sameLink(s.link, first?.kind === 'text' ? first.link : null)
        : !s.marks.has(mark)
    )
      break
    n++
  }
  return n
}

function sameLink(a: LinkAttrs | null, b: LinkAttrs | null): boolean {
  return a !== null && b !== null && a.href === b.href && a.title === b.title
}

function linkDestination(link: LinkAttrs): string {
  const href = /[\s<>()\\]/.test(link.href)
    ? `<${link.href.replace(/[<>\\]/g, (c) => `\\${c}`)}>`
    : link.href
  if (link.title === null) return href
  return `${href} "${link.title.replace(/["\\]/g, (c) => `\\${c}`)}"`
}

/** A code span fenced by a backtick run that occurs nowhere inside, padded where Markdown trims. */
function codeSpan(text: string, inCell: boolean): string {
  const runs = new Set([...text.matchAll(/`+/g)].map((m) => m[0].length))
  let length = 1
  while (runs.has(length)) length++
  const ticks = '`'.repeat(length)
  const pad = /^`|`$/.test(text) || /^ .*[^ ].* $/s.test(text) ? ' ' : ''
  // In a table the row is split at every unescaped pipe, code spans included (GFM).
  const body = inCell ? text.replace(/\|/g, '\\|') : text
  return `${ticks}${pad}${body}${pad}${ticks}`
}

/** Text with every character that could start markup escaped. */
function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]<|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g, '\\&')
}

function deltaText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('')
}
