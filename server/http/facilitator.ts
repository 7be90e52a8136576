/** The facilitator's door on HTTP: `Authorization: Bearer <admin token>`, wrong tokens throttled. */
import type { NextFunction, Request, Response } from 'express'
import { ERROR_CODES } from '../../core/protocol/errors'
import { SignInThrottle } from '../auth/SignInThrottle'
import type { Secrets } from '../auth/secrets'
import { sendError } from './errors'

/** The token of an `Authorization: Bearer` header, or '' when there is none. */
export function bearerToken(req: Request): string {
  const header = req.get('authorization') ?? ''
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : ''
}

/** Middleware that lets only the facilitator through. */
export function requireFacilitator(secrets: Secrets, signIns: SignInThrottle) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req)
    if (!token) {
      return sendError(
        res,
        401,
        ERROR_CODES.unauthorized,
        'Sign in as facilitator: send Authorization: Bearer <admin token>.',
      )
    }
    // `req.ip` honours `trust proxy` (HOLDOVER_TRUST_PROXY), as the socket handshake does.
    const signIn = signIns.check(token, secrets.adminToken, req.ip ?? '')
    if (signIn.ok) return next()
    if (signIn.waitMs > 0) {
      res.set('retry-after', String(Math.ceil(signIn.waitMs / 1000)))
      return sendError(res, 429, ERROR_CODES.rateLimited, SignInThrottle.message(signIn.waitMs))
    }
    sendError(res, 403, ERROR_CODES.forbidden, 'This admin token is not valid on this server.')
  }
}
