/**
 * The door of an exercise's read-only routes (its replay, report and documents at a moment):
 * the facilitator's bearer token, an evaluator's seat in that very exercise (bearer only: the
 * white cell's raters write the improvement plan beside the report), or a replay link of that
 * exercise, sent as `Authorization: Bearer` or `?token=`. A link opens nothing else, and stops
 * at once when revoked; a team's token opens none of it. Each request let through is charged to
 * its reader's budget (ReadBudgets.ts), and a token that opens nothing to its address.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { ERROR_CODES } from '../../core/protocol/errors'
import { addressKey } from '../auth/clientAddress'
import type { ParticipantAccess } from '../auth/ParticipantAccess'
import type { SignInThrottle } from '../auth/SignInThrottle'
import type { Secrets } from '../auth/secrets'
import { looksLikeParticipantToken } from '../auth/tokens'
import { looksLikeReplayToken, replayTokenHash } from '../replay/replayLinks'
import type { Store } from '../store/Store'
import { sendError } from './errors'
import { bearerToken, requireFacilitator } from './facilitator'
import { addressReader, FACILITATOR_READER, READ_COSTS, type ReadBudgets } from './ReadBudgets'

export interface ExerciseReaderDeps {
  readonly store: Store
  readonly secrets: Secrets
  readonly signIns: SignInThrottle
  readonly budgets: ReadBudgets
  /** Checks an evaluator's seat; without it, seats are refused like any wrong admin token. */
  readonly access?: ParticipantAccess
}

/**
 * What a request costs its reader, in ReadBudgets units: fixed, or worked out from the request
 * (the size of the log it reads, say), which is asked only of a reader whose budget is not spent.
 */
export type ReadCost = number | ((req: Request) => number | Promise<number>)

/** The door of one route: lets a reader through once the request's cost is charged. */
export type ExerciseReaderDoor = (cost: ReadCost) => RequestHandler

/** Builds the door of routes under `/exercises/:id` that a replay link may read. */
export function requireExerciseReader(deps: ExerciseReaderDeps): ExerciseReaderDoor {
  const facilitator = requireFacilitator(deps.secrets, deps.signIns)
  const { budgets } = deps
  return (cost) => async (req: Request, res: Response, next: NextFunction) => {
    /** Lets `reader` (`who` asks) through when it can pay for this request; otherwise 429. */
    const charge = async (reader: string, who: string) => {
      const refuse = (waitMs: number) =>
        tooMany(res, waitMs, `Too many replay and report requests ${who}`)
      const spent = budgets.waitMs(reader, 1)
      if (spent > 0) return refuse(spent)
      let price: number
      try {
        price = typeof cost === 'number' ? cost : await cost(req)
      } catch (error) {
        return next(error)
      }
      const waitMs = budgets.spend(reader, price)
      if (waitMs > 0) return refuse(waitMs)
      next()
    }
    const queryToken = typeof req.query.token === 'string' ? req.query.token : ''
    const token = bearerToken(req) || queryToken
    // The admin token and seats never travel in a URL (they would end up in logs and histories).
    const bearer = bearerToken(req)
    const seat = Boolean(deps.access && bearer && looksLikeParticipantToken(bearer))
    if (!seat && !looksLikeReplayToken(token)) {
      // Wrong admin tokens are throttled by address already (SignInThrottle).
      return facilitator(req, res, () => void charge(FACILITATOR_READER, 'as facilitator'))
    }
    // A token that opens nothing costs its address, and past the address's allowance it is
    // answered 429. A link or seat that opens is never held up by it: a revoked link retried in
    // one tab of an office does not lock the office's other links out (as with join tokens).
    const refuse = (status: number, code: 'unauthorized' | 'forbidden', message: string) => {
      const address = addressReader(addressKey(req.ip ?? ''))
      const waitMs = budgets.spend(address, READ_COSTS.refusedToken)
      if (waitMs > 0) return tooMany(res, waitMs, 'Too many refused tokens from this address')
      sendError(res, status, ERROR_CODES[code], message)
    }
    if (seat && deps.access) {
      const evaluator = await evaluatorSeat(deps.access, bearer, String(req.params.id))
      if (!evaluator.ok) return refuse(evaluator.status, evaluator.code, evaluator.message)
      return charge(`seat:${evaluator.id}`, 'from this seat')
    }
    const link = await deps.store.findReplayLink(replayTokenHash(token))
    if (!link) {
      return refuse(
        401,
        'unauthorized',
        'This replay link was revoked or never existed: ask the facilitator for a new one.',
      )
    }
    if (link.exerciseId !== String(req.params.id)) {
      return refuse(403, 'forbidden', 'This replay link opens another exercise.')
    }
    return charge(`link:${link.id}`, 'with this replay link')
  }
}

/** Answers 429 with `retry-after`: `what`, and when to try again. */
function tooMany(res: Response, waitMs: number, what: string): void {
  const waitS = Math.max(1, Math.ceil(waitMs / 1000))
  res.set('retry-after', String(waitS))
  sendError(res, 429, ERROR_CODES.rateLimited, `${what}; try again in ${waitS} s.`)
}

/** The evaluator of this exercise a seat names; a team's seat, or another exercise's, is refused. */
async function evaluatorSeat(
  access: ParticipantAccess,
  token: string,
  exerciseId: string,
): Promise<
  | { ok: true; id: string }
  | { ok: false; status: number; code: 'unauthorized' | 'forbidden'; message: string }
> {
  const checked = await access.check(token)
  if (!checked.ok) return { ok: false, status: 401, code: 'unauthorized', message: checked.reason }
  if (checked.kind !== 'evaluator') {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: "A team's seat does not open the white cell's replay or report.",
    }
  }
  if (checked.room.current.exerciseId !== exerciseId) {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: 'This seat opens another exercise.',
    }
  }
  return { ok: true, id: checked.evaluator.id }
}
