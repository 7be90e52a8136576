/** Error codes carried by refused commands and HTTP 4xx answers: `{ code, message }`. */

export const ERROR_CODES = {
  /** The message is not a well-formed command (schema, size). */
  invalid: 'invalid',
  /** The command type is not one this server knows. */
  unknownCommand: 'unknown_command',
  /** The sender's role or team may not do this. */
  forbidden: 'forbidden',
  /** The named exercise, inject, team or other thing does not exist. */
  notFound: 'not_found',
  /** The command does not fit the exercise's current state (clock already running, exercise ended). */
  conflict: 'conflict',
  /** The sender is sending too fast. */
  rateLimited: 'rate_limited',
  /** The sender must open an exercise first. */
  notJoined: 'not_joined',
  /** Missing or bad credentials. */
  unauthorized: 'unauthorized',
  /** The server failed; nothing was changed. */
  internal: 'internal',
} as const

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES]

export interface ProtocolError {
  readonly code: ErrorCode
  readonly message: string
}

/** Builds a protocol error. */
export function protocolError(code: ErrorCode, message: string): ProtocolError {
  return { code, message }
}
