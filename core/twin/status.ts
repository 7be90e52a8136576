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

/** A node's status given its segment and its time error (ahead of UTC: TE > 0). */
export function statusOf(node: TwinNode, segment: NodeSegment, timeErrorNs: number): Status {
  const floor = statusFloor(segment)
  const { limits } = node
  const ahead = timeErrorNs >= 0
  const size = Math.abs(timeErrorNs)
  if (floor === 'failed' || size > (ahead ? limits.aheadNs : limits.behindNs)) return 'failed'
  if (floor === 'degraded' || size > (ahead ? limits.degradedAheadNs : limits.degradedBehindNs))
    return 'degraded'
  return 'ok'
}

/** What breaks at a node failed with this time error: its consequence in that direction, if any. */
export function consequenceOf(node: TwinNode, status: Status, timeErrorNs: number): string | null {
  if (status !== 'failed') return null
  const { limits, consequences } = node
  if (timeErrorNs > limits.aheadNs) return consequences.ahead
  if (-timeErrorNs > limits.behindNs) return consequences.behind
  return null
}

/** The time errors at which the node's status can change within a segment. */
export function statusLevels(node: TwinNode, segment: NodeSegment): number[] {
  const floor = statusFloor(segment)
  if (floor === 'failed') return []
  const { limits } = node
  const levels = [limits.aheadNs, -limits.behindNs]
  return floor === 'degraded'
    ? levels
    : [...levels, limits.degradedAheadNs, -limits.degradedBehindNs]
}
