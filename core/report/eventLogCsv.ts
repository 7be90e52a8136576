/** The event log as CSV, one event a row: its place and times, its type and team, then its fields. */
import Papa from 'papaparse'
import type { HoldoverEvent } from '../protocol/events'
import { formatScenarioTime } from '../vocabulary/scenarioTime'

const COLUMNS = ['seq', 'wall time', 'scenario time', 'type', 'team', 'fields'] as const

/** Every event, in order; the fields beyond the common ones as JSON. */
export function eventLogCsv(events: readonly HoldoverEvent[]): string {
  return Papa.unparse(
    {
      fields: [...COLUMNS],
      data: events.map((event) => {
        const { seq, at, t, type, ...fields } = event
        const team = 'teamId' in event && typeof event.teamId === 'string' ? event.teamId : ''
        // The scenario travels whole in exercise.created: the export's own file carries it.
        const shown =
          type === 'exercise.created' ? { ...fields, scenario: event.scenario.id } : fields
        return [
          seq,
          new Date(at).toISOString(),
          formatScenarioTime(t),
          type,
          team,
          JSON.stringify(shown),
        ]
      }),
    },
    // A cell starting = + - @ would run as a formula in a spreadsheet (CSV injection).
    { newline: '\r\n', escapeFormulae: true },
  )
}
