/** Who may open which shared document: the same rule for the socket, the HTTP route and the replay. */
import type { DocumentRef } from '../documents/documentName'
import type { Viewer } from '../protocol/viewer'

/** What a viewer may do with a document: edit it, only read it, or not learn anything of it. */
export type DocumentAccess = 'write' | 'read' | 'none'

/**
 * The improvement plan is the white cell's: the facilitator and evaluators write it together, and
 * no team may open it. A team's notebook is written by that team's members and by the white cell (the console opens
 * it read-only until the facilitator chooses to edit); nobody else may open it, and a notebook of
 * a team the scenario does not have opens to no one.
 */
export function documentAccess(
  viewer: Viewer,
  doc: DocumentRef,
  teamIds: readonly string[],
): DocumentAccess {
  if (doc.kind === 'improvement-plan') {
    return viewer.role === 'facilitator' || viewer.role === 'evaluator' ? 'write' : 'none'
  }
  if (!teamIds.includes(doc.teamId)) return 'none'
  if (viewer.role === 'facilitator') return 'write'
  // Evaluators read what the white cell reads, and write nothing.
  if (viewer.role === 'evaluator') return 'read'
  return viewer.teamId === doc.teamId ? 'write' : 'none'
}
