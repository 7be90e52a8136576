/**
 * Keeps a twin read (`twin.view`) current: once a second of wall time while the clock runs, and
 * soon after anything is logged or the plotted nodes change. One read at a time, never more than
 * four a second, well inside the server's ten.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ClockState } from '../../core/clock/ExerciseClock'
import { scenarioTimeAt } from '../../core/clock/ExerciseClock'
import type { TwinViewReply, TwinViewRequest } from '../../core/protocol/twinView'

export type TwinRead = Extract<TwinViewReply, { ok: true }>

const POLL_MS = 1000
const MIN_GAP_MS = 250
/** Samples per curve: a point every 96 s over 8 hours, light enough to send every second. */
export const SERIES_POINTS = 300

export interface TwinViewOptions {
  readonly enabled: boolean
  readonly clock: ClockState
  readonly clockOffsetMs: number
  /** The log position held: a new one means something happened worth a fresh read. */
  readonly seq: number
  /** Nodes whose curves to sample from T+0 to now. */
  readonly seriesNodeIds: readonly string[]
}

/** The latest twin read (null until one arrives) and the reason the last one failed, if it did. */
export function useTwinView(
  readTwin: (request: TwinViewRequest) => Promise<TwinViewReply>,
  options: TwinViewOptions,
): { read: TwinRead | null; error: string | null } {
  const [read, setRead] = useState<TwinRead | null>(null)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(options)
  latest.current = options
  const inFlight = useRef(false)
  const lastAt = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const mounted = useRef(true)
  const seriesKey = options.seriesNodeIds.join(' ')

  const fetchNow = useCallback(async () => {
    timer.current = null
    if (!mounted.current || !latest.current.enabled) return
    if (inFlight.current) {
      schedule.current()
      return
    }
    inFlight.current = true
    lastAt.current = Date.now()
    const { clock, clockOffsetMs, seriesNodeIds } = latest.current
    const nowT = scenarioTimeAt(clock, Date.now() + clockOffsetMs)
    const request: TwinViewRequest =
      seriesNodeIds.length > 0 && nowT >= 1
        ? { series: { nodeIds: seriesNodeIds, fromT: 0, toT: nowT, points: SERIES_POINTS } }
        : {}
    const reply = await readTwin(request)
    inFlight.current = false
    if (!mounted.current) return
    if (reply.ok) {
      setRead(reply)
      setError(null)
    } else {
      setError(reply.error.message)
    }
  }, [readTwin])

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

  // biome-ignore lint/correctness/useExhaustiveDependencies: each of these is a reason to read again.
  useEffect(() => {
    if (options.enabled) schedule.current()
  }, [options.enabled, options.seq, options.clock, seriesKey, fetchNow])

  useEffect(() => {
    if (!options.enabled || !options.clock.running) return
    const interval = setInterval(() => schedule.current(), POLL_MS)
    return () => clearInterval(interval)
  }, [options.enabled, options.clock.running])

  return { read, error }
}
