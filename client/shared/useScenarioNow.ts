import { useEffect, useState } from 'react'
import type { ClockState } from '../../core/clock/ExerciseClock'
import { scenarioNowOf, scenarioTimeMoves, useNowSource } from './now'

// Above this speed whole seconds change every frame; a countdown need not re-render that often.
const FAST_SPEED = 5
const FAST_REFRESH_MS = 200

/**
 * The scenario time now (the live clock's, or a replay cursor's: `now.tsx`), in whole seconds,
 * kept current while the clock runs (for countdowns).
 */
export function useScenarioNow(clock: ClockState, clockOffsetMs: number): number {
  const source = useNowSource()
  const at = () => Math.floor(scenarioNowOf(source, clock, clockOffsetMs))
  const [now, setNow] = useState(at)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `at` reads exactly these three.
  useEffect(() => {
    setNow(at())
    if (!scenarioTimeMoves(source, clock)) return
    const minGapMs = clock.speed > FAST_SPEED ? FAST_REFRESH_MS : 0
    let frame = 0
    let last = 0
    const tick = (frameAt: number) => {
      if (frameAt - last >= minGapMs) {
        last = frameAt
        setNow(at()) // React skips the render when the second has not changed.
      }
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [clock, clockOffsetMs, source])
  return now
}
