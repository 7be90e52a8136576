/**
 * The status rule. failed: no time at all (down, a receiver without fix), a panicked daemon, or
 * |TE| beyond the tolerance. degraded: running on its own oscillator (holdover, free-run), waiting
 * out a stepout, not traceable to a primary source (something upstream is in holdover), not on
 * its preferred source (or an NTP server rejected), or |TE| beyond the degraded limit (half the
 * tolerance, or the sector's margin). ok otherwise. The time error judged is the systematic one
 * (x0 + y0·t + ½·D·t², offsets, pushes): the seeded wander ε is reported but not judged, so that
 * noise around a limit cannot make a status flap.
 */
import type { TwinNode } from './buildTwin'
import type { NodeSegment } from './segment'

export const STATUSES = ['ok', 'degraded', 'failed'] as const
export type Status = (typeof STATUSES)[number]

/** The best status a node can have in a segment, whatever its time error. */
export function statusFloor(segment: NodeSegment): Status {
  const { mode } = segment
  if (!segment.hasTime || mode === 'down' || mode === 'panicked') return 'failed'
  if (
    mode === 'holdover' ||
    mode === 'free-run' ||
    mode === 'stepping' ||
    !segment.traceable ||
    segment.lostPreferred
  )
    return 'degraded'
  return 'ok'
}

/** A node's status given its segment and its time error. */
export function statusOf(node: TwinNode, segment: NodeSegment, timeErrorNs: number): Status {
  const floor = statusFloor(segment)
  const size = Math.abs(timeErrorNs)
  if (floor === 'failed' || size > node.toleranceNs) return 'failed'
  if (floor === 'degraded' || size > node.degradedNs) return 'degraded'
  return 'ok'
}

/** The time errors at which the node's status can change within a segment. */
export function statusLevels(node: TwinNode, segment: NodeSegment): number[] {
  const floor = statusFloor(segment)
  if (floor === 'failed') return []
  const levels = [node.toleranceNs, -node.toleranceNs]
  return floor === 'degraded' ? levels : [...levels, node.degradedNs, -node.degradedNs]
}
