/**
 * The door of an exercise's read-only routes (its replay, report and documents at a moment):
 * the facilitator's bearer token, an evaluator's seat in that very exercise (bearer only: the
 * white cell's raters write the improvement plan beside the report), or a replay link of that
 * exercise, sent as `Authorization: Bearer` or `?token=`. A link opens nothing else, and stops
 * at once when revoked; a team's token opens none of it.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { ERROR_CODES } from '../../core/protocol/errors'
import type { ParticipantAccess } from '../auth/ParticipantAccess'
import type { SignInThrottle } from '../auth/SignInThrottle'
import type { Secrets } from '../auth/secrets'
import { looksLikeParticipantToken } from '../auth/tokens'
import { looksLikeReplayToken, replayTokenHash } from '../replay/replayLinks'
import type { Store } from '../store/Store'
import { sendError } from './errors'
import { bearerToken, requireFacilitator } from './facilitator'

export interface ExerciseReaderDeps {
  readonly store: Store
  readonly secrets: Secrets
  readonly signIns: SignInThrottle
  /** Checks an evaluator's seat; without it, seats are refused like any wrong admin token. */
  readonly access?: ParticipantAccess
}

/** Middleware for routes under `/exercises/:id` that a replay link may read. */
export function requireExerciseReader(deps: ExerciseReaderDeps): RequestHandler {
  const facilitator = requireFacilitator(deps.secrets, deps.signIns)
  return async (req: Request, res: Response, next: NextFunction) => {
    const queryToken = typeof req.query.token === 'string' ? req.query.token : ''
    const token = bearerToken(req) || queryToken
    // The admin token and seats never travel in a URL (they would end up in logs and histories).
    const bearer = bearerToken(req)
    if (deps.access && bearer && looksLikeParticipantToken(bearer)) {
      return evaluatorSeat(deps.access, bearer, req, res, next)
    }
    if (!looksLikeReplayToken(token)) {
      return facilitator(req, res, next)
    }
    const link = await deps.store.findReplayLink(replayTokenHash(token))
    if (!link) {
      return sendError(
        res,
        401,
        ERROR_CODES.unauthorized,
        'This replay link was revoked or never existed: ask the facilitator for a new one.',
      )
    }
    if (link.exerciseId !== String(req.params.id)) {
      return sendError(res, 403, ERROR_CODES.forbidden, 'This replay link opens another exercise.')
    }
    next()
  }
}

/** Lets an evaluator of this exercise through; a team's seat, or another exercise's, is refused. */
async function evaluatorSeat(
  access: ParticipantAccess,
  token: string,
  req: Request,
  res: Response,
  next: NextFunction,
) {
  const checked = await access.check(token)
  if (!checked.ok) return sendError(res, 401, ERROR_CODES.unauthorized, checked.reason)
  if (checked.kind !== 'evaluator') {
    return sendError(
      res,
      403,
      ERROR_CODES.forbidden,
      "A team's seat does not open the white cell's replay or report.",
    )
  }
  if (checked.room.current.exerciseId !== String(req.params.id)) {
    return sendError(res, 403, ERROR_CODES.forbidden, 'This seat opens another exercise.')
  }
  next()
}
