/** The replay's timeline: every event, filterable by team, kind and phase; choosing one seeks there. */
import { useId, useState } from 'react'
import { type ReplayTimeline, TIMELINE_KINDS, type TimelineKind } from '../../core/protocol/replay'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { keeps, NO_FILTER, type TimelineFilter } from './cursor'

export function ReplayTimelineList({
  replay,
  index,
  onSeek,
}: {
  replay: ReplayTimeline
  index: number
  onSeek: (index: number) => void
}) {
  const id = useId()
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER)
  const shown = replay.timeline
    .map((entry, i) => ({ entry, i }))
    .filter(({ entry }) => keeps(filter, entry))
  return (
    <section className="panel replay__timeline" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Timeline</h2>
      <div className="replay__filters">
        <label htmlFor={`${id}-team`}>Team</label>
        <select
          id={`${id}-team`}
          className="input"
          value={filter.teamId ?? ''}
          onChange={(event) => setFilter({ ...filter, teamId: event.target.value || null })}
        >
          <option value="">All teams</option>
          {replay.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select
          id={`${id}-kind`}
          className="input"
          value={filter.kind ?? ''}
          onChange={(event) =>
            setFilter({ ...filter, kind: (event.target.value || null) as TimelineKind | null })
          }
        >
          <option value="">All kinds</option>
          {TIMELINE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
        {replay.phases.length > 0 ? (
          <>
            <label htmlFor={`${id}-phase`}>Phase</label>
            <select
              id={`${id}-phase`}
              className="input"
              value={filter.phase ?? ''}
              onChange={(event) => setFilter({ ...filter, phase: event.target.value || null })}
            >
              <option value="">All phases</option>
              {replay.phases.map((phase) => (
                <option key={phase.id} value={phase.id}>
                  {phase.name}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </div>
      <ol className="feed feed--compact replay__entries" data-testid="replay-timeline">
        {shown.map(({ entry, i }) => (
          <li key={i} data-kind={entry.kind} aria-current={i === index ? 'step' : undefined}>
            <button
              type="button"
              className="replay__entry"
              onClick={() => onSeek(i)}
              data-testid="replay-entry"
            >
              <span className="mono">{formatScenarioTime(entry.t)}</span>{' '}
              <span className={`badge replay__kind replay__kind--${entry.kind}`}>{entry.kind}</span>{' '}
              {entry.label}
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
