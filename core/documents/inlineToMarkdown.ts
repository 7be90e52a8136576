/** A notebook's inline content as Markdown: text runs with their marks, links and code spans. */
import * as Y from 'yjs'
import { isAllowedNotebookLink } from './notebookSchema'

/** A node a notebook's fragment or element can hold. */
export type Child = Y.XmlElement | Y.XmlText | Y.XmlHook

/** Marks that Markdown writes with delimiters, outermost first when they start together. */
const DELIMITED = ['bold', 'italic', 'strike'] as const
type Delimited = (typeof DELIMITED)[number]
const DELIMITER: Record<Delimited, string> = { bold: '**', italic: '*', strike: '~~' }

interface LinkAttrs {
  readonly href: string
  readonly title: string | null
}

/** A run of text with one set of marks, or a hard break. */
export type Segment =
  | {
      readonly kind: 'text'
      readonly text: string
      readonly marks: ReadonlySet<Delimited>
      readonly code: boolean
      readonly link: LinkAttrs | null
    }
  | { readonly kind: 'break' }

/** The inline content of an element as segments, marks read from the XmlText attributes. */
export function segmentsOf(children: readonly Child[]): Segment[] {
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
export function renderInline(
  segments: readonly Segment[],
  lineBreak: string,
  inCell = false,
): string {
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
