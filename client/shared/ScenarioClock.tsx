import { useEffect, useState } from 'react'
import type { ClockState } from '../../core/clock/ExerciseClock'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { scenarioNowOf, scenarioTimeMoves, useNowSource } from './now'

/**
 * The scenario time now (the live clock's, or a replay cursor's: `now.tsx`), as `T+hh:mm:ss`,
 * refreshed every animation frame while it changes.
 */
export function useScenarioTime(clock: ClockState, clockOffsetMs: number): string {
  const source = useNowSource()
  const at = () => formatScenarioTime(scenarioNowOf(source, clock, clockOffsetMs))
  const [text, setText] = useState(at)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `at` reads exactly these three.
  useEffect(() => {
    setText(at())
    if (!scenarioTimeMoves(source, clock)) return
    let frame = 0
    const tick = () => {
      setText(at()) // React skips the render when the text has not changed.
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [clock, clockOffsetMs, source])
  return text
}

/** In words: not started, paused, running at a speed, or ended. */
export function clockStatusText(clock: ClockState, ended: boolean): string {
  if (ended) return 'Ended'
  if (clock.running) return `Running ×${formatSpeed(clock.speed)}`
  if (!clock.started && clock.anchorT === 0) return 'Not started'
  return 'Paused'
}

/** A speed as shown to people: `60`, `2.5`. */
export function formatSpeed(speed: number): string {
  return Number.isInteger(speed) ? String(speed) : speed.toFixed(2).replace(/0+$/, '')
}

/** The live scenario clock with its status, large or compact. */
export function ScenarioClock({
  clock,
  ended,
  clockOffsetMs,
  size = 'large',
}: {
  clock: ClockState
  ended: boolean
  clockOffsetMs: number
  size?: 'large' | 'compact'
}) {
  const text = useScenarioTime(clock, clockOffsetMs)
  const status = clockStatusText(clock, ended)
  return (
    <div className={`scenario-clock scenario-clock--${size}`}>
      <span className="scenario-clock__label">Scenario time</span>
      <span role="timer" className="scenario-clock__time" data-testid="scenario-clock">
        {text}
      </span>
      <span
        className="scenario-clock__status"
        data-testid="clock-status"
        data-state={ended ? 'ended' : clock.running ? 'running' : 'paused'}
      >
        <span aria-hidden="true">{ended ? '■ ' : clock.running ? '▶ ' : '❚❚ '}</span>
        {status}
      </span>
    </div>
  )
}
