/** The facilitator's admin token: from the login link's fragment, or typed in, checked with the API. */
import { ApiError, apiRequest } from '../shared/api'
import { saveAdminToken } from '../shared/storage'

/** A scenario as GET /api/scenarios lists it. */
export interface ScenarioSummary {
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly duration: number
  readonly injectCount: number
  readonly teams: readonly { id: string; name: string; side: string }[]
}

/**
 * Takes `#token=…` from the address, keeps it, and removes it from the address bar and the
 * history entry, so the token does not stay on screen or get shared along with the URL.
 */
export function takeTokenFromFragment(): string | null {
  const hash = window.location.hash
  if (!hash.startsWith('#')) return null
  const token = new URLSearchParams(hash.slice(1)).get('token')?.trim()
  if (!token) return null
  saveAdminToken(token)
  window.history.replaceState(
    window.history.state,
    '',
    window.location.pathname + window.location.search,
  )
  return token
}

/** True when the API refused the credentials themselves (not the request). */
export function isAuthFailure(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403)
}

/** Checks a token by listing the scenarios with it; resolves with them or rejects with an ApiError. */
export function verifyAdminToken(token: string): Promise<ScenarioSummary[]> {
  return apiRequest<ScenarioSummary[]>('GET', '/scenarios', { token })
}
