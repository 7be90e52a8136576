/**
 * `GET /api/exercises/:id/report?format=json|md|html|csv`: the after-action report computed from
 * the stored log, its document edits and the white cell's improvement plan, in the format asked.
 */
import { type Request, Router } from 'express'
import { scenarioTimeAt } from '../../core/clock/ExerciseClock'
import { IMPROVEMENT_PLAN, parseDocumentName } from '../../core/documents/documentName'
import { ERROR_CODES } from '../../core/protocol/errors'
import { buildReport } from '../../core/report/buildReport'
import { eventLogCsv } from '../../core/report/eventLogCsv'
import { readImprovementPlan } from '../../core/report/improvementPlan'
import type { Report } from '../../core/report/model'
import type { DocumentEdit } from '../../core/report/participation'
import { reportHtml } from '../../core/report/reportHtml'
import { reportMarkdown } from '../../core/report/reportMarkdown'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { Store } from '../store/Store'
import { sendError } from './errors'
import type { ExerciseReaderDoor } from './exerciseReader'
import { READ_COSTS, wholeLogCost } from './ReadBudgets'

export const REPORT_FORMATS = ['json', 'md', 'html', 'csv'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface ReportRouteDeps {
  readonly store: Store
  readonly rooms: RoomRegistry
  readonly wallClock: () => number
  /** Who may read the report: the one check this route sits behind. */
  readonly reader: ExerciseReaderDoor
}

const isFormat = (value: unknown): value is ReportFormat =>
  REPORT_FORMATS.some((format) => format === value)

/** Builds the report route (mounted under `/api`). */
export function createReportRoute(deps: ReportRouteDeps): Router {
  const { store, rooms } = deps
  const route = Router()

  // Every format reads the whole log: its cost goes with the log's length (the room holds it).
  const cost = async (req: Request) =>
    wholeLogCost(READ_COSTS.report, (await rooms.get(String(req.params.id)))?.current.seq ?? 0)

  route.get('/exercises/:id/report', deps.reader(cost), async (req, res) => {
    const id = String(req.params.id)
    const format = req.query.format ?? 'json'
    if (!isFormat(format)) {
      return sendError(
        res,
        400,
        ERROR_CODES.invalid,
        `Unknown report format; ask for one of ${REPORT_FORMATS.join(', ')}.`,
      )
    }
    const room = await rooms.get(id)
    if (!room) return sendError(res, 404, ERROR_CODES.notFound, `No exercise '${id}'.`)
    const events = await store.readEvents(id)
    if (format === 'csv') {
      return res
        .type('text/csv')
        .attachment(`holdover-${id}-events.csv`)
        .send(`\uFEFF${eventLogCsv(events)}\r\n`)
    }
    const plan = await room.documents.acquire(IMPROVEMENT_PLAN)
    let improvementPlan: Report['improvementPlan']
    try {
      improvementPlan = readImprovementPlan(plan.doc)
    } finally {
      room.documents.releaseIfIdle(IMPROVEMENT_PLAN)
    }
    const now = deps.wallClock()
    const state = room.current
    const report = buildReport({
      events,
      state,
      documentEdits: await notebookEdits(store, id),
      improvementPlan,
      generatedAt: now,
      endT: scenarioTimeAt(state.clock, now),
    })
    switch (format) {
      case 'json':
        return res.json(report)
      case 'md':
        return res
          .type('text/markdown')
          .attachment(`holdover-${id}-report.md`)
          .send(reportMarkdown(report))
      case 'html':
        // The file is read offline too; served here it may still run nothing and fetch nothing.
        return res
          .type('html')
          .set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .attachment(`holdover-${id}-report.html`)
          .send(reportHtml(report))
    }
  })

  return route
}

/** Every recorded update of the exercise's notebooks: who wrote, and when. */
async function notebookEdits(store: Store, exerciseId: string): Promise<DocumentEdit[]> {
  const notebooks = (await store.listDocuments(exerciseId)).filter(
    (doc) => parseDocumentName(doc)?.kind === 'notebook',
  )
  const edits = await Promise.all(
    notebooks.map(async (doc) =>
      (await store.readDocumentUpdates(exerciseId, doc)).map(({ author, t }) => ({
        doc,
        author,
        t,
      })),
    ),
  )
  return edits.flat()
}
