/**
 * The scenario clock. Scenario time is never stored: it is computed from the last clock event
 * (its wall time `anchorAt` and scenario time `anchorT`), whether the clock runs, and its speed.
 */

export interface ClockState {
  readonly running: boolean
  /** Whether the clock has ever been started (a paused clock may never have run). */
  readonly started: boolean
  /** Scenario seconds per wall second while running. */
  readonly speed: number
  /** Scenario time (seconds) at the anchor. */
  readonly anchorT: number
  /** Wall time (epoch ms) at the anchor. */
  readonly anchorAt: number
}

export const STOPPED_CLOCK: ClockState = {
  running: false,
  started: false,
  speed: 1,
  anchorT: 0,
  anchorAt: 0,
}

/** Scenario time in seconds at wall time `atMs`. Wall time before the anchor counts as the anchor. */
export function scenarioTimeAt(clock: ClockState, atMs: number): number {
  if (!clock.running) return clock.anchorT
  const elapsedMs = Math.max(0, atMs - clock.anchorAt)
  return clock.anchorT + (elapsedMs / 1000) * clock.speed
}

/** Wall time (epoch ms) at which a running clock reaches scenario time `tSeconds`; null when paused. */
export function wallTimeOf(clock: ClockState, tSeconds: number): number | null {
  if (!clock.running) return null
  if (tSeconds <= clock.anchorT) return clock.anchorAt
  return clock.anchorAt + ((tSeconds - clock.anchorT) / clock.speed) * 1000
}

/** The clock after it starts (or resumes) at wall time `atMs`. */
export function startClock(clock: ClockState, atMs: number): ClockState {
  return {
    ...clock,
    running: true,
    started: true,
    anchorT: scenarioTimeAt(clock, atMs),
    anchorAt: atMs,
  }
}

/** The clock after it pauses at wall time `atMs`. */
export function pauseClock(clock: ClockState, atMs: number): ClockState {
  return { ...clock, running: false, anchorT: scenarioTimeAt(clock, atMs), anchorAt: atMs }
}

/** The clock after its speed changes at wall time `atMs`; scenario time does not jump. */
export function setClockSpeed(clock: ClockState, speed: number, atMs: number): ClockState {
  return { ...clock, speed, anchorT: scenarioTimeAt(clock, atMs), anchorAt: atMs }
}

/** The clock after scenario time is set to `tSeconds` at wall time `atMs`. */
export function jumpClock(clock: ClockState, tSeconds: number, atMs: number): ClockState {
  return { ...clock, anchorT: tSeconds, anchorAt: atMs }
}
