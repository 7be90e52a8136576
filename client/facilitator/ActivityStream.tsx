import { useEffect, useId, useState } from 'react'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import type { ActivityItem, ActivityKind } from './activity'
import { ACTIVITY_KINDS, filterActivity, totalOf } from './activity'

const ALL_KINDS = Object.keys(ACTIVITY_KINDS) as ActivityKind[]

/**
 * Every team's chat, actions, decisions and attack launches as they happen, filterable by team
 * and kind; what it shows while on screen counts as read, and a team's chat opens from it.
 */
export function ActivityStream({
  items,
  teams,
  unread,
  visible,
  onRead,
  onChat,
}: {
  items: readonly ActivityItem[]
  teams: readonly { readonly id: string; readonly name: string }[]
  /** Unread items per team. */
  unread: ReadonlyMap<string, number>
  /** True while the pane is on screen: only then does what it shows count as read. */
  visible: boolean
  onRead: (keys: Iterable<string>) => void
  onChat: (teamId: string) => void
}) {
  const id = useId()
  const [teamId, setTeamId] = useState<string | null>(null)
  const [kinds, setKinds] = useState<ReadonlySet<ActivityKind>>(() => new Set(ALL_KINDS))
  const shown = filterActivity(items, { teamId, kinds })
  const teamName = (team: string) => teams.find((t) => t.id === team)?.name ?? team
  const shownKeys = shown.map((item) => item.key).join(' ')

  // biome-ignore lint/correctness/useExhaustiveDependencies: `shownKeys` stands for `shown`.
  useEffect(() => {
    if (visible && shown.length > 0) onRead(shown.map((item) => item.key))
  }, [visible, shownKeys, onRead])

  const toggleKind = (kind: ActivityKind) =>
    setKinds((before) => {
      const next = new Set(before)
      if (next.has(kind)) next.delete(kind)
      else next.add(kind)
      return next
    })

  const countLabel = (count: number) => (count > 0 ? ` (${count} unread)` : '')

  return (
    <section className="activity" aria-labelledby={`${id}-title`} data-testid="activity">
      <h2 id={`${id}-title`} className="visually-hidden">
        Activity
      </h2>
      <div className="activity__filters">
        <fieldset className="chip-group">
          <legend>Team</legend>
          <button
            type="button"
            className="chip"
            aria-pressed={teamId === null}
            onClick={() => setTeamId(null)}
          >
            All teams{countLabel(totalOf(unread))}
          </button>
          {teams.map((team) => (
            <button
              key={team.id}
              type="button"
              className="chip"
              aria-pressed={teamId === team.id}
              data-team-id={team.id}
              onClick={() => setTeamId(team.id)}
            >
              {team.name}
              {countLabel(unread.get(team.id) ?? 0)}
            </button>
          ))}
        </fieldset>
        <fieldset className="chip-group">
          <legend>Show</legend>
          {ALL_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className="chip"
              aria-pressed={kinds.has(kind)}
              onClick={() => toggleKind(kind)}
            >
              {ACTIVITY_KINDS[kind]}
            </button>
          ))}
        </fieldset>
        {teamId !== null ? (
          <button type="button" className="button" onClick={() => onChat(teamId)}>
            Chat with {teamName(teamId)}
          </button>
        ) : null}
      </div>
      {shown.length === 0 ? (
        <p className="empty">
          {items.length === 0 ? 'No team has done anything yet.' : 'Nothing matches this filter.'}
        </p>
      ) : (
        <ol className="activity__list" data-testid="activity-list">
          {shown.map((item) => (
            <li
              key={item.key}
              className={`activity__item activity__item--${item.kind}`}
              data-kind={item.kind}
              data-team-id={item.teamId}
            >
              <p className="activity__meta">
                <span className="mono">{formatScenarioTime(item.t)}</span>{' '}
                <span className="activity__team">{teamName(item.teamId)}</span>{' '}
                <span className={`tag tag--${item.kind}`}>{ACTIVITY_KINDS[item.kind]}</span>
              </p>
              <p className="activity__text">
                <strong>{item.who}</strong> {item.kind === 'chat' ? <q>{item.text}</q> : item.text}
              </p>
              {item.kind === 'chat' && item.fromTeam ? (
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => onChat(item.teamId)}
                >
                  Reply to {teamName(item.teamId)}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
