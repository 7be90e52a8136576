/** The HTTP API of the wire contract (docs/protocol.md). */
import { randomInt } from 'node:crypto'
import express, { type NextFunction, type Request, type Response, Router } from 'express'
import { z } from 'zod'
import {
  documentNameOf,
  IMPROVEMENT_PLAN,
  NOTEBOOK_FIELD,
  notebookName,
  parseDocumentName,
} from '../../core/documents/documentName'
import { documentText } from '../../core/documents/documentText'
import { DOCUMENT_LIMITS } from '../../core/documents/limits'
import { notebookToMarkdown } from '../../core/documents/notebookToMarkdown'
import { validateUpdate } from '../../core/documents/validateUpdate'
import { ERROR_CODES } from '../../core/protocol/errors'
import { parseEventLog } from '../../core/protocol/eventSchema'
import type { HoldoverEvent } from '../../core/protocol/events'
import { describeIssues } from '../../core/protocol/parseCommand'
import { mselToCsv } from '../../core/scenario/msel'
import { LIMITS } from '../../core/vocabulary/constants'
import { newId, newJoinCode } from '../auth/ids'
import type { ParticipantAccess } from '../auth/ParticipantAccess'
import type { SignInThrottle } from '../auth/SignInThrottle'
import type { Secrets } from '../auth/secrets'
import { documentAt } from '../documents/documentAt'
import type { Logger } from '../log'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { ScenarioLibrary } from '../scenarios/ScenarioLibrary'
import type { DocumentUpdateRecord, ExerciseRecord, Store } from '../store/Store'
import { sendError } from './errors'
import { createExerciseAdmin } from './exerciseAdmin'
import { requireExerciseReader } from './exerciseReader'
import { requireFacilitator } from './facilitator'
import { createJoinRoute } from './join'
import { READ_COSTS, ReadBudgets } from './ReadBudgets'
import { createReplayRoutes } from './replay'
import { createReportRoute } from './report'

export interface ApiDeps {
  readonly store: Store
  readonly rooms: RoomRegistry
  readonly scenarios: ScenarioLibrary
  readonly secrets: Secrets
  readonly logger: Logger
  readonly version: string
  readonly wallClock: () => number
  readonly access: ParticipantAccess
  readonly signIns: SignInThrottle
  /** HOLDOVER_PUBLIC_URL, when set: where links should point. */
  readonly publicUrl?: string | undefined
  /** The clock the read-only routes' budgets refill by: the wall clock unless a test drives one. */
  readonly budgetClock?: (() => number) | undefined
}

const EXPORT_FORMAT = 'holdover.exercise'
const EXPORT_VERSION = 1

const createExerciseBody = z.strictObject({
  scenarioId: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(LIMITS.title).optional(),
})
const importBody = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exercise: z.object({ title: z.string().min(1).max(LIMITS.title) }),
  events: z.array(z.unknown()),
  documents: z
    .array(
      z.strictObject({
        doc: z.string().max(80),
        updates: z.array(
          z.strictObject({
            id: z.number().int().positive(),
            at: z.number().int().nonnegative(),
            t: z.number(),
            author: z.string().max(64).nullable(),
            update: z.base64().max(2 * DOCUMENT_LIMITS.messageBytes),
          }),
        ),
      }),
    )
    .max(256)
    .optional(),
})

