/**
 * Read-only replay links: a random token that opens one exercise's replay, its report and its
 * documents at a moment. The store keeps only the token's SHA-256, so a copy of the database
 * opens no replay.
 */
import { createHash, randomBytes } from 'node:crypto'

const PREFIX = 'hr1'

/** A new replay-link token (`hr1.` and 32 random bytes, URL-safe). */
export function newReplayToken(): string {
  return `${PREFIX}.${randomBytes(32).toString('base64url')}`
}

/** Whether a presented token has the form of a replay-link token (it may still be unknown). */
export function looksLikeReplayToken(token: string): boolean {
  return token.startsWith(`${PREFIX}.`)
}

/** The hash the store keeps in place of a token. */
export function replayTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The page a link holder opens: the replay, with the token in its query. */
export function replayLinkPath(exerciseId: string, token: string): string {
  return `/replay/${encodeURIComponent(exerciseId)}?token=${encodeURIComponent(token)}`
}
