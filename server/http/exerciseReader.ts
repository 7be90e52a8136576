/**
 * The door of an exercise's read-only routes (its replay, report and documents at a moment):
 * the facilitator's bearer token, or a replay link of that very exercise, sent as
 * `Authorization: Bearer` or `?token=`. A link opens nothing else, and stops at once when revoked.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { ERROR_CODES } from '../../core/protocol/errors'
import type { SignInThrottle } from '../auth/SignInThrottle'
import type { Secrets } from '../auth/secrets'
import { looksLikeReplayToken, replayTokenHash } from '../replay/replayLinks'
import type { Store } from '../store/Store'
import { sendError } from './errors'
import { bearerToken, requireFacilitator } from './facilitator'

export interface ExerciseReaderDeps {
  readonly store: Store
  readonly secrets: Secrets
  readonly signIns: SignInThrottle
}

/** Middleware for routes under `/exercises/:id` that a replay link may read. */
export function requireExerciseReader(deps: ExerciseReaderDeps): RequestHandler {
  const facilitator = requireFacilitator(deps.secrets, deps.signIns)
  return async (req: Request, res: Response, next: NextFunction) => {
    const queryToken = typeof req.query.token === 'string' ? req.query.token : ''
    const token = bearerToken(req) || queryToken
    // The admin token never travels in a URL (it would end up in logs and histories).
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
