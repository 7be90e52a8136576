/**
 * What the server pushes of the twin (`twin.frame`): once per tick and per audience (the
 * facilitator, each team), what that audience's dashboards show now, only what changed since
 * the audience's previous frame. Types only.
 */
import type { Alert } from '../twin/alerts'
import type { Observation } from '../twin/observables'
import type { NodeTruth } from './twinView'

export interface TwinFrame {
  readonly exerciseId: string
  readonly audience: 'facilitator' | 'team'
  /** Scenario time of the frame, seconds: now on the exercise clock (rounded to the tick), never later. */
  readonly t: number
  /**
   * True when the lists are complete (an audience's first frame, and every so often so that a
   * client that missed one catches up); false when they hold only what changed.
   */
  readonly full: boolean
  /** Facilitator only: the nodes whose truth changed besides the time error (a status, a mode, a source). */
  readonly nodes?: readonly NodeTruth[]
  /** Facilitator only: the time errors that moved since the previous frame, ns by node id. */
  readonly timeErrors?: Readonly<Record<string, number>>
  /** The observations that changed, each replacing the one with its `monitorId`. */
  readonly observations: readonly Observation[]
  /** Every alert raised now, when the set changed since the previous frame; absent otherwise. */
  readonly alerts?: readonly Alert[]
}
