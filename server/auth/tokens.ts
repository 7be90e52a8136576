/** Participant tokens: signed (HMAC-SHA256), bound to one exercise, team and participant, expiring. */
import { createHmac, timingSafeEqual } from 'node:crypto'

export interface ParticipantClaims {
  readonly exerciseId: string
  readonly teamId: string
  readonly participantId: string
  /** Issued at, epoch ms. */
  readonly issuedAt: number
  /** Refused from this wall time on (epoch ms); null on tokens signed before expiry existed. */
  readonly expiresAt: number | null
}

const PREFIX = 'hp1'

/** Signs the claims into a token the participant keeps. */
export function signParticipantToken(
  claims: ParticipantClaims & { readonly expiresAt: number },
  key: Buffer,
): string {
  const payload = Buffer.from(
    JSON.stringify([
      claims.exerciseId,
      claims.teamId,
      claims.participantId,
      claims.issuedAt,
      claims.expiresAt,
    ]),
  ).toString('base64url')
  return `${PREFIX}.${payload}.${sign(payload, key)}`
}

/** Whether `token` has a participant token's form (it may still be forged or lapsed). */
export function looksLikeParticipantToken(token: string): boolean {
  return token.startsWith(`${PREFIX}.`)
}

/** The claims of a token this server signed, or null for anything else (expiry is not checked here). */
export function verifyParticipantToken(token: string, key: Buffer): ParticipantClaims | null {
  const [prefix, payload, signature, ...rest] = token.split('.')
  if (prefix !== PREFIX || !payload || !signature || rest.length > 0) return null
  const expected = Buffer.from(sign(payload, key))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    // Four fields: a token from before expiry existed; the handshake gives it a lifetime.
    if (!Array.isArray(parsed) || parsed.length < 4 || parsed.length > 5) return null
    const [exerciseId, teamId, participantId, issuedAt, expiresAt = null] = parsed
    if (typeof exerciseId !== 'string' || typeof teamId !== 'string') return null
    if (typeof participantId !== 'string' || typeof issuedAt !== 'number') return null
    if (expiresAt !== null && typeof expiresAt !== 'number') return null
    return { exerciseId, teamId, participantId, issuedAt, expiresAt }
  } catch {
    return null
  }
}

/** Compares a presented admin token with the real one in constant time. */
export function isAdminToken(presented: string, adminToken: string): boolean {
  const a = Buffer.from(presented)
  const b = Buffer.from(adminToken)
  return a.length === b.length && timingSafeEqual(a, b)
}

function sign(payload: string, key: Buffer): string {
  return createHmac('sha256', key).update(payload).digest('base64url')
}
