/**
 * The replay's routes: replay links (made, listed and revoked by the facilitator), the timeline
 * of an exercise, and the state an audience saw at any seq of it (docs/protocol.md, "Replay").
 */
import { type Request, type RequestHandler, type Response, Router } from 'express'
import { z } from 'zod'
import { parseDocumentName } from '../../core/documents/documentName'
import { ERROR_CODES } from '../../core/protocol/errors'
import { describeIssues } from '../../core/protocol/parseCommand'
import type { ReplayMoment, ReplayTimeline } from '../../core/protocol/replay'
import { type Audience, FACILITATOR } from '../../core/protocol/viewer'
import type { Scenario } from '../../core/scenario/schema'
import { viewEvents } from '../../core/visibility/viewEvent'
import { newId } from '../auth/ids'
import { newReplayToken, replayLinkPath, replayTokenHash } from '../replay/replayLinks'
import { ReplayLogs } from '../replay/replayLogs'
import { replayStateAt } from '../replay/replayState'
import { buildTimeline } from '../replay/timeline'
import type { Store } from '../store/Store'
import { sendError } from './errors'
import type { ExerciseReaderDoor } from './exerciseReader'
import { READ_COSTS, wholeLogCost } from './ReadBudgets'
import { addReplayTwinRoute } from './replayTwin'

export interface ReplayDeps {
  readonly store: Store
  readonly wallClock: () => number
  /** HOLDOVER_PUBLIC_URL, when set: where links should point. */
  readonly publicUrl?: string | undefined
  readonly facilitator: RequestHandler
  /** The facilitator, an evaluator or a replay link of the exercise (exerciseReader.ts). */
  readonly reader: ExerciseReaderDoor
}

/** An exercise has at most this many live replay links. */
const MAX_LINKS = 50

const audienceField = z
  .string()
  .regex(/^(facilitator|[a-z0-9-]{1,64})$/, 'facilitator or a team id')
  .default('facilitator')

const timelineQuery = z.strictObject({ as: audienceField, token: z.string().optional() })

const stateQuery = z.strictObject({
  seq: z.coerce.number().int().min(1),
  as: audienceField,
  token: z.string().optional(),
})

