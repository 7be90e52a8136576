/**
 * `GET /api/exercises/:id/replay/twin?seq=&t=&as=&nodes=&points=&fromT=`: the twin and its
 * dashboards' data at a moment of the replay, as an audience saw it (server/replay/replayTwin.ts).
 */
import type { Request, Response, Router } from 'express'
import { z } from 'zod'
import type { ExerciseLog } from '../../core/engine/ExerciseLog'
import { twinReadCost } from '../../core/engine/twinView'
import { ERROR_CODES } from '../../core/protocol/errors'
import { describeIssues } from '../../core/protocol/parseCommand'
import type { Audience } from '../../core/protocol/viewer'
import type { Scenario } from '../../core/scenario/schema'
import { MAX_SERIES_NODES, MAX_SERIES_POINTS } from '../../core/vocabulary/constants'
import { idSchema } from '../../core/vocabulary/fieldSchemas'
import { replayTwinAt } from '../replay/replayTwin'
import { sendError } from './errors'
import type { ExerciseReaderDoor } from './exerciseReader'

/** What the replay's routes share: the reader's door, an exercise's log, an audience by name. */
export interface ReplayTwinDeps {
  readonly reader: ExerciseReaderDoor
  /** The exercise's log, or null once it has answered 404. */
  readonly logOf: (
    id: string,
    res: Response,
  ) => Promise<{ exerciseLog: ExerciseLog; scenario: Scenario; headSeq: number } | null>
  /** The audience `as` names, or null once it has answered 404. */
  readonly audienceOf: (as: string, scenario: Scenario, res: Response) => Audience | null
}

const scenarioSeconds = z.coerce
  .number()
  .min(0)
  .max(366 * 86_400)

const twinQuery = z.strictObject({
  seq: z.coerce.number().int().min(1),
  t: scenarioSeconds.optional(),
  as: z
    .string()
    .regex(/^(facilitator|[a-z0-9-]{1,64})$/, 'facilitator or a team id')
    .default('facilitator'),
  /** Comma-separated node ids whose curves to sample. */
  nodes: z
    .string()
    .transform((list) => list.split(',').filter(Boolean))
    .pipe(z.array(idSchema).min(1).max(MAX_SERIES_NODES))
    .optional(),
  points: z.coerce.number().int().min(2).max(MAX_SERIES_POINTS).default(300),
  fromT: scenarioSeconds.default(0),
  token: z.string().optional(),
})

/** What a read costs its reader: as `twin.view` costs a socket, by the curves' samples. */
function twinCost(req: Request): number {
  const query = twinQuery.safeParse(req.query)
  if (!query.success || !query.data.nodes) return twinReadCost({})
  const { nodes, fromT, points } = query.data
  // The cost counts samples, whatever span they cover.
  return twinReadCost({ series: { nodeIds: nodes, fromT, toT: fromT, points } })
}

/** Adds the replay's twin route to the replay routes. */
export function addReplayTwinRoute(routes: Router, deps: ReplayTwinDeps): void {
  routes.get('/exercises/:id/replay/twin', deps.reader(twinCost), async (req, res) => {
    const query = twinQuery.safeParse(req.query)
    if (!query.success) return sendError(res, 400, ERROR_CODES.invalid, describeIssues(query.error))
    const found = await deps.logOf(String(req.params.id), res)
    if (!found) return
    const { seq, t, nodes, points, fromT } = query.data
    if (seq > found.headSeq) {
      return sendError(
        res,
        400,
        ERROR_CODES.invalid,
        `seq ${seq} is past the log's last event (${found.headSeq}).`,
      )
    }
    const audience = deps.audienceOf(query.data.as, found.scenario, res)
    if (!audience) return
    const moment = { seq, t, ...(nodes ? { series: { nodeIds: nodes, fromT, points } } : {}) }
    const reply = replayTwinAt(found.exerciseLog, moment, audience)
    if (!reply.ok) return sendError(res, 400, reply.error.code, reply.error.message)
    res.json(reply)
  })
}
