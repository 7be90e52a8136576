/**
 * "Now" for the panels: the live clock (this browser's wall clock plus the server's offset,
 * moving) or a replay's cursor (one moment, standing still until the cursor moves). Panels read
 * scenario and wall time through it rather than `Date.now()`, so that in a replay a countdown or
 * an age reads as it did at the moment shown, and live consoles read exactly what they did.
 */
import { createContext, type ReactNode, useContext, useMemo } from 'react'
import { type ClockState, scenarioTimeAt, wallTimeOf } from '../../core/clock/ExerciseClock'

/** Where "now" comes from. */
export type NowSource =
  | {
      readonly kind: 'live'
      /** This browser's wall time, epoch ms (the server's offset is added by the reader). */
      readonly wallClock: () => number
    }
  | {
      readonly kind: 'replay'
      /** The cursor's scenario time, seconds. */
      readonly t: number
      /** The cursor's wall time on the server's clock, epoch ms. */
      readonly at: number
    }

/** The live clock: the default wherever no provider says otherwise. */
export const LIVE_NOW: NowSource = { kind: 'live', wallClock: () => Date.now() }

const NowContext = createContext<NowSource>(LIVE_NOW)

/** Gives the panels inside it `source` as their "now". */
export function NowProvider({ source, children }: { source: NowSource; children?: ReactNode }) {
  return <NowContext.Provider value={source}>{children}</NowContext.Provider>
}

/** Gives the panels inside it the replay cursor's moment as their "now". */
export function ReplayNow({ t, at, children }: { t: number; at: number; children?: ReactNode }) {
  const source = useMemo((): NowSource => ({ kind: 'replay', t, at }), [t, at])
  return <NowProvider source={source}>{children}</NowProvider>
}

/** The "now" the enclosing provider gives (the live clock when there is none). */
export function useNowSource(): NowSource {
  return useContext(NowContext)
}

/** Scenario seconds now on `clock`: live, the clock read at the server's wall time; in a replay, the cursor's. */
export function scenarioNowOf(source: NowSource, clock: ClockState, clockOffsetMs: number): number {
  return source.kind === 'replay'
    ? source.t
    : scenarioTimeAt(clock, source.wallClock() + clockOffsetMs)
}

/** Wall time now on the server's clock, epoch ms: live, this browser's plus the offset; in a replay, the cursor's. */
export function wallNowOf(source: NowSource, clockOffsetMs: number): number {
  return source.kind === 'replay' ? source.at : source.wallClock() + clockOffsetMs
}

/** Whether scenario time moves by itself under `clock`: live while it runs, never in a replay. */
export function scenarioTimeMoves(source: NowSource, clock: ClockState): boolean {
  return source.kind === 'live' && clock.running
}

/**
 * The wall time of a replay cursor at scenario time `t`, with `clock` the clock as the moment's
 * state held it (anchored at or before the moment's event at `eventAt`): on a running clock, the
 * wall moment the clock reached `t`; on a paused one, the event's own.
 */
export function replayWallAt(clock: ClockState, t: number, eventAt: number): number {
  return Math.max(eventAt, wallTimeOf(clock, t) ?? eventAt)
}
