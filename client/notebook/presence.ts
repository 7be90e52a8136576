/** Who is in a shared document, read from its awareness states, and the colour of each caret. */

/** One person in the document, as the presence list shows them. */
export interface PresenceEntry {
  readonly clientId: number
  readonly name: string
  readonly color: string
  readonly self: boolean
}

/**
 * Caret colours: dark enough for white label text (WCAG AA at the label's size) and far apart
 * from each other on a light page.
 */
export const CARET_COLOURS = [
  '#1f5f7a',
  '#9b2c23',
  '#2d6a3e',
  '#6b3fa0',
  '#8a4b00',
  '#1f4f8a',
  '#a0266b',
  '#37595a',
] as const

const HEX_COLOUR = /^#[0-9a-f]{6}$/i
const MAX_NAME = 60

/** The caret colour of a person, the same on every screen: picked by their id. */
export function caretColour(id: string): string {
  let hash = 0
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return CARET_COLOURS[hash % CARET_COLOURS.length]!
}

/**
 * The people in the document: this client first, then the others by name. Remote states come
 * from other browsers (the server vouches only for the name): anything malformed is left out or
 * given a neutral colour.
 */
export function presenceOf(
  states: ReadonlyMap<number, Record<string, unknown>>,
  ownClientId: number,
): PresenceEntry[] {
  const entries: PresenceEntry[] = []
  for (const [clientId, state] of states) {
    const user = state.user
    if (typeof user !== 'object' || user === null) continue
    const { name, color } = user as { name?: unknown; color?: unknown }
    if (typeof name !== 'string' || name.trim() === '') continue
    entries.push({
      clientId,
      name: name.trim().slice(0, MAX_NAME),
      color: typeof color === 'string' && HEX_COLOUR.test(color) ? color : '#535b57',
      self: clientId === ownClientId,
    })
  }
  return entries.sort(
    (a, b) =>
      Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId,
  )
}
