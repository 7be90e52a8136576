/**
 * Keeps a twin read current: one `twin.view` for what the dashboard has not got (on connecting,
 * when the plotted nodes change, when the clock is started, paused, sped up or jumped), and
 * from then on the frames the server pushes each tick (`twin.frame`), appended to it. No polling.
 * In a replay (`now.tsx`) there are no frames: each move of the cursor is a read at its moment,
 * at most one every MIN_GAP_MS, the last read shown until the next arrives.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ClockState } from '../../core/clock/ExerciseClock'
import type { TwinViewReply, TwinViewRequest } from '../../core/protocol/twinView'
import type { TwinFrame } from '../../core/protocol/twinViewFrame'
import { type NowSource, scenarioNowOf, useNowSource } from '../shared/now'
import { applyTwinFrame } from './twinFrameMerge'

export type TwinRead = Extract<TwinViewReply, { ok: true }>

const MIN_GAP_MS = 250
/** Samples per curve in a history read: a point every 96 s over 8 hours. */
export const SERIES_POINTS = 300

/** Where a dashboard gets the twin: reads on request, frames as they are pushed. */
export interface TwinSource {
  readTwin(request: TwinViewRequest): Promise<TwinViewReply>
  /** Calls `listener` with each pushed frame of the open exercise; returns the removal. */
  onTwinFrame(listener: (frame: TwinFrame) => void): () => void
}

export interface TwinViewOptions {
  readonly enabled: boolean
  readonly clock: ClockState
  readonly clockOffsetMs: number
  /** Nodes whose curves to sample from T+0 to now. */
  readonly seriesNodeIds: readonly string[]
}

/** The latest twin read (null until one arrives) and the reason the last one failed, if it did. */
export function useTwinView(
  source: TwinSource,
  options: TwinViewOptions,
): { read: TwinRead | null; error: string | null } {
  const [read, setRead] = useState<TwinRead | null>(null)
  const [error, setError] = useState<string | null>(null)
  const now = useNowSource()
  const latest = useRef<TwinViewOptions & { now: NowSource }>({ ...options, now })
  latest.current = { ...options, now }
  const held = useRef<TwinRead | null>(null)
  const inFlight = useRef(false)
  /** Frames that came while a read was on its way: applied on top of its answer. */
  const pending = useRef<TwinFrame[]>([])
  const lastAt = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const mounted = useRef(true)
  const seriesKey = options.seriesNodeIds.join(' ')
  const { readTwin, onTwinFrame } = source
  // A read scheduled before the source changed (a replay's next moment) asks the newest one.
  const latestRead = useRef(readTwin)
  latestRead.current = readTwin

  const hold = useCallback((next: TwinRead) => {
    held.current = next
    setRead(next)
  }, [])

  const fetchNow = useCallback(async () => {
    timer.current = null
    if (!mounted.current || !latest.current.enabled) return
    if (inFlight.current) {
      schedule.current()
      return
    }
    inFlight.current = true
    pending.current = []
    lastAt.current = Date.now()
    const { clock, clockOffsetMs, seriesNodeIds, now } = latest.current
    const nowT = Math.max(0, scenarioNowOf(now, clock, clockOffsetMs))
    const request: TwinViewRequest = {
      // Live, the server's "now" is the read's; a replay names its moment.
      ...(now.kind === 'replay' ? { t: nowT } : {}),
      ...(seriesNodeIds.length > 0
        ? {
            series: {
              nodeIds: seriesNodeIds,
              fromT: 0,
              toT: nowT,
              points: nowT >= 1 ? SERIES_POINTS : 2,
            },
          }
        : {}),
    }
    const reply = await latestRead.current(request)
    inFlight.current = false
    const arrived = pending.current
    pending.current = []
    if (!mounted.current) return
    if (reply.ok) {
      hold(arrived.reduce(applyTwinFrame, reply as TwinRead))
      setError(null)
    } else {
      setError(reply.error.message)
    }
  }, [hold])

  // A read soon, but not sooner than MIN_GAP_MS after the last one; several asks make one read.
  const schedule = useRef(() => {})
  schedule.current = () => {
    if (timer.current !== null) return
    const wait = Math.max(0, lastAt.current + MIN_GAP_MS - Date.now())
    timer.current = setTimeout(() => void fetchNow(), wait)
  }

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = null
    }
  }, [])

  useEffect(() => {
    if (!options.enabled) return
    return onTwinFrame((frame) => {
      if (inFlight.current) {
        pending.current.push(frame)
        return
      }
      const current = held.current
      if (!current) return
      const next = applyTwinFrame(current, frame)
      if (next !== current) hold(next)
    })
  }, [options.enabled, onTwinFrame, hold])

  // biome-ignore lint/correctness/useExhaustiveDependencies: each of these is a reason to read again.
  useEffect(() => {
    if (options.enabled) schedule.current()
  }, [options.enabled, options.clock, seriesKey, fetchNow, readTwin, now])

  return { read, error }
}
