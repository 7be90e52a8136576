/**
 * A validating decode of a Yjs update (format v1) before it is applied. Yjs trusts the counts an
 * update declares: a few crafted bytes can make it allocate without end or loop (yjs #479, #687).
 * This pass reads every struct and the delete set with each count checked against the bytes that
 * remain, so it is linear in the update's size and never allocates more than the update holds.
 * It also reports what the server checks next: the first clock of each client and the root types.
 */
import * as decoding from 'lib0/decoding'

/** What a valid update touches. */
export interface UpdateSummary {
  /** Client id → the first clock this update writes for it. */
  readonly firstClocks: ReadonlyMap<number, number>
  /** Names of the root types (`doc.share`) the update creates items in. */
  readonly rootTypes: ReadonlySet<string>
  /** Structs in the update. */
  readonly structs: number
  /** Whether it writes nothing and deletes nothing (an empty sync step 2). */
  readonly empty: boolean
}

export type ValidatedUpdate =
  | { readonly ok: true; readonly summary: UpdateSummary }
  | { readonly ok: false; readonly reason: string }

/** A clock or length beyond this is not something a person typed (Yjs clocks count characters). */
const MAX_CLOCK = 2 ** 40
const MAX_ANY_DEPTH = 16

class Invalid extends Error {}

/** Checks that `update` is a well-formed v1 update; never throws, never applies anything. */
export function validateUpdate(update: Uint8Array): ValidatedUpdate {
  try {
    return { ok: true, summary: readUpdate(decoding.createDecoder(update)) }
  } catch (error) {
    const reason = error instanceof Invalid ? error.message : 'truncated or not a Yjs update'
    return { ok: false, reason }
  }
}

function readUpdate(decoder: decoding.Decoder): UpdateSummary {
  const firstClocks = new Map<number, number>()
  const rootTypes = new Set<string>()
  let structs = 0
  const clients = count(decoder, 'clients')
  for (let c = 0; c < clients; c++) {
    const structCount = count(decoder, 'structs')
    const client = readNumber(decoder, 'client id')
    let clock = readNumber(decoder, 'clock')
    if (firstClocks.has(client)) throw new Invalid(`client ${client} appears twice`)
    firstClocks.set(client, clock)
    for (let s = 0; s < structCount; s++) {
      clock += readStruct(decoder, rootTypes)
      if (clock > MAX_CLOCK) throw new Invalid('a clock beyond any real document')
      structs++
    }
  }
  let deletes = 0
  const deleteClients = count(decoder, 'delete-set clients')
  for (let c = 0; c < deleteClients; c++) {
    readNumber(decoder, 'client id')
    const ranges = count(decoder, 'deleted ranges')
    for (let r = 0; r < ranges; r++) {
      readNumber(decoder, 'clock')
      readNumber(decoder, 'length')
      deletes++
    }
  }
  if (decoding.hasContent(decoder)) throw new Invalid('bytes left over after the delete set')
  return { firstClocks, rootTypes, structs, empty: structs === 0 && deletes === 0 }
}

/** Reads one struct; returns its length in clock units. */
function readStruct(decoder: decoding.Decoder, rootTypes: Set<string>): number {
  const info = decoding.readUint8(decoder)
  const kind = info & 0b11111
  if (kind === 0 || kind === 10) return length(decoder) // GC, Skip
  if ((info & 0b10000000) !== 0) readId(decoder) // origin
  if ((info & 0b01000000) !== 0) readId(decoder) // right origin
  if ((info & 0b11000000) === 0) {
    // Neither origin: the parent is named, a root type by key or an item by id.
    if (readNumber(decoder, 'parent info') === 1) rootTypes.add(readString(decoder))
    else readId(decoder)
    if ((info & 0b00100000) !== 0) readString(decoder) // parentSub (a map key)
  }
  return readContent(decoder, kind)
}

/** Reads an item's content (yjs ContentDeleted … ContentDoc); returns its length. */
function readContent(decoder: decoding.Decoder, kind: number): number {
  switch (kind) {
    case 1: // deleted
      return length(decoder)
    case 2: {
      // JSON: a count of JSON strings
      const items = count(decoder, 'JSON items')
      for (let i = 0; i < items; i++) readString(decoder)
      return nonEmpty(items)
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder)
      return 1
    case 4: {
      return nonEmpty(readString(decoder).length)
    }
    case 5: // embed
      readString(decoder)
      return 1
    case 6: // format: key, value
      readString(decoder)
      readString(decoder)
      return 1
    case 7: {
      const typeRef = readNumber(decoder, 'type')
      if (typeRef > 6) throw new Invalid(`unknown shared type ${typeRef}`)
      if (typeRef === 3 || typeRef === 5) readString(decoder) // XmlElement / XmlHook name
      return 1
    }
    case 8: {
      const items = count(decoder, 'values')
      for (let i = 0; i < items; i++) readAny(decoder, 0)
      return nonEmpty(items)
    }
    case 9:
      throw new Invalid('subdocuments are not accepted in a shared document')
    default:
      throw new Invalid(`unknown struct kind ${kind}`)
  }
}

/** lib0's `readAny`, with every count and the nesting bounded. */
function readAny(decoder: decoding.Decoder, depth: number): void {
  if (depth > MAX_ANY_DEPTH) throw new Invalid('values nested too deep')
  const tag = decoding.readUint8(decoder)
  switch (tag) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return
    case 125:
      decoding.readVarInt(decoder)
      return
    case 124:
      decoding.readFloat32(decoder)
      return
    case 123:
      decoding.readFloat64(decoder)
      return
    case 122:
      decoding.readBigInt64(decoder)
      return
    case 119:
      readString(decoder)
      return
    case 118: {
      const entries = count(decoder, 'object entries')
      for (let i = 0; i < entries; i++) {
        readString(decoder)
        readAny(decoder, depth + 1)
      }
      return
    }
    case 117: {
      const items = count(decoder, 'array items')
      for (let i = 0; i < items; i++) readAny(decoder, depth + 1)
      return
    }
    case 116:
      decoding.readVarUint8Array(decoder)
      return
    default:
      throw new Invalid(`unknown value tag ${tag}`)
  }
}

function readId(decoder: decoding.Decoder): void {
  readNumber(decoder, 'client id')
  readNumber(decoder, 'clock')
}

/** A declared count: each counted thing takes at least one byte, so it cannot exceed what is left. */
function count(decoder: decoding.Decoder, what: string): number {
  const n = decoding.readVarUint(decoder)
  if (n > decoder.arr.length - decoder.pos) throw new Invalid(`more ${what} declared than bytes`)
  return n
}

function length(decoder: decoding.Decoder): number {
  return nonEmpty(readNumber(decoder, 'length'))
}

/** Yjs finds structs by clock ranges: one of length 0 would corrupt its store. */
function nonEmpty(n: number): number {
  if (n === 0) throw new Invalid('a struct of length 0')
  return n
}

function readNumber(decoder: decoding.Decoder, what: string): number {
  const n = decoding.readVarUint(decoder)
  if (n > MAX_CLOCK) throw new Invalid(`a ${what} beyond any real document`)
  return n
}

function readString(decoder: decoding.Decoder): string {
  return decoding.readVarString(decoder)
}
