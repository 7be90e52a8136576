import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatScenarioTime, parseScenarioTime } from '../vocabulary/scenarioTime'
import type { ClockState } from './ExerciseClock'
import {
  jumpClock,
  pauseClock,
  STOPPED_CLOCK,
  scenarioTimeAt,
  setClockSpeed,
  startClock,
  wallTimeOf,
} from './ExerciseClock'

describe('the scenario clock', () => {
  it('does not move before it starts', () => {
    expect(scenarioTimeAt(STOPPED_CLOCK, 1_000_000)).toBe(0)
  })

  it('runs at its speed and stops when paused', () => {
    let clock = startClock(STOPPED_CLOCK, 10_000)
    expect(scenarioTimeAt(clock, 70_000)).toBe(60) // one wall minute at 1×
    clock = setClockSpeed(clock, 60, 70_000)
    expect(scenarioTimeAt(clock, 80_000)).toBe(60 + 600) // ten wall seconds at 60×
    clock = pauseClock(clock, 80_000)
    expect(scenarioTimeAt(clock, 10_000_000)).toBe(660)
    clock = startClock(clock, 100_000)
    expect(scenarioTimeAt(clock, 101_000)).toBe(720) // resumes at 60×
  })

  it('jumps to a scenario time and runs on from there', () => {
    const clock = jumpClock(startClock(STOPPED_CLOCK, 0), 3600, 5_000)
    expect(scenarioTimeAt(clock, 5_000)).toBe(3600)
    expect(scenarioTimeAt(clock, 6_000)).toBe(3601)
  })

  it('tells the wall time at which a scenario time falls due', () => {
    const clock = setClockSpeed(startClock(STOPPED_CLOCK, 1_000), 3600, 1_000)
    expect(wallTimeOf(clock, 3600)).toBe(2_000)
    expect(wallTimeOf(pauseClock(clock, 1_500), 3600)).toBeNull()
  })

  type Step =
    | { kind: 'start'; dtMs: number }
    | { kind: 'pause'; dtMs: number }
    | { kind: 'speed'; dtMs: number; speed: number }
    | { kind: 'jump'; dtMs: number; by: number }

  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('start' as const), dtMs: fc.integer({ min: 0, max: 600_000 }) }),
    fc.record({ kind: fc.constant('pause' as const), dtMs: fc.integer({ min: 0, max: 600_000 }) }),
    fc.record({
      kind: fc.constant('speed' as const),
      dtMs: fc.integer({ min: 0, max: 600_000 }),
      speed: fc.integer({ min: 1, max: 3600 }),
    }),
    fc.record({
      kind: fc.constant('jump' as const),
      dtMs: fc.integer({ min: 0, max: 600_000 }),
      by: fc.integer({ min: 0, max: 86_400 }),
    }),
  )

  it('equals the arithmetic done by hand, for any sequence of start, pause, speed and jump', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 40 }),
        fc.integer({ min: 0, max: 600_000 }),
        (steps, tailMs) => {
          // By hand: add up each wall interval times the speed in force while running.
          let clock: ClockState = STOPPED_CLOCK
          let wall = 1_700_000_000_000
          let running = false
          let speed = 1
          let expected = 0
          for (const s of steps) {
            if (running) expected += (s.dtMs / 1000) * speed
            wall += s.dtMs
            if (s.kind === 'start') {
              clock = startClock(clock, wall)
              running = true
            } else if (s.kind === 'pause') {
              clock = pauseClock(clock, wall)
              running = false
            } else if (s.kind === 'speed') {
              clock = setClockSpeed(clock, s.speed, wall)
              speed = s.speed
            } else {
              expected += s.by
              clock = jumpClock(clock, scenarioTimeAt(clock, wall) + s.by, wall)
            }
            expect(scenarioTimeAt(clock, wall)).toBeCloseTo(expected, 6)
          }
          if (running) expected += (tailMs / 1000) * speed
          expect(scenarioTimeAt(clock, wall + tailMs)).toBeCloseTo(expected, 6)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('scenario time text', () => {
  it('reads T+hh:mm and T+hh:mm:ss', () => {
    expect(parseScenarioTime('T+01:30')).toBe(5400)
    expect(parseScenarioTime('T+50:00:15')).toBe(180_015)
    expect(parseScenarioTime('01:30')).toBeNull()
    expect(parseScenarioTime('T+01:60')).toBeNull()
  })

  it('writes whole seconds and round-trips', () => {
    expect(formatScenarioTime(5400.9)).toBe('T+01:30:00')
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999 * 3600 }), (seconds) => {
        expect(parseScenarioTime(formatScenarioTime(seconds))).toBe(seconds)
      }),
    )
  })
})
