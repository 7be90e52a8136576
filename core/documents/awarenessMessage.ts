/**
 * Awareness updates (y-protocols/awareness: who is in a document, their caret and colour), decoded
 * so the server can check them: each entry is a client id, a clock and a JSON state (null when
 * the client leaves). The server rewrites `user.name` to the sender's real display name.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export interface AwarenessEntry {
  readonly clientId: number
  readonly clock: number
  /** The client's state, or null: it left. */
  readonly state: Record<string, unknown> | null
}

export type DecodedAwareness =
  | { readonly ok: true; readonly entries: AwarenessEntry[] }
  | { readonly ok: false; readonly reason: string }

/** Reads an awareness update; at most `maxEntries` entries. Never throws. */
export function decodeAwarenessUpdate(bytes: Uint8Array, maxEntries: number): DecodedAwareness {
  try {
    const decoder = decoding.createDecoder(bytes)
    const count = decoding.readVarUint(decoder)
    if (count > maxEntries)
      return { ok: false, reason: `more than ${maxEntries} awareness entries` }
    const entries: AwarenessEntry[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state: unknown = JSON.parse(decoding.readVarString(decoder))
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
        return { ok: false, reason: 'an awareness state is a JSON object or null' }
      }
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null })
    }
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'bytes left over' }
    return { ok: true, entries }
  } catch {
    return { ok: false, reason: 'not an awareness update' }
  }
}

/** Writes entries back as an awareness update. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}

const COLOUR = /^#[0-9a-fA-F]{6}$/
const FALLBACK_COLOUR = '#5b6b7f'

/**
 * The state as others may see it: `user.name` is the sender's display name whatever the client
 * claimed, and `user.color` a plain #rrggbb colour (a caret's colour goes into a style attribute).
 */
export function stampAwarenessState(
  state: Record<string, unknown> | null,
  displayName: string,
): Record<string, unknown> | null {
  if (state === null) return null
  const user = state.user
  const claimed = typeof user === 'object' && user !== null ? (user as Record<string, unknown>) : {}
  const color =
    typeof claimed.color === 'string' && COLOUR.test(claimed.color)
      ? claimed.color
      : FALLBACK_COLOUR
  return { ...state, user: { ...claimed, name: displayName, color } }
}
