/** Random identifiers and join codes. */
import { randomBytes, randomInt } from 'node:crypto'

// No 0/O, 1/I/L: a code read aloud over a bridge line must survive.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const CODE_LENGTH = 8

/** A random id, URL-safe. */
export function newId(bytes = 9): string {
  return randomBytes(bytes).toString('base64url')
}

/** A join code such as `K7QX-M2PD`. */
export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** A typed code in its canonical form: upper case, spaces and dashes ignored. */
export function normalizeJoinCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[^A-Z0-9]/g, '')
  return plain.length === CODE_LENGTH ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain
}
