/**
 * Fog of war. Every event passes through `viewEvent` before it reaches a client: it is dropped,
 * passed, or redacted. A client's state is the fold of what it was allowed to see, so snapshots
 * and live events can never disagree.
 */
import type { HoldoverEvent } from '../protocol/events'
import type { Audience, Viewer } from '../protocol/viewer'
import { audienceOf } from '../protocol/viewer'
import { scenarioForTeam } from './scenarioForTeam'

/** The event as `viewer` may see it, or null when it may not see it at all. */
export function viewEvent(event: HoldoverEvent, who: Viewer | Audience): HoldoverEvent | null {
  const viewer = audienceOf(who)
  if (viewer.role === 'facilitator') return event
  switch (event.type) {
    case 'exercise.created':
      // The seed stays with the white cell: with the scenario files public, it would let a team
      // reproduce the twin's noise offline. A team's state carries 0 instead.
      return { ...event, scenario: scenarioForTeam(event.scenario, viewer.teamId), seed: 0 }
    case 'clock.paused': {
      // Which decision paused the clock is the white cell's: it may be another team's.
      const { decisionId: _decisionId, ...paused } = event
      return paused
    }
    case 'clock.planStep':
      // A step that leaves the clock as it was tells a team nothing.
      return event.speed === null && !event.hold ? null : { ...event, stepId: '' }
    case 'decision.extended':
      return event.teamId === viewer.teamId ? event : null
    case 'evaluator.joined':
    case 'observation.recorded':
      return null
    // Responses are the white cell's: no team reads another's, nor a teammate's.
    case 'hotwash.submitted':
      return null
    case 'hotwash.opened':
      return event
    case 'clock.started':
    case 'clock.speedChanged':
    case 'clock.jumped':
    case 'exercise.ended':
      return event
    case 'participant.joined':
    case 'participant.removed':
    case 'inject.delivered':
    case 'chat.message':
    case 'decision.opened':
    case 'decision.answered':
    case 'decision.closed':
    case 'action.taken':
    case 'attack.launched':
    case 'twin.alert':
      return event.teamId === viewer.teamId ? event : null
    case 'participant.moved':
      // Both teams see it: the one they left (gone from its roster) and the one they joined.
      return event.teamId === viewer.teamId || event.fromTeamId === viewer.teamId ? event : null
    case 'joinCode.rotated':
      return null
    case 'adjudication.requested':
    case 'adjudication.ruled':
    case 'attack.landed':
    case 'inject.acknowledged':
      return event.teamId === viewer.teamId ? event : null
    // A channel's messages reach its teams only: red never reads a channel that does not name it.
    case 'adjudication.required':
    case 'channel.opened':
    case 'channel.message':
    case 'twin.statusChanged':
      return event.teams.includes(viewer.teamId) ? event : null
    case 'twin.effectApplied':
      return null
    case 'inject.skipped':
    case 'inject.rescheduled':
      return null
  }
}

/** The events `viewer` may see, as it may see them, in order. */
export function viewEvents(
  events: Iterable<HoldoverEvent>,
  viewer: Viewer | Audience,
): HoldoverEvent[] {
  const visible: HoldoverEvent[] = []
  for (const event of events) {
    const seen = viewEvent(event, viewer)
    if (seen) visible.push(seen)
  }
  return visible
}
