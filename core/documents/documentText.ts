/**
 * The plain text of a shared document: what the documents route answers and what search, the
 * report and tests read. The notebook's rich text comes first, then every other shared type.
 */
import * as Y from 'yjs'
import { NOTEBOOK_FIELD } from './documentName'
import { attribute, childrenOf, textRuns } from './notebookWalk'

/** Any root or nested shared type. */
type SharedType = ReturnType<Y.Doc['get']>

/** Every shared type of `doc` as plain text, the `default` fragment first. */
export function documentText(doc: Y.Doc): string {
  // Read from doc.share, not doc.get…(): reading must not create or retype a root.
  const names = [...doc.share.keys()].sort()
  const ordered = [
    ...names.filter((name) => name === NOTEBOOK_FIELD),
    ...names.filter((name) => name !== NOTEBOOK_FIELD),
  ]
  return ordered
    .map((name) => sharedTypeText(doc.share.get(name)!))
    .filter(Boolean)
    .join('\n')
}

/** Blocks on their own lines, table cells separated by tabs, task items with their box. */
function fragmentText(fragment: Y.XmlFragment | Y.XmlElement): string {
  return childrenOf(fragment)
    .map((child) => nodeText(child))
    .filter((line) => line !== '')
    .join('\n')
}

function nodeText(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText)
    return textRuns(node)
      .map((run) => run.text)
      .join('')
  switch (node.nodeName) {
    case 'tableRow':
      return childrenOf(node)
        .map((cell) => nodeText(cell).replace(/\n/g, ' '))
        .join('\t')
    case 'taskItem':
      return `[${attribute(node, 'checked') === 'true' ? 'x' : ' '}] ${fragmentText(node)}`
    case 'hardBreak':
      return '\n'
    case 'paragraph':
    case 'heading':
    case 'codeBlock':
      return childrenOf(node).map(nodeText).join('')
    case 'tableCell':
    case 'tableHeader':
      return childrenOf(node)
        .map(nodeText)
        .filter((text) => text !== '')
        .join(' ')
    default:
      return fragmentText(node)
  }
}

/**
 * A root type created by a remote update is a bare AbstractType until someone asks for it by
 * kind: read it by what it holds.
 */
function sharedTypeText(type: SharedType): string {
  if (type instanceof Y.XmlFragment) return fragmentText(type)
  if (type instanceof Y.Text) return type.toString()
  if (type instanceof Y.Map) return mapText(type as Y.Map<unknown>)
  if (type instanceof Y.Array) return (type as Y.Array<unknown>).toArray().map(valueText).join('\n')
  const lines: string[] = []
  // Keys sorted: replicas may have integrated them in different orders.
  for (const [key, item] of [...type._map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!item.deleted) lines.push(`${key}: ${valueText(item.content.getContent().at(-1))}`)
  }
  // A sequence: text runs join into a line; elements, nested types and values are lines of their own.
  let line = ''
  const endLine = () => {
    if (line) lines.push(line)
    line = ''
  }
  for (let item = type._start; item; item = item.right) {
    if (item.deleted) continue
    const content = item.content
    if (content instanceof Y.ContentString) line += content.str
    else if (content instanceof Y.ContentFormat) continue
    else if (content instanceof Y.ContentType) {
      const inner = content.type
      if (inner instanceof Y.XmlText) line += nodeText(inner)
      else {
        endLine()
        lines.push(
          inner instanceof Y.XmlElement ? nodeText(inner) : sharedTypeText(inner as SharedType),
        )
      }
    } else if (content instanceof Y.ContentEmbed) line += valueText(content.embed)
    else {
      endLine()
      lines.push(...content.getContent().map(valueText))
    }
  }
  endLine()
  return lines.filter((text) => text !== '').join('\n')
}

function mapText(map: Y.Map<unknown>): string {
  return [...map.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}: ${valueText(value)}`)
    .join('\n')
}

function valueText(value: unknown): string {
  if (value instanceof Y.AbstractType) return sharedTypeText(value as SharedType)
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return `(${value.length} bytes)`
  if (value instanceof Y.Doc) return `(subdocument ${value.guid})`
  return JSON.stringify(value) ?? ''
}
