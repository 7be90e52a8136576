/** A command refused: nothing happens, and the sender is told why. */
import { type ProtocolError, protocolError } from '../protocol/errors'

export type Refusal = { readonly ok: false; readonly error: ProtocolError }

/** Builds a refusal with a message a person can act on. */
export function refuse(code: ProtocolError['code'], message: string): Refusal {
  return { ok: false, error: protocolError(code, message) }
}