/** Builds the replay routes (mounted under `/api`). */
export function createReplayRoutes(deps: ReplayDeps): Router {
  const { store, facilitator, reader } = deps
  const replayLogs = new ReplayLogs(store)
  const routes = Router()

  /** The exercise's log, or null (answered 404) when there is no such exercise. */
  async function logOf(id: string, res: Response) {
    const exerciseLog = await replayLogs.logOf(id)
    const log = exerciseLog.events
    const created = log[0]
    if (created?.type !== 'exercise.created') {
      sendError(res, 404, ERROR_CODES.notFound, `No exercise '${id}'.`)
      return null
    }
    return { exerciseLog, log, created, scenario: created.scenario, headSeq: exerciseLog.headSeq }
  }

  /** The audience `as` names, or null (answered 404) when the exercise has no such team. */
  function audienceOf(as: string, scenario: Scenario, res: Response): Audience | null {
    if (as === 'facilitator') return FACILITATOR
    if (scenario.teams.some((team) => team.id === as)) return { role: 'team', teamId: as }
    sendError(
      res,
      404,
      ERROR_CODES.notFound,
      `No team '${as}': this exercise has ${scenario.teams.map((team) => team.id).join(', ')}.`,
    )
    return null
  }

  routes.post('/exercises/:id/replay-links', facilitator, async (req, res) => {
    const id = String(req.params.id)
    if (!(await store.getExercise(id)))
      return sendError(res, 404, ERROR_CODES.notFound, `No exercise '${id}'.`)
    if ((await store.listReplayLinks(id)).length >= MAX_LINKS) {
      return sendError(
        res,
        409,
        ERROR_CODES.conflict,
        `This exercise has ${MAX_LINKS} replay links already: revoke one first.`,
      )
    }
    const token = newReplayToken()
    const link = {
      id: newId(),
      exerciseId: id,
      tokenHash: replayTokenHash(token),
      createdAt: deps.wallClock(),
    }
    await store.createReplayLink(link)
    const origin = deps.publicUrl ?? `${req.protocol}://${req.get('host')}`
    res.status(201).json({
      id: link.id,
      token,
      url: new URL(replayLinkPath(id, token), origin).href,
      createdAt: link.createdAt,
    })
  })

  routes.get('/exercises/:id/replay-links', facilitator, async (req, res) => {
    const id = String(req.params.id)
    if (!(await store.getExercise(id)))
      return sendError(res, 404, ERROR_CODES.notFound, `No exercise '${id}'.`)
    // The tokens are not kept: the list names each link by its id.
    const links = await store.listReplayLinks(id)
    res.json(links.map(({ id, createdAt }) => ({ id, createdAt })))
  })

  // `:token` is the link's token, or its id from the list.
  routes.delete('/exercises/:id/replay-links/:token', facilitator, async (req, res) => {
    const id = String(req.params.id)
    const given = String(req.params.token)
    const revoked =
      (await store.deleteReplayLink(id, replayTokenHash(given))) ||
      (await store.deleteReplayLink(id, given))
    if (!revoked)
      return sendError(res, 404, ERROR_CODES.notFound, 'No such replay link on this exercise.')
    res.status(204).end()
  })

  // The timeline views the whole log: its cost goes with the log's length (kept in replayLogs).
  const timelineCost = async (req: Request) =>
    wholeLogCost(READ_COSTS.timeline, (await replayLogs.logOf(String(req.params.id))).headSeq)

  routes.get('/exercises/:id/replay', reader(timelineCost), async (req, res) => {
    const query = timelineQuery.safeParse(req.query)
    if (!query.success) return sendError(res, 400, ERROR_CODES.invalid, describeIssues(query.error))
    const id = String(req.params.id)
    const found = await logOf(id, res)
    if (!found) return
    const { exerciseLog, log, created, scenario } = found
    const audience = audienceOf(query.data.as, scenario, res)
    if (!audience) return
    // A team's timeline holds what it saw: its events, and its own notebook's edits.
    const notebooks = (await store.listDocuments(id)).filter((doc) => {
      const ref = parseDocumentName(doc)
      return (
        ref?.kind === 'notebook' &&
        (audience.role === 'facilitator' || ref.teamId === audience.teamId)
      )
    })
    const updates = (
      await Promise.all(notebooks.map((doc) => store.readDocumentUpdates(id, doc)))
    ).flat()
    const answer: ReplayTimeline = {
      exerciseId: id,
      title: created.title,
      teams: scenario.teams.map(({ id, name, side }) => ({ id, name, side })),
      phases: scenario.phases.map(({ id, name }) => ({ id, name })),
      headSeq: found.headSeq,
      ended: exerciseLog.state.ended,
      timeline: buildTimeline(
        viewEvents(log, audience),
        replayStateAt(exerciseLog, found.headSeq, audience).state,
        updates,
      ),
    }
    res.json(answer)
  })

  routes.get('/exercises/:id/replay/state', reader(READ_COSTS.seek), async (req, res) => {
    const query = stateQuery.safeParse(req.query)
    if (!query.success) return sendError(res, 400, ERROR_CODES.invalid, describeIssues(query.error))
    const id = String(req.params.id)
    const found = await logOf(id, res)
    if (!found) return
    const { exerciseLog, scenario, headSeq } = found
    const { seq } = query.data
    if (seq > headSeq) {
      return sendError(
        res,
        400,
        ERROR_CODES.invalid,
        `seq ${seq} is past the log's last event (${headSeq}).`,
      )
    }
    const audience = audienceOf(query.data.as, scenario, res)
    if (!audience) return
    res.json(replayStateAt(exerciseLog, seq, audience) satisfies ReplayMoment)
  })

  addReplayTwinRoute(routes, { reader, logOf, audienceOf })
  return routes
}
