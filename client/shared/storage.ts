/** What the browser keeps between visits: participant sessions per exercise, the admin token. */
import type { Side } from '../../core/vocabulary/constants'

const SESSION_PREFIX = 'holdover.session.'
const ADMIN_TOKEN_KEY = 'holdover.adminToken'

/** A participant's seat in one exercise, as POST /api/join granted it. */
export interface ParticipantSession {
  readonly token: string
  readonly exerciseId: string
  readonly teamId: string
  readonly participantId: string
  readonly teamName: string
  readonly side: Side | null
  readonly name: string
  /** Wall time (epoch ms) of the join. */
  readonly joinedAt: number
  /** `evaluator` for a seat of the white cell's raters (no team); absent for a team's seat. */
  readonly role?: 'evaluator'
}

/** Reads a JSON value from localStorage; null when absent, unreadable or storage is disabled. */
export function readStored<T>(key: string): T | null {
  try {
    const text = window.localStorage.getItem(key)
    return text === null ? null : (JSON.parse(text) as T)
  } catch {
    return null
  }
}

/** Writes a JSON value to localStorage; a full or disabled storage only loses persistence. */
export function writeStored(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Private mode or a full quota: the page still works, it just forgets on reload.
  }
}

/** Removes a key from localStorage. */
export function removeStored(key: string): void {
  try {
    window.localStorage.removeItem(key)
  } catch {
    // Storage disabled: nothing was kept.
  }
}

/** Keeps a session, one per exercise, so sessions in other exercises stay as they are. */
export function saveParticipantSession(session: ParticipantSession): void {
  writeStored(SESSION_PREFIX + session.exerciseId, session)
}

/** The session kept for `exerciseId`, if this browser joined it. */
export function loadParticipantSession(exerciseId: string): ParticipantSession | null {
  const session = readStored<ParticipantSession>(SESSION_PREFIX + exerciseId)
  return session && typeof session.token === 'string' ? session : null
}

/** Every session this browser keeps, the most recent first. */
export function listParticipantSessions(): ParticipantSession[] {
  const sessions: ParticipantSession[] = []
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i)
      if (!key?.startsWith(SESSION_PREFIX)) continue
      const session = loadParticipantSession(key.slice(SESSION_PREFIX.length))
      if (session) sessions.push(session)
    }
  } catch {
    return []
  }
  return sessions.sort((a, b) => b.joinedAt - a.joinedAt)
}

/** Forgets the session kept for `exerciseId`. */
export function forgetParticipantSession(exerciseId: string): void {
  removeStored(SESSION_PREFIX + exerciseId)
}

/** The facilitator's admin token, if one is kept. */
export function loadAdminToken(): string | null {
  const token = readStored<string>(ADMIN_TOKEN_KEY)
  return typeof token === 'string' && token !== '' ? token : null
}

/** Keeps the facilitator's admin token. */
export function saveAdminToken(token: string): void {
  writeStored(ADMIN_TOKEN_KEY, token)
}

/** Forgets the facilitator's admin token (sign out). */
export function clearAdminToken(): void {
  removeStored(ADMIN_TOKEN_KEY)
}
