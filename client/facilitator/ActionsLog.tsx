import { useId } from 'react'
import type { ActionRecord, Participant } from '../../core/protocol/state'
import { scenarioNames } from '../../core/scenario/scenarioNames'
import type { Scenario } from '../../core/scenario/schema'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { ScrollTable } from '../shared/ScrollTable'

/** Every action the teams took: when, which team, who, what; newest first. */
export function ActionsLog({
  scenario,
  actions,
  participants,
}: {
  scenario: Scenario
  actions: readonly ActionRecord[]
  participants: Readonly<Record<string, Participant>>
}) {
  const id = useId()
  if (scenario.actions.length === 0) return null
  const newestFirst = [...actions].sort((a, b) => b.seq - a.seq)
  const names = scenarioNames(scenario)
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Actions taken ({actions.length})</h2>
      <ScrollTable
        columns={['Time', 'Action', 'Team', 'By']}
        empty={newestFirst.length === 0 ? 'No team has taken an action yet.' : null}
        testId="actions-log"
      >
        {newestFirst.map((record) => (
          <tr key={record.seq} data-action-id={record.actionId}>
            <td className="mono">{formatScenarioTime(record.t)}</td>
            <th scope="row" className="cell--title">
              {names.action(record.actionId)}
              {record.target ? (
                <span className="muted"> on {names.node(record.target)}</span>
              ) : null}
            </th>
            <td>{names.team(record.teamId)}</td>
            <td>
              {record.participantId === null
                ? 'Exercise control'
                : (participants[record.participantId]?.name ?? 'A participant')}
            </td>
          </tr>
        ))}
      </ScrollTable>
    </section>
  )
}
