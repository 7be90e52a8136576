import { memo, useId, useMemo } from 'react'
import type { ClockState } from '../../core/clock/ExerciseClock'
import type { ChainNodeView } from '../../core/protocol/twinView'
import {
  outOfToleranceOf,
  type StatusChange,
  timeOutOfTolerance,
} from '../../core/twin/outOfTolerance'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { formatDuration } from '../shared/duration'
import { ScrollTable } from '../shared/ScrollTable'
import { useScenarioNow } from '../shared/useScenarioNow'
import type { NodeDisplay } from './nodeDisplay'
import { sectorLabel } from './twinLabels'

export type Consumer = Pick<ChainNodeView, 'id' | 'label' | 'sector'>

/**
 * The consumers by sector: their state now and, where the audience knows statuses, the time they
 * have spent out of tolerance so far (a blue team sees its alarms and since when instead).
 */
export const SectorBoard = memo(function SectorBoard({
  consumers,
  shown,
  statusLog,
  alarmSinceT,
  clock,
  clockOffsetMs,
  selectedId,
  onSelect,
  empty,
}: {
  consumers: readonly Consumer[]
  shown: ReadonlyMap<string, NodeDisplay>
  /** The status changes this audience saw; null for a blue team, which sees alarms only. */
  statusLog: readonly StatusChange[] | null
  /** For a blue team: when the oldest alert still active on each node was raised. */
  alarmSinceT: ReadonlyMap<string, number> | null
  clock: ClockState
  clockOffsetMs: number
  selectedId: string | null
  onSelect: (nodeId: string) => void
  empty: string
}) {
  const id = useId()
  const nowT = useScenarioNow(clock, clockOffsetMs)
  const table = useMemo(
    () => (statusLog ? timeOutOfTolerance(statusLog, nowT) : null),
    [statusLog, nowT],
  )
  const rows = [...consumers].sort(
    (a, b) =>
      sectorLabel(a.sector).localeCompare(sectorLabel(b.sector)) || a.label.localeCompare(b.label),
  )
  return (
    <section className="sector-board" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Sector board</h3>
      <ScrollTable
        columns={[
          'Consumer',
          'Sector',
          table ? 'Status now' : 'Monitoring',
          table ? 'Time out of tolerance' : 'Alarm since',
        ]}
        empty={rows.length === 0 ? empty : null}
        testId="sector-board"
      >
        {rows.map((consumer) => {
          const display = shown.get(consumer.id)
          const out = table ? outOfToleranceOf(table, consumer.id) : null
          const since = alarmSinceT?.get(consumer.id)
          return (
            <tr
              key={consumer.id}
              data-node-id={consumer.id}
              data-state={display?.state ?? 'unknown'}
              className={consumer.id === selectedId ? 'row--selected' : undefined}
            >
              <th scope="row" className="cell--title">
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={consumer.id === selectedId}
                  onClick={() => onSelect(consumer.id)}
                >
                  {consumer.label}
                </button>
              </th>
              <td>{sectorLabel(consumer.sector)}</td>
              <td>
                {display ? (
                  <span className={`state-tag state-tag--${display.state}`}>
                    <span aria-hidden="true">{display.symbol} </span>
                    {display.text}
                  </span>
                ) : (
                  '—'
                )}
              </td>
              {out ? (
                <td
                  className="mono"
                  data-testid="out-of-tolerance"
                  data-seconds={Math.round(out.seconds)}
                >
                  {formatDuration(out.seconds)}
                  {out.failedSinceT === null ? null : (
                    <span className="muted">
                      {' '}
                      (failed since {formatScenarioTime(out.failedSinceT)})
                    </span>
                  )}
                </td>
              ) : (
                <td className="mono">{since === undefined ? '—' : formatScenarioTime(since)}</td>
              )}
            </tr>
          )
        })}
      </ScrollTable>
    </section>
  )
})
