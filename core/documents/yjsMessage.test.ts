import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { decodeYjsMessage, encodeYjsMessage } from './yjsMessage'

describe('yjs message framing', () => {
  it('reads what y-protocols writes, as y-websocket frames it', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hello')
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    syncProtocol.writeSyncStep1(encoder, doc)
    const decoded = decodeYjsMessage(encoding.toUint8Array(encoder))
    expect(decoded.ok && decoded.message.type).toBe('sync-step1')
    expect(
      decoded.ok && decoded.message.type === 'sync-step1' && decoded.message.stateVector,
    ).toEqual(Y.encodeStateVector(doc))
  })

  it('round-trips every message type', () => {
    const payload = new Uint8Array([1, 2, 3])
    for (const message of [
      { type: 'sync-step1', stateVector: payload },
      { type: 'sync-step2', update: payload },
      { type: 'update', update: payload },
      { type: 'awareness', update: payload },
    ] as const) {
      expect(decodeYjsMessage(encodeYjsMessage(message))).toEqual({ ok: true, message })
    }
  })

  it('refuses what is not a framed message, saying why', () => {
    expect(decodeYjsMessage('text')).toMatchObject({ ok: false, reason: /binary/ })
    expect(decodeYjsMessage(new Uint8Array())).toMatchObject({ ok: false, reason: /empty/ })
    expect(decodeYjsMessage(new Uint8Array([3]))).toMatchObject({ ok: false, reason: /type 3/ })
    expect(decodeYjsMessage(new Uint8Array([0, 5, 0]))).toMatchObject({
      ok: false,
      reason: /step 5/,
    })
    expect(decodeYjsMessage(new Uint8Array([0, 0, 9, 1]))).toMatchObject({ ok: false })
    expect(decodeYjsMessage(new Uint8Array([1, 1, 0, 0]))).toMatchObject({
      ok: false,
      reason: /left over/,
    })
  })
})
