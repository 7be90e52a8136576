/**
 * Reading the twin for one audience, at one scenario time and over a span: ground truth for the
 * facilitator, a team only what its monitoring shows (and never a moment it has not reached).
 * What each may see is visibility/twinFog.ts; this file evaluates and samples.
 */
import { ERROR_CODES, protocolError } from '../protocol/errors'
import type { ExerciseState } from '../protocol/state'
import type {
  ChainNodeView,
  TwinSeries,
  TwinViewReply,
  TwinViewRequest,
} from '../protocol/twinView'
import type { Audience } from '../protocol/viewer'
import type { Twin } from '../twin/buildTwin'
import type { ChainNode } from '../twin/chainShape'
import type { ActiveEffect } from '../twin/effectSchema'
import { evaluateTwin, type TwinState } from '../twin/evaluateTwin'
import { observe } from '../twin/observables'
import { type Segment, timeErrorAt } from '../twin/segment'
import { segmentIndexAt, timelineFor } from '../twin/timeline'
import {
  emptyPicture,
  knownNodes,
  plottedMonitors,
  readWindow,
  type SeriesSpan,
  type TwinPicture,
  twinPictureFor,
} from '../visibility/twinFog'
import { MAX_SERIES_NODES, MAX_SERIES_POINTS } from '../vocabulary/constants'
import { activeEffectsOf, twinOf } from './twinRuntime'

/** Samples (nodes × points) that cost one unit of a twin read beyond its base unit. */
export const SAMPLES_PER_READ_UNIT = 1000

/**
 * What a twin read costs its sender's budget: one unit, plus one per 1,000 samples asked for
 * (nodes × points), so that a dashboard's three curves of 300 points cost 2 and the largest
 * read (50 × 500) costs 26. Charged on what is asked, before any work is done.
 */
export function twinReadCost(request: TwinViewRequest): number {
  const series = request.series
  if (!series) return 1
  const samples = Math.min(series.nodeIds.length, MAX_SERIES_NODES) * Math.max(0, series.points)
  return 1 + Math.ceil(samples / SAMPLES_PER_READ_UNIT)
}

/** The twin as `audience` may read it at `request.t` (default `nowT`, the exercise's scenario time). */
export function readTwin(
  state: ExerciseState,
  audience: Audience,
  request: TwinViewRequest,
  nowT: number,
): TwinViewReply {
  const window = readWindow(audience, request, nowT)
  if (!window.ok) return { ok: false, error: protocolError(ERROR_CODES.invalid, window.message) }
  const { t, series: span } = window
  const twin = twinOf(state)
  const scenario = state.scenario
  if (!twin || !scenario?.chain) {
    const empty = { ok: true as const, t, chain: [], observations: [], alerts: [], series: [] }
    return audience.role === 'facilitator'
      ? { ...empty, audience: 'facilitator', nodes: [] }
      : { ...empty, audience: 'team' }
  }
  const picture = twinPictureAt(state, audience, t)
  const chain = chainView(twin, knownNodes(scenario, audience))
  if (audience.role === 'facilitator') {
    return {
      ok: true,
      audience: 'facilitator',
      t,
      chain,
      nodes: picture.nodes ?? [],
      observations: picture.observations,
      alerts: picture.alerts,
      series: span ? truthSeries(twin, state, span) : [],
    }
  }
  return {
    ok: true,
    audience: 'team',
    t,
    chain,
    observations: picture.observations,
    alerts: picture.alerts,
    series: span ? observedSeries(twin, state, audience.teamId, span) : [],
  }
}

/** The twin as `audience` sees it at `t` (no clamping here: callers pass a time it may see). */
export function twinPictureAt(state: ExerciseState, audience: Audience, t: number): TwinPicture {
  const twin = twinOf(state)
  if (!twin) return emptyPicture(audience)
  return twinPictureFor(evaluateShared(twin, activeEffectsOf(state), t), audience)
}

// Every client of an exercise reads the twin at the same moments (the server rounds "now" to its
// tick), so the last evaluation per effect list serves them all: one evaluation per tick, not per
// reader.
// Keyed by twin, then effect list: exercises without effects share one empty list, so an
// evaluation keyed by the list alone would answer one exercise with another's chain.
const lastEvaluation = new WeakMap<
  Twin,
  WeakMap<readonly ActiveEffect[], { t: number; state: TwinState }>
>()

function evaluateShared(twin: Twin, effects: readonly ActiveEffect[], t: number): TwinState {
  let byEffects = lastEvaluation.get(twin)
  if (!byEffects) {
    byEffects = new WeakMap()
    lastEvaluation.set(twin, byEffects)
  }
  const last = byEffects.get(effects)
  if (last && last.t === t) return last.state
  const state = evaluateTwin(twin, effects, t)
  byEffects.set(effects, { t, state })
  return state
}

function chainView(twin: Twin, nodes: readonly ChainNode[]): ChainNodeView[] {
  const ids = new Set(nodes.map((node) => node.id))
  // The tolerance in force (the node's own, or its sector's published figure) is no secret.
  const tolerance = new Map(twin.nodes.map((node) => [node.id, node.toleranceNs]))
  return nodes.map((node) => ({
    id: node.id,
    label: node.label,
    kind: node.kind,
    sector: node.sector ?? null,
    sources: node.sources.filter((source) => ids.has(source)),
    toleranceNs: tolerance.get(node.id) ?? null,
  }))
}

function sampleTimes(span: SeriesSpan): number[] {
  const points = Math.max(2, Math.min(MAX_SERIES_POINTS, Math.floor(span.points)))
  const toT = Math.max(span.fromT, span.toT)
  return Array.from(
    { length: points },
    (_, i) => span.fromT + ((toT - span.fromT) * i) / (points - 1),
  )
}

function segmentsAt(twin: Twin, state: ExerciseState, times: number[]): Segment[] {
  const timeline = timelineFor(twin, activeEffectsOf(state))
  return times.map((t) => timeline.segments[segmentIndexAt(timeline, t)] as Segment)
}

/** Each requested node's true time error over the span (facilitator). */
function truthSeries(twin: Twin, state: ExerciseState, span: SeriesSpan): TwinSeries[] {
  const times = sampleTimes(span)
  const segments = segmentsAt(twin, state, times)
  return span.nodeIds.slice(0, MAX_SERIES_NODES).flatMap((nodeId) => {
    const node = twin.nodes.find((candidate) => candidate.id === nodeId)
    if (!node) return []
    const points = times.map((t, i): [number, number | null] => {
      const own = segments[i]?.nodes[node.index]
      return [t, own ? timeErrorAt(twin.seed, own, t) : null]
    })
    return [{ nodeId, quantity: 'time-error' as const, points }]
  })
}

/** The offsets a team's monitoring measured on the requested nodes over the span. */
function observedSeries(
  twin: Twin,
  state: ExerciseState,
  teamId: string,
  span: SeriesSpan,
): TwinSeries[] {
  const times = sampleTimes(span)
  const segments = segmentsAt(twin, state, times)
  return span.nodeIds.slice(0, MAX_SERIES_NODES).flatMap((nodeId) => {
    const node = twin.nodes.find((candidate) => candidate.id === nodeId)
    if (!node) return []
    return plottedMonitors(node, teamId).map((monitor) => ({
      nodeId,
      quantity: monitor.observable,
      monitorId: monitor.id,
      points: times.map((t, i): [number, number | null] => {
        const seen = observe(twin, segments[i] as Segment, monitor, t)
        return [t, 'offsetNs' in seen ? seen.offsetNs : null]
      }),
    }))
  })
}
