import { createElement, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { type ClockState, STOPPED_CLOCK, startClock } from '../../core/clock/ExerciseClock'
import {
  NowProvider,
  type NowSource,
  ReplayNow,
  replayWallAt,
  scenarioNowOf,
  scenarioTimeMoves,
  wallNowOf,
} from './now'
import { useScenarioTime } from './ScenarioClock'
import { useScenarioNow } from './useScenarioNow'
import { useWallNow } from './useWallNow'

// Started at wall time 1,000,000 ms, running at 60×: T+00:10:00 ten wall seconds later.
const RUNNING: ClockState = { ...startClock(STOPPED_CLOCK, 1_000_000), speed: 60 }
const PAUSED: ClockState = { ...STOPPED_CLOCK, started: true, anchorT: 90, anchorAt: 500_000 }
const liveAt = (wallMs: number): NowSource => ({ kind: 'live', wallClock: () => wallMs })

/** What the panels' hooks read: scenario seconds, the clock's text, the wall time. */
function Probe({ clock, offsetMs }: { clock: ClockState; offsetMs: number }) {
  const t = useScenarioNow(clock, offsetMs)
  const text = useScenarioTime(clock, offsetMs)
  const wall = useWallNow(offsetMs)
  return createElement('output', null, `${t}|${text}|${wall}`)
}

/** The probe's readings rendered inside `wrap`. */
function readings(wrap: (child: ReactNode) => ReactNode, clock: ClockState, offsetMs = 0) {
  const html = renderToString(wrap(createElement(Probe, { clock, offsetMs })))
  return /<output>(.*)<\/output>/.exec(html)?.[1]?.split('|')
}

describe('now from a cursor', () => {
  it('reads the live clock at the server wall time: this browser clock plus the offset', () => {
    const live = liveAt(1_008_000)
    expect(scenarioNowOf(live, RUNNING, 2000)).toBe(600)
    expect(wallNowOf(live, 2000)).toBe(1_010_000)
    expect(scenarioNowOf(live, PAUSED, 2000)).toBe(90)
    expect(scenarioTimeMoves(live, RUNNING)).toBe(true)
    expect(scenarioTimeMoves(live, PAUSED)).toBe(false)
  })

  it('reads a replay cursor whatever the clock or this browser says, and never ticks', () => {
    const cursor: NowSource = { kind: 'replay', t: 4321, at: 7_000_000 }
    expect(scenarioNowOf(cursor, RUNNING, 2000)).toBe(4321)
    expect(wallNowOf(cursor, 2000)).toBe(7_000_000)
    expect(scenarioTimeMoves(cursor, RUNNING)).toBe(false)
  })

  it('gives the panels a countdown as of the moment inside a replay, and the live clock outside it', () => {
    expect(
      readings(
        (child) => createElement(ReplayNow, { t: 3725, at: 7_000_000 }, child),
        RUNNING,
        2000,
      ),
    ).toEqual(['3725', 'T+01:02:05', '7000000'])
    expect(
      readings(
        (child) => createElement(NowProvider, { source: liveAt(1_008_000) }, child),
        RUNNING,
        2000,
      ),
    ).toEqual(['600', 'T+00:10:00', '1010000'])
  })

  it("puts a cursor between two events at the wall moment the clock reached it, or at the event's own when paused", () => {
    expect(replayWallAt(RUNNING, 600, 1_000_000)).toBe(1_010_000)
    expect(replayWallAt(PAUSED, 600, 800_000)).toBe(800_000)
    // A cursor never lies before its event.
    expect(replayWallAt(RUNNING, 0, 1_004_000)).toBe(1_004_000)
  })
})
