/**
 * What a client may read of the twin, on request (`twin.view`), besides the logged twin events:
 * the facilitator gets ground truth, a team only what its monitoring shows. Types only.
 */
import type { Alert } from '../twin/alerts'
import type { Observation } from '../twin/observables'
import type { NodeKind, Sector } from '../twin/parameters'
import type { Mode } from '../twin/segment'
import type { Status } from '../twin/status'
import type { ProtocolError } from './errors'

/** A node of the chain as the graph draws it (the facilitator sees all; a team its monitored nodes). */
export interface ChainNodeView {
  readonly id: string
  readonly label: string
  readonly kind: NodeKind
  readonly sector: Sector | null
  /** Upstream node ids that this viewer may also see, in preference order. */
  readonly sources: readonly string[]
  readonly toleranceNs: number | null
}

/** Ground truth for one node at one scenario time (facilitator only). */
export interface NodeTruth {
  readonly id: string
  readonly status: Status
  readonly timeErrorNs: number
  readonly toleranceNs: number
  readonly mode: Mode
  readonly selectedSource: string | null
  readonly traceable: boolean
}

export interface TwinViewRequest {
  /** Scenario time to read at (seconds); default: now on the exercise clock. */
  readonly t?: number
  /** Also sample each node's time error (facilitator) or observed offsets (team) over a span. */
  readonly series?: {
    readonly nodeIds: readonly string[]
    readonly fromT: number
    readonly toT: number
    /** Samples per node, 2–500. */
    readonly points: number
  }
}

/** One sampled curve: `[scenario seconds, nanoseconds]` pairs; null where there is no value. */
export interface TwinSeries {
  readonly nodeId: string
  /** `time-error` (ground truth) or the observable measured (`offset-vs-gnss`, `offset-vs-independent`). */
  readonly quantity: 'time-error' | 'offset-vs-gnss' | 'offset-vs-independent'
  readonly monitorId?: string
  readonly points: readonly (readonly [number, number | null])[]
}

export type TwinViewReply =
  | {
      readonly ok: true
      readonly audience: 'facilitator'
      readonly t: number
      readonly chain: readonly ChainNodeView[]
      readonly nodes: readonly NodeTruth[]
      readonly observations: readonly Observation[]
      readonly alerts: readonly Alert[]
      readonly series: readonly TwinSeries[]
    }
  | {
      readonly ok: true
      readonly audience: 'team'
      readonly t: number
      readonly chain: readonly ChainNodeView[]
      readonly observations: readonly Observation[]
      readonly alerts: readonly Alert[]
      readonly series: readonly TwinSeries[]
    }
  | { readonly ok: false; readonly error: ProtocolError }
