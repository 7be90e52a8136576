/** Participant tokens: signed (HMAC-SHA256), bound to one exercise, team and participant. */
import { createHmac, timingSafeEqual } from 'node:crypto'

export interface ParticipantClaims {
  readonly exerciseId: string
  readonly teamId: string
  readonly participantId: string
  /** Issued at, epoch ms. */
  readonly issuedAt: number
}

const PREFIX = 'hp1'

/** Signs the claims into a token the participant keeps. */
export function signParticipantToken(claims: ParticipantClaims, key: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify([claims.exerciseId, claims.teamId, claims.participantId, claims.issuedAt]),
  ).toString('base64url')
  return `${PREFIX}.${payload}.${sign(payload, key)}`
}

/** The claims of a token this server signed, or null for anything else. */
export function verifyParticipantToken(token: string, key: Buffer): ParticipantClaims | null {
  const [prefix, payload, signature, ...rest] = token.split('.')
  if (prefix !== PREFIX || !payload || !signature || rest.length > 0) return null
  const expected = Buffer.from(sign(payload, key))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (!Array.isArray(parsed) || parsed.length !== 4) return null
    const [exerciseId, teamId, participantId, issuedAt] = parsed
    if (typeof exerciseId !== 'string' || typeof teamId !== 'string') return null
    if (typeof participantId !== 'string' || typeof issuedAt !== 'number') return null
    return { exerciseId, teamId, participantId, issuedAt }
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
