/**
 * The names of the shared (Yjs) documents of an exercise. Each name says whose document it is;
 * `documentAccess` (core/visibility) says who may open it.
 */

/** The prefix of a team's notebook: `notebook:<teamId>`. */
export const NOTEBOOK_PREFIX = 'notebook:'

/** The Y.XmlFragment that holds a notebook's rich text (the editor's default field). */
export const NOTEBOOK_FIELD = 'default'

/** The white cell's improvement plan (the after-action report's appendix A). */
export const IMPROVEMENT_PLAN = 'improvement-plan'

/** A document name, parsed. */
export type DocumentRef =
  | { readonly kind: 'notebook'; readonly teamId: string }
  | { readonly kind: 'improvement-plan' }

const TEAM_ID = /^[a-z0-9][a-z0-9-]{0,63}$/

/** The name of team `teamId`'s notebook. */
export function notebookName(teamId: string): string {
  return `${NOTEBOOK_PREFIX}${teamId}`
}

/** The document a name refers to, or null when it is not a name this server knows. */
export function parseDocumentName(name: unknown): DocumentRef | null {
  if (typeof name !== 'string' || name.length > 80) return null
  if (name === IMPROVEMENT_PLAN) return { kind: 'improvement-plan' }
  if (name.startsWith(NOTEBOOK_PREFIX)) {
    const teamId = name.slice(NOTEBOOK_PREFIX.length)
    return TEAM_ID.test(teamId) ? { kind: 'notebook', teamId } : null
  }
  return null
}

/** The name of a parsed document. */
export function documentNameOf(ref: DocumentRef): string {
  return ref.kind === 'notebook' ? notebookName(ref.teamId) : IMPROVEMENT_PLAN
}