/** Builds the `/api` router. */
export function createApi(deps: ApiDeps): Router {
  const { store, rooms, scenarios, secrets } = deps
  const api = Router()

  const facilitator = requireFacilitator(secrets, deps.signIns)
  const reader = requireExerciseReader({
    store,
    secrets,
    signIns: deps.signIns,
    budgets: new ReadBudgets(deps.budgetClock ?? deps.wallClock),
    access: deps.access,
  })

  // Imports carry a whole log: a larger body, parsed only once the sender is known.
  api.post('/exercises/import', facilitator, express.json({ limit: '50mb' }), async (req, res) => {
    const body = importBody.safeParse(req.body)
    if (!body.success) {
      return sendError(
        res,
        400,
        ERROR_CODES.invalid,
        `Not a Holdover export: ${describeIssues(body.error)}`,
      )
    }
    const log = parseEventLog(body.data.events)
    if (!log.ok)
      return sendError(res, 400, ERROR_CODES.invalid, `The exported log is damaged: ${log.message}`)
    const [created, ...rest] = log.events
    if (created?.type !== 'exercise.created')
      throw new Error('unreachable: checked by parseEventLog')
    const id = newId()
    const documents = importedDocuments(id, body.data.documents ?? [], created.scenario.teams)
    if (!documents.ok) {
      return sendError(
        res,
        400,
        ERROR_CODES.invalid,
        `The exported notebooks are damaged: ${documents.message}`,
      )
    }
    const record: ExerciseRecord = {
      id,
      title: body.data.exercise.title,
      scenarioId: created.scenario.id,
      createdAt: created.at,
      joinCodes: Object.fromEntries(created.scenario.teams.map((team) => [team.id, newJoinCode()])),
      evaluatorCode: newJoinCode(),
    }
    await store.createExercise(record, [{ ...created, exerciseId: id }, ...rest])
    await store.appendDocumentUpdates(documents.records)
    res.status(201).json({
      id,
      title: record.title,
      joinCodes: record.joinCodes,
      evaluatorCode: record.evaluatorCode,
      events: log.events.length,
    })
  })

  /** Writes every team's notebook template now, so the record shows each as it read from the start. */
  async function seedNotebooks(exerciseId: string): Promise<void> {
    const room = await rooms.get(exerciseId)
    for (const team of room?.current.scenario?.teams ?? []) {
      const name = notebookName(team.id)
      await room?.documents.acquire(name)
      room?.documents.releaseIfIdle(name)
    }
  }

  api.use(express.json({ limit: '64kb' }))

  api.get('/health', (_req, res) => {
    // The address for links, when the operator set one: a room served on 0.0.0.0 gets links that work elsewhere.
    res.json({ ok: true, version: deps.version, publicUrl: deps.publicUrl ?? null })
  })

  api.get('/scenarios', facilitator, (_req, res) => {
    res.json(
      scenarios.list().map((scenario) => ({
        id: scenario.id,
        title: scenario.title,
        summary: scenario.summary,
        duration: scenario.duration,
        injectCount: scenario.injects.length,
        teams: scenario.teams.map(({ id, name, side }) => ({ id, name, side })),
      })),
    )
  })

  api.get('/scenarios/:id/msel.csv', facilitator, (req, res) => {
    const scenario = scenarios.get(String(req.params.id))
    if (!scenario)
      return sendError(res, 404, ERROR_CODES.notFound, `No scenario '${req.params.id}'.`)
    res
      .type('text/csv')
      .attachment(`${scenario.id}-msel.csv`)
      .send(`\uFEFF${mselToCsv(scenario)}\r\n`)
  })

  api.use(createExerciseAdmin({ ...deps, facilitator }))

  api.post('/exercises', facilitator, async (req, res) => {
    const body = createExerciseBody.safeParse(req.body)
    if (!body.success) return sendError(res, 400, ERROR_CODES.invalid, describeIssues(body.error))
    const scenario = scenarios.get(body.data.scenarioId)
    if (!scenario) {
      const known = scenarios
        .list()
        .map((s) => s.id)
        .join(', ')
      return sendError(
        res,
        404,
        ERROR_CODES.notFound,
        `No scenario '${body.data.scenarioId}'. Available: ${known}.`,
      )
    }
    const now = deps.wallClock()
    const record: ExerciseRecord = {
      id: newId(),
      title: body.data.title ?? scenario.title,
      scenarioId: scenario.id,
      createdAt: now,
      joinCodes: Object.fromEntries(scenario.teams.map((team) => [team.id, newJoinCode()])),
      evaluatorCode: newJoinCode(),
    }
    const created: HoldoverEvent = {
      type: 'exercise.created',
      seq: 1,
      at: now,
      t: 0,
      exerciseId: record.id,
      title: record.title,
      scenario,
      seed: randomInt(2 ** 31),
    }
    await store.createExercise(record, [created])
    await seedNotebooks(record.id)
    deps.logger.info({ exerciseId: record.id, scenarioId: scenario.id }, 'exercise created')
    res.status(201).json({
      id: record.id,
      title: record.title,
      joinCodes: record.joinCodes,
      evaluatorCode: record.evaluatorCode,
    })
  })

  api.get('/exercises/:id', facilitator, async (req, res) => {
    const record = await store.getExercise(String(req.params.id))
    if (!record) return sendError(res, 404, ERROR_CODES.notFound, `No exercise '${req.params.id}'.`)
    res.json(record)
  })

  api.get('/exercises/:id/events', facilitator, async (req, res) => {
    const fromSeq = req.query.fromSeq === undefined ? 1 : Number(req.query.fromSeq)
    if (!Number.isInteger(fromSeq) || fromSeq < 1) {
      return sendError(res, 400, ERROR_CODES.invalid, 'fromSeq must be a whole number from 1.')
    }
    const id = String(req.params.id)
    if (!(await store.getExercise(id)))
      return sendError(res, 404, ERROR_CODES.notFound, `No exercise '${id}'.`)
    res.json(await store.readEvents(id, fromSeq))
  })

  api.get('/exercises/:id/documents/:doc', reader(READ_COSTS.document), async (req, res) => {
    const id = String(req.params.id)
    const room = await rooms.get(id)
    if (!room) return sendError(res, 404, ERROR_CODES.notFound, `No exercise '${id}'.`)
    const ref = parseDocumentName(req.params.doc)
    const teams = room.current.scenario?.teams.map((team) => team.id) ?? []
    if (!ref || (ref.kind === 'notebook' && !teams.includes(ref.teamId))) {
      return sendError(
        res,
        404,
        ERROR_CODES.notFound,
        `No document '${req.params.doc}': this exercise has notebook:<team> for teams ${teams.join(', ')}, and ${IMPROVEMENT_PLAN}.`,
      )
    }
    const rawAt = req.query.at
    const at = rawAt === undefined ? undefined : Number(rawAt)
    if (at !== undefined && (!Number.isSafeInteger(at) || at < 0)) {
      return sendError(res, 400, ERROR_CODES.invalid, 'at must be a wall time in epoch ms.')
    }
    const name = documentNameOf(ref)
    // Loading seeds a document nobody opened yet, so its template is on the record too.
    const shared = await room.documents.acquire(name)
    try {
      const doc = at === undefined ? shared.doc : await documentAt(store, id, name, at)
      res.json({
        doc: name,
        at: at ?? deps.wallClock(),
        text: documentText(doc),
        markdown: notebookToMarkdown(doc.getXmlFragment(NOTEBOOK_FIELD)),
      })
      if (doc !== shared.doc) doc.destroy()
    } finally {
      room.documents.releaseIfIdle(name)
    }
  })

  api.use(
    createReplayRoutes({
      store,
      wallClock: deps.wallClock,
      publicUrl: deps.publicUrl,
      facilitator,
      reader,
    }),
  )

  api.get('/exercises/:id/export', facilitator, async (req, res) => {
    const id = String(req.params.id)
    const record = await store.getExercise(id)
    if (!record) return sendError(res, 404, ERROR_CODES.notFound, `No exercise '${id}'.`)
    res.attachment(`holdover-${id}.json`).json({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: deps.wallClock(),
      exercise: { title: record.title, scenarioId: record.scenarioId, createdAt: record.createdAt },
      events: await store.readEvents(id),
      documents: await Promise.all(
        (await store.listDocuments(id)).map(async (doc) => ({
          doc,
          updates: (await store.readDocumentUpdates(id, doc)).map((record) => ({
            id: record.id,
            at: record.at,
            t: record.t,
            author: record.author,
            update: Buffer.from(record.update).toString('base64'),
          })),
        })),
      ),
    })
  })

  api.use(createReportRoute({ store, rooms, wallClock: deps.wallClock, reader }))

  api.use(createJoinRoute({ store, rooms, access: deps.access, wallClock: deps.wallClock }))

  api.use((_req, res) => {
    sendError(res, 404, ERROR_CODES.notFound, 'No such API route; see docs/protocol.md.')
  })

  // Body-parser errors (bad JSON, too large) and anything unexpected end here, as JSON.
  api.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status ?? 500
    if (status === 413) {
      return sendError(res, 413, ERROR_CODES.invalid, 'The request body is too large.')
    }
    if (status === 400) {
      return sendError(res, 400, ERROR_CODES.invalid, 'The request body is not valid JSON.')
    }
    deps.logger.error({ err: error }, 'request failed')
    sendError(res, 500, ERROR_CODES.internal, 'The server failed; nothing was changed.')
  })
  return api
}

/** The notebooks of an imported exercise, each update checked as if a client had sent it. */
function importedDocuments(
  exerciseId: string,
  documents: readonly {
    doc: string
    updates: readonly { id: number; at: number; t: number; author: string | null; update: string }[]
  }[],
  teams: readonly { id: string }[],
): { ok: true; records: DocumentUpdateRecord[] } | { ok: false; message: string } {
  const records: DocumentUpdateRecord[] = []
  for (const { doc, updates } of documents) {
    const ref = parseDocumentName(doc)
    if (!ref || (ref.kind === 'notebook' && !teams.some((team) => team.id === ref.teamId))) {
      return { ok: false, message: `'${doc}' is not a notebook of this scenario's teams.` }
    }
    let previous = 0
    for (const entry of updates) {
      if (entry.id <= previous) return { ok: false, message: `${doc}: updates out of order.` }
      previous = entry.id
      const update = new Uint8Array(Buffer.from(entry.update, 'base64'))
      const checked = validateUpdate(update)
      if (!checked.ok)
        return { ok: false, message: `${doc} update ${entry.id}: ${checked.reason}.` }
      records.push({ exerciseId, doc, ...entry, update })
    }
  }
  return { ok: true, records }
}
