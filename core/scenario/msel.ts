/**
 * The MSEL as a spreadsheet: a scenario's injects to CSV rows with the columns facilitators know,
 * and rows back to injects. What the CSV cannot carry (attachments, twin effects) survives an import
 * by id.
 */
import Papa from 'papaparse'
import { formatScenarioTime, parseScenarioTime } from '../vocabulary/scenarioTime'
import type { Condition, Inject, Scenario, SimpleCondition } from './schema'

export const MSEL_COLUMNS = [
  'Number',
  'ID',
  'Scenario time',
  'Trigger',
  'Unless',
  'Phase',
  'From',
  'To',
  'Channel',
  'Subject',
  'Message',
  'Expected action',
  'Objective',
  'Notes',
  'Evaluator notes',
] as const

type Row = Record<(typeof MSEL_COLUMNS)[number], string>

/** The scenario's injects as CSV text, one row per inject, in MSEL order. */
export function mselToCsv(scenario: Scenario): string {
  const rows: Row[] = scenario.injects.map((inject, i) => ({
    Number: String(i + 1),
    ID: inject.id,
    'Scenario time': inject.at === undefined ? '' : formatScenarioTime(inject.at),
    Trigger: describeTrigger(inject),
    Unless: inject.unless ? describeCondition(inject.unless) : '',
    Phase: inject.phase,
    From: inject.from,
    To: inject.to.join(', '),
    Channel: inject.channel,
    Subject: inject.title,
    Message: inject.body,
    'Expected action': inject.expectedActions.join('\n'),
    Objective: inject.objectives.join(', '),
    Notes: inject.controllerNotes,
    'Evaluator notes': inject.evaluatorNotes,
  }))
  return Papa.unparse({
    fields: [...MSEL_COLUMNS],
    data: rows.map((row) => MSEL_COLUMNS.map((c) => row[c])),
  })
}

export interface MselRowProblem {
  /** Spreadsheet row number (the header is row 1). */
  readonly row: number
  readonly message: string
}

/**
 * Reads CSV rows back into authored inject objects (the YAML shape, times as `T+hh:mm:ss`),
 * keeping what the CSV cannot carry from `existing` injects with the same id.
 */
export function csvToInjects(
  csv: string,
  existing: readonly Inject[] = [],
): { ok: true; injects: Record<string, unknown>[] } | { ok: false; problems: MselRowProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
  })
  // A one-column sheet has no delimiter to detect; that is not the author's mistake.
  const problems: MselRowProblem[] = parsed.errors
    .filter((error) => error.code !== 'UndetectableDelimiter')
    .map((error) => ({ row: (error.row ?? 0) + 2, message: error.message }))
  const missing = ['Scenario time', 'To', 'Channel', 'Subject'].filter(
    (c) => !parsed.meta.fields?.includes(c),
  )
  if (missing.length > 0)
    problems.push({ row: 1, message: `missing column(s): ${missing.join(', ')}` })
  if (problems.length > 0) return { ok: false, problems }

  const byId = new Map(existing.map((inject) => [inject.id, inject]))
  const usedIds = new Set<string>()
  const injects = parsed.data.map((row, i) => {
    const cell = (column: string) => (row[column] ?? '').trim()
    const id = uniqueId(cell('ID') || slug(cell('Subject')) || `inject-${i + 1}`, usedIds)
    const previous = byId.get(id)
    const inject: Record<string, unknown> = {
      id,
      ...parseTrigger(cell('Scenario time'), cell('Trigger'), cell('Unless'), i + 2, problems),
      phase: cell('Phase'),
      from: cell('From'),
      to: list(cell('To')),
      channel: cell('Channel').toLowerCase(),
      title: cell('Subject'),
      body: row.Message ?? '',
      expectedActions: cell('Expected action')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      objectives: list(cell('Objective')),
      controllerNotes: cell('Notes'),
      evaluatorNotes: cell('Evaluator notes'),
    }
    // What a spreadsheet cannot carry stays as the scenario file has it.
    if (previous && previous.attachments.length > 0) inject.attachments = previous.attachments
    if (previous && previous.effects.length > 0) inject.effects = previous.effects
    return inject
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, injects }
}

function describeTrigger(inject: Inject): string {
  const delay = inject.delay > 0 ? ` + ${formatScenarioTime(inject.delay)}` : ''
  if (inject.after !== undefined) return `after ${inject.after}${delay}`
  if (!inject.when) return inject.at === undefined ? `held${delay}` : ''
  return `${describeCondition(inject.when)}${delay}`
}

