/**
 * Who sends a command or receives an event: the facilitator (white cell), an evaluator (the
 * white cell's raters: they see what the facilitator sees, read-only) or a participant of a team.
 */
import type { Side } from '../vocabulary/constants'
export type Viewer =
  | { readonly role: 'facilitator' }
  | { readonly role: 'evaluator'; readonly evaluatorId: string }
  | {
      readonly role: 'participant'
      readonly participantId: string
      readonly teamId: string
      readonly side: Side
    }

/** Who sees the same things: the facilitator, or everyone on one team. Visibility depends only on this. */
export type Audience =
  | { readonly role: 'facilitator' }
  | { readonly role: 'team'; readonly teamId: string }

export const FACILITATOR: Viewer & Audience = { role: 'facilitator' }

/** The audience a viewer belongs to: an evaluator sees what the facilitator sees. */
export function audienceOf(viewer: Viewer | Audience): Audience {
  if (viewer.role === 'participant') return { role: 'team', teamId: viewer.teamId }
  return viewer.role === 'evaluator' ? FACILITATOR : viewer
}

/** The seat a viewer holds (a participant's or an evaluator's id), or null for the facilitator. */
export function seatIdOf(viewer: Viewer): string | null {
  if (viewer.role === 'participant') return viewer.participantId
  return viewer.role === 'evaluator' ? viewer.evaluatorId : null
}

/** A stable key for an audience: `facilitator` or `team:<id>`. */
export function audienceKey(viewer: Viewer | Audience): string {
  const audience = audienceOf(viewer)
  return audience.role === 'facilitator' ? 'facilitator' : `team:${audience.teamId}`
}
