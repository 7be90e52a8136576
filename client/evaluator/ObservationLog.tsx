import type { ObservationRecord } from '../../core/protocol/state'
import { RATING_LABELS } from '../../core/scenario/ratings'
import type { Scenario } from '../../core/scenario/schema'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'

/** Observations as they are recorded, the latest first: who rated which team on what, and when. */
export function ObservationLog({
  scenario,
  observations,
}: {
  scenario: Scenario
  observations: readonly ObservationRecord[]
}) {
  if (observations.length === 0) return <p className="empty">No observation recorded yet.</p>
  const team = (teamId: string) => scenario.teams.find((t) => t.id === teamId)?.name ?? teamId
  const objective = (objectiveId: string) =>
    scenario.objectives.find((o) => o.id === objectiveId)?.capability ?? objectiveId
  return (
    <ol className="plain-list observation-log" data-testid="observations" reversed>
      {[...observations].reverse().map((observation) => (
        <li key={observation.observationId} data-rating={observation.rating}>
          <span className="mono">{formatScenarioTime(observation.t)}</span> ·{' '}
          <time dateTime={new Date(observation.at).toISOString()}>
            {new Date(observation.at).toISOString().slice(11, 16)} UTC
          </time>{' '}
          · <strong>{team(observation.teamId)}</strong> on {objective(observation.objectiveId)}:{' '}
          <abbr title={RATING_LABELS[observation.rating]}>{observation.rating}</abbr>{' '}
          <span className="visually-hidden">({RATING_LABELS[observation.rating]})</span>
          {observation.text ? ` — ${observation.text}` : ''}{' '}
          <span className="muted">by {observation.authorName}</span>
        </li>
      ))}
    </ol>
  )
}
