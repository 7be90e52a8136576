/** Reads a scenario from YAML text, with every error placed at its file, line and column. */
import type { Node } from 'yaml'
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import type { Scenario } from './schema'
import { scenarioSchema } from './schema'

export interface ScenarioProblem {
  readonly file: string
  readonly line: number
  readonly column: number
  /** Where in the document, e.g. `injects[3].to[0]`. */
  readonly path: string
  readonly message: string
}

export type ParsedScenario =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly problems: ScenarioProblem[] }

/** Parses and validates one scenario file's text. */
export function parseScenario(text: string, file: string): ParsedScenario {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        ...at(error.pos[0]),
        path: '',
        message: `YAML: ${error.message.split('\n')[0]}`,
      })),
    }
  }
  const result = scenarioSchema.safeParse(doc.toJS())
  if (result.success) return { ok: true, scenario: result.data }
  return {
    ok: false,
    problems: result.error.issues.map((issue) => locate(doc, issue, file, at)),
  }
}

function locate(
  doc: ReturnType<typeof parseDocument>,
  issue: z.core.$ZodIssue,
  file: string,
  at: (offset: number) => { line: number; column: number },
): ScenarioProblem {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol')
  // Walk down as far as the document goes: a missing key is reported at its parent.
  let node: unknown = doc.contents
  let depth = 0
  for (const key of path) {
    const child =
      isMap(node) || isSeq(node)
        ? (node as { get(k: unknown, keep: true): unknown }).get(key, true)
        : undefined
    if (child === undefined) break
    node = child
    depth++
  }
  let offset = rangeStart(node) ?? 0
  let message = describeIssue(issue)
  if (issue.code === 'unrecognized_keys' && isMap(node)) {
    const unknownKey = node.items.find(
      (pair) => isPair(pair) && isScalar(pair.key) && issue.keys.includes(String(pair.key.value)),
    )
    offset = rangeStart(unknownKey?.key) ?? offset
  } else if (depth < path.length) {
    message = `missing '${path.slice(depth).join('.')}': ${message}`
  }
  return { file, ...at(offset), path: formatPath(path), message }
}

function isSeq(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'items' in node && !isMap(node)
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | undefined)?.range?.[0]
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`
    case 'invalid_type':
      return `expected ${issue.expected}`
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    case 'custom':
      return `expected ${issue.message}`
    case 'invalid_union': {
      const branches = issue.errors.flat()
      const telling = branches.find((branch) => branch.code !== 'invalid_type')
      if (telling) return describeIssue(telling)
      const expected = branches.map((branch) =>
        branch.code === 'invalid_type' ? branch.expected : '',
      )
      return `expected ${[...new Set(expected)].filter(Boolean).join(' or ')}`
    }
    default:
      return issue.message
  }
}

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  )
}
