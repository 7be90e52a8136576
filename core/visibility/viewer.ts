/** Who sends a command or receives an event: the facilitator (white cell) or a participant of a team. */
import type { Side } from '../scenario/schema'

export type Viewer =
  | { readonly role: 'facilitator' }
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

/** The audience a viewer belongs to. */
export function audienceOf(viewer: Viewer | Audience): Audience {
  return viewer.role === 'participant' ? { role: 'team', teamId: viewer.teamId } : viewer
}

/** A stable key for an audience: `facilitator` or `team:<id>`. */
export function audienceKey(viewer: Viewer | Audience): string {
  return viewer.role === 'facilitator' ? 'facilitator' : `team:${viewer.teamId}`
}
