/**
 * The framing of `yjs` messages, as y-websocket and Hocuspocus frame them without a document name:
 * a varint message type (0 sync, 1 awareness), then the y-protocols payload. Sync carries its own
 * varint subtype (0 step 1 with a state vector, 1 step 2 with an update, 2 an update).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const SYNC_STEP1 = 0
export const SYNC_STEP2 = 1
export const SYNC_UPDATE = 2

/** A decoded `yjs` message; the payloads are still raw y-protocols bytes. */
export type YjsMessage =
  | { readonly type: 'sync-step1'; readonly stateVector: Uint8Array }
  | { readonly type: 'sync-step2'; readonly update: Uint8Array }
  | { readonly type: 'update'; readonly update: Uint8Array }
  | { readonly type: 'awareness'; readonly update: Uint8Array }

export type DecodedYjsMessage =
  | { readonly ok: true; readonly message: YjsMessage }
  | { readonly ok: false; readonly reason: string }

/** Splits a framed message into its type and payload; never throws. */
export function decodeYjsMessage(bytes: unknown): DecodedYjsMessage {
  if (!(bytes instanceof Uint8Array)) {
    return { ok: false, reason: 'a yjs message is binary (a Uint8Array)' }
  }
  try {
    const decoder = decoding.createDecoder(bytes)
    if (!decoding.hasContent(decoder)) return { ok: false, reason: 'the message is empty' }
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_AWARENESS) {
      const update = decoding.readVarUint8Array(decoder)
      return exact(decoder, { type: 'awareness', update })
    }
    if (type !== MESSAGE_SYNC) {
      return { ok: false, reason: `unknown message type ${type} (0 sync, 1 awareness)` }
    }
    if (!decoding.hasContent(decoder)) return { ok: false, reason: 'a sync message without a step' }
    const step = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    switch (step) {
      case SYNC_STEP1:
        return exact(decoder, { type: 'sync-step1', stateVector: payload })
      case SYNC_STEP2:
        return exact(decoder, { type: 'sync-step2', update: payload })
      case SYNC_UPDATE:
        return exact(decoder, { type: 'update', update: payload })
      default:
        return { ok: false, reason: `unknown sync step ${step} (0 step 1, 1 step 2, 2 update)` }
    }
  } catch {
    return { ok: false, reason: 'the message is truncated or not y-protocols framing' }
  }
}

function exact(decoder: decoding.Decoder, message: YjsMessage): DecodedYjsMessage {
  return decoding.hasContent(decoder)
    ? { ok: false, reason: 'bytes left over after the message' }
    : { ok: true, message }
}

/** Frames a message for the wire. */
export function encodeYjsMessage(message: YjsMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  if (message.type === 'awareness') {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, message.update)
    return encoding.toUint8Array(encoder)
  }
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  switch (message.type) {
    case 'sync-step1':
      encoding.writeVarUint(encoder, SYNC_STEP1)
      encoding.writeVarUint8Array(encoder, message.stateVector)
      break
    case 'sync-step2':
      encoding.writeVarUint(encoder, SYNC_STEP2)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'update':
      encoding.writeVarUint(encoder, SYNC_UPDATE)
      encoding.writeVarUint8Array(encoder, message.update)
      break
  }
  return encoding.toUint8Array(encoder)
}
