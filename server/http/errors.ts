/** HTTP errors answer a 4xx/5xx with `{ error: { code, message } }`. */
import type { Response } from 'express'
import type { ErrorCode } from '../../core/protocol/errors'

export function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } })
}