function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describeSimple).join(' and ')
  if ('any' in condition) return condition.any.map(describeSimple).join(' or ')
  return describeSimple(condition)
}

function describeSimple(condition: SimpleCondition): string {
  if ('decision' in condition) {
    return `decision ${condition.decision}${condition.option ? `=${condition.option}` : ''}`
  }
  if ('taken' in condition) {
    return `taken ${condition.taken}${condition.by === undefined ? '' : ` by ${formatScenarioTime(condition.by)}`}`
  }
  if ('node' in condition) return `node ${condition.node} ${condition.status}`
  return `not taken ${condition.notTaken} by ${formatScenarioTime(condition.by)}`
}

const CONDITION =
  'decision (?<decision>[a-z0-9-]+)(?:=(?<option>[a-z0-9-]+))?|taken (?<taken>[a-z0-9-]+)(?: by (?<takenBy>T\\+[\\d:]+))?|not taken (?<notTaken>[a-z0-9-]+) by (?<notTakenBy>T\\+[\\d:]+)|node (?<node>[a-z0-9-]+) (?<nodeStatus>degraded|failed)'
const SIMPLE = new RegExp(`^(?:${CONDITION})$`)
const DELAYED = /^(?<body>.*?)(?: \+ (?<delay>T\+[\d:]+))?$/
const CONDITION_HELP =
  "'decision ID=OPTION', 'taken ID [by T+hh:mm]', 'not taken ID by T+hh:mm' or 'node ID failed|degraded'"

/** The authored condition a text names (`A and B`, `A or B`, or one), or null. */
function conditionOf(text: string): Record<string, unknown> | null {
  const joiner = text.includes(' and ') ? 'and' : text.includes(' or ') ? 'or' : null
  const parts = (joiner ? text.split(` ${joiner} `) : [text]).map(simpleOf)
  if (parts.some((part) => part === null)) return null
  if (!joiner) return parts[0] ?? null
  return joiner === 'and' ? { all: parts } : { any: parts }
}

function simpleOf(text: string): Record<string, unknown> | null {
  const g = SIMPLE.exec(text.trim())?.groups
  if (!g) return null
  if (g.decision) return { decision: g.decision, ...(g.option ? { option: g.option } : {}) }
  if (g.taken) return { taken: g.taken, ...(g.takenBy ? { by: g.takenBy } : {}) }
  if (g.notTaken) return { notTaken: g.notTaken, by: g.notTakenBy }
  if (g.node) return { node: g.node, status: g.nodeStatus }
  return null
}

function parseTrigger(
  time: string,
  trigger: string,
  unless: string,
  row: number,
  problems: MselRowProblem[],
): Record<string, unknown> {
  const cancel: Record<string, unknown> = {}
  if (unless !== '') {
    const condition = conditionOf(unless)
    if (condition) cancel.unless = condition
    else
      problems.push({
        row,
        message: `unreadable 'unless' condition '${unless}': write ${CONDITION_HELP}`,
      })
  }
  if (trigger === '') {
    if (time === '') {
      problems.push({ row, message: 'a scenario time (T+hh:mm) or a trigger is needed' })
      return cancel
    }
    if (parseScenarioTime(time) === null) {
      problems.push({ row, message: `'${time}' is not a scenario time such as T+01:30` })
    }
    return { at: time, ...cancel }
  }
  const { body = '', delay } = DELAYED.exec(trigger)?.groups ?? {}
  const delayed = delay ? { delay } : {}
  if (body === 'held') return { ...delayed, ...cancel }
  const after = /^after (?<id>[a-z0-9-]+)$/.exec(body)?.groups?.id
  if (after) return { after, ...delayed, ...cancel }
  const when = conditionOf(body)
  if (!when) {
    problems.push({
      row,
      message: `unreadable trigger '${trigger}': write 'after ID', ${CONDITION_HELP} (joined by 'and' or 'or'), or 'held', optionally followed by ' + T+hh:mm'`,
    })
    return cancel
  }
  return { when, ...delayed, ...cancel }
}

function list(cell: string): string[] {
  return cell
    .split(/[,;\n]/)
    .map((item) => item.trim())
    .filter(Boolean)
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`
  used.add(candidate)
  return candidate
}
