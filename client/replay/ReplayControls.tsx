/**
 * The replay's transport: a scrubber over scenario time with marks for injects, attacks, alerts
 * and decisions, play/pause at 1× to 600×, previous/next mark, and the cursor's scenario and
 * wall time side by side.
 */
import { useId } from 'react'
import type { TimelineEntry } from '../../core/protocol/replay'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { useNowSource } from '../shared/now'
import { markIndexes, PLAYBACK_SPEEDS } from './cursor'

export function ReplayControls({
  timeline,
  cursorT,
  index,
  playing,
  speed,
  onScrub,
  onPlay,
  onSpeed,
  onMark,
}: {
  timeline: readonly TimelineEntry[]
  cursorT: number
  index: number
  playing: boolean
  speed: number
  onScrub: (t: number) => void
  onPlay: () => void
  onSpeed: (speed: number) => void
  onMark: (direction: 1 | -1) => void
}) {
  const id = useId()
  const endT = Math.max(1, timeline.at(-1)?.t ?? 0)
  const entry = timeline[index]
  // The cursor's wall moment (ReplayNow around the controls), between events as well as on one.
  const now = useNowSource()
  const wallAt = now.kind === 'replay' ? now.at : entry?.at
  return (
    <div className="replay__controls" data-testid="replay-controls">
      <p className="replay__times" aria-live="off">
        <span className="mono" data-testid="replay-scenario-time">
          {formatScenarioTime(cursorT)}
        </span>{' '}
        <span className="muted">
          wall{' '}
          <time
            className="mono"
            data-testid="replay-wall-time"
            dateTime={wallAt === undefined ? '' : new Date(wallAt).toISOString()}
          >
            {wallAt === undefined ? '—' : new Date(wallAt).toLocaleTimeString()}
          </time>
        </span>
      </p>
      <div className="replay__scrubber">
        <ol className="replay__marks" aria-hidden="true">
          {markIndexes(timeline).map((i) => (
            <li
              key={i}
              className={`replay__mark replay__mark--${timeline[i]!.kind}`}
              style={{ left: `${(timeline[i]!.t / endT) * 100}%` }}
            />
          ))}
        </ol>
        <input
          type="range"
          className="replay__range"
          aria-label="Scenario time"
          aria-valuetext={formatScenarioTime(cursorT)}
          min={0}
          max={endT}
          step={1}
          value={Math.min(endT, cursorT)}
          onChange={(event) => onScrub(Number(event.target.value))}
        />
      </div>
      <div className="replay__buttons">
        <button
          type="button"
          className="button button--quiet"
          onClick={() => onMark(-1)}
          aria-keyshortcuts="ArrowLeft"
        >
          ◀ Previous mark
        </button>
        <button
          type="button"
          className="button"
          onClick={onPlay}
          aria-keyshortcuts="Space"
          data-testid="replay-play"
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => onMark(1)}
          aria-keyshortcuts="ArrowRight"
        >
          Next mark ▶
        </button>
        <label htmlFor={`${id}-speed`}>Speed</label>
        <select
          id={`${id}-speed`}
          className="input"
          value={speed}
          onChange={(event) => onSpeed(Number(event.target.value))}
        >
          {PLAYBACK_SPEEDS.map((choice) => (
            <option key={choice} value={choice}>
              {choice}×
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}
