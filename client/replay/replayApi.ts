/**
 * The replay page's calls: the timeline, a moment as an audience saw it, the twin then, a
 * notebook at a moment, and the facilitator's replay links. `token` is the admin token or a
 * replay link's.
 */
import { notebookName } from '../../core/documents/documentName'
import { ERROR_CODES, type ErrorCode, protocolError } from '../../core/protocol/errors'
import type { ReplayMoment, ReplayTimeline } from '../../core/protocol/replay'
import type { TwinViewReply, TwinViewRequest } from '../../core/protocol/twinView'
import { ApiError, apiRequest } from '../shared/api'

/** Who a moment is shown as: the white cell (everything) or one team. */
export type SeenBy = 'facilitator' | string

export interface ReplayLink {
  readonly id: string
  readonly createdAt: number
  /** Only when just made: the store keeps no token, so a list has none. */
  readonly url?: string
}

const exercise = (exerciseId: string) => `/exercises/${encodeURIComponent(exerciseId)}`

/** The timeline as `seenBy` saw it: a team's holds only what reached that team. */
export function fetchTimeline(
  exerciseId: string,
  seenBy: SeenBy,
  token: string,
): Promise<ReplayTimeline> {
  const query = new URLSearchParams({ as: seenBy })
  return apiRequest('GET', `${exercise(exerciseId)}/replay?${query}`, { token })
}

export function fetchMoment(
  exerciseId: string,
  seq: number,
  seenBy: SeenBy,
  token: string,
): Promise<ReplayMoment> {
  const query = new URLSearchParams({ seq: String(seq), as: seenBy })
  return apiRequest('GET', `${exercise(exerciseId)}/replay/state?${query}`, { token })
}

/**
 * The twin as `seenBy` read it after event `seq`, at the request's scenario time (the cursor's),
 * in `twin.view`'s shape, so the live dashboards take it as they take a socket's answer.
 */
export async function fetchTwinAt(
  exerciseId: string,
  seq: number,
  seenBy: SeenBy,
  token: string,
  request: TwinViewRequest,
): Promise<TwinViewReply> {
  const query = new URLSearchParams({ seq: String(seq), as: seenBy })
  if (request.t !== undefined) query.set('t', String(request.t))
  if (request.series) {
    query.set('nodes', request.series.nodeIds.join(','))
    query.set('points', String(request.series.points))
    query.set('fromT', String(request.series.fromT))
  }
  try {
    return await apiRequest('GET', `${exercise(exerciseId)}/replay/twin?${query}`, { token })
  } catch (caught) {
    // The server's code when it answered, `internal` when it could not be reached.
    const code = (caught instanceof ApiError ? caught.code : ERROR_CODES.internal) as ErrorCode
    return { ok: false, error: protocolError(code, (caught as Error).message) }
  }
}

/** A notebook as it read at wall time `at`, as Markdown. */
export function fetchNotebookAt(
  exerciseId: string,
  teamId: string,
  at: number,
  token: string,
): Promise<{ markdown: string }> {
  const doc = encodeURIComponent(notebookName(teamId))
  return apiRequest('GET', `${exercise(exerciseId)}/documents/${doc}?at=${at}`, { token })
}

export function listReplayLinks(exerciseId: string, token: string): Promise<ReplayLink[]> {
  return apiRequest('GET', `${exercise(exerciseId)}/replay-links`, { token })
}

export function createReplayLink(exerciseId: string, token: string): Promise<ReplayLink> {
  return apiRequest('POST', `${exercise(exerciseId)}/replay-links`, { token, body: {} })
}

export function revokeReplayLink(exerciseId: string, linkId: string, token: string) {
  return apiRequest<void>(
    'DELETE',
    `${exercise(exerciseId)}/replay-links/${encodeURIComponent(linkId)}`,
    { token },
  )
}
