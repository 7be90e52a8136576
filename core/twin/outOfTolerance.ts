/**
 * Time out of tolerance: how long each node has spent `failed` (|TE| beyond its tolerance, or no
 * time at all), summed from the status changes the log recorded. A node never recorded was ok.
 */
import type { Status } from './status'

/** The part of a status change this needs (a `NodeStatusRecord` has it). */
export interface StatusChange {
  readonly nodeId: string
  readonly status: Status
  readonly t: number
}

export interface OutOfTolerance {
  /** Seconds of scenario time spent failed, from T+0 up to `nowT`. */
  readonly seconds: number
  /** When the current failed spell began, or null when the node is not failed now. */
  readonly failedSinceT: number | null
}

const NEVER_FAILED: OutOfTolerance = { seconds: 0, failedSinceT: null }

/**
 * Each node's time out of tolerance at `nowT`, from a status log in order. A failed spell still
 * open counts up to `nowT`; a change recorded after `nowT` (a client clock a hair behind the
 * server's) counts from `nowT`, so the sum never runs backwards.
 */
export function timeOutOfTolerance(
  log: readonly StatusChange[],
  nowT: number,
): ReadonlyMap<string, OutOfTolerance> {
  const closed = new Map<string, number>()
  const openSince = new Map<string, number | null>()
  for (const change of log) {
    const t = Math.min(change.t, nowT)
    const since = openSince.get(change.nodeId) ?? null
    if (change.status === 'failed') {
      if (since === null) openSince.set(change.nodeId, t)
    } else {
      if (since !== null) {
        closed.set(change.nodeId, (closed.get(change.nodeId) ?? 0) + Math.max(0, t - since))
      }
      openSince.set(change.nodeId, null)
    }
  }
  const result = new Map<string, OutOfTolerance>()
  for (const [nodeId, since] of openSince) {
    const done = closed.get(nodeId) ?? 0
    result.set(nodeId, {
      seconds: done + (since === null ? 0 : Math.max(0, nowT - since)),
      failedSinceT: since,
    })
  }
  return result
}

/** One node's entry of `timeOutOfTolerance`, or zero for a node the log never mentions. */
export function outOfToleranceOf(
  table: ReadonlyMap<string, OutOfTolerance>,
  nodeId: string,
): OutOfTolerance {
  return table.get(nodeId) ?? NEVER_FAILED
}
