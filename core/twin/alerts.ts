/**
 * Detection's rules: each monitoring point raises alerts when what it measures stays wrong for its
 * delay (an offset beyond its alarm, C/N0 gone, clockClass off 6 or a new grandmaster, a rejected
 * NTP server, a daemon in trouble, a leap flag, a device alarm). Here: which alerts there are and
 * the condition each reads; nothing watches a blind spot, so nothing fires there. An offset alarm
 * reads a windowed measure (its mean, in which the measurement noise averages out).
 */
import type { Twin, TwinMonitor } from './buildTwin'
import type { ObservableKind } from './chainShape'
import { firstChange, settle } from './crossings'
import {
  daemonSeen,
  gnssSeen,
  leapSeen,
  measuredOffset,
  modeSeen,
  offsetModel,
  parentSeen,
  peersSeen,
} from './observables'
import { GNSS_SIGNAL } from './parameters'
import { quadAt, quadSlopeAt } from './poly'
import type { NodeSegment, Segment } from './segment'
import { segmentIndexAt, steadySegment, type Timeline } from './timeline'

/** An offset alarm clears once its windowed offset is back below this share of the alarm. */
export const CLEAR_RATIO = 0.9

export const ALERT_RULES = {
  'offset-vs-gnss': ['offset'],
  'offset-vs-independent': ['offset'],
  cn0: ['signal-loss'],
  'clock-class': ['degraded-class', 'new-grandmaster'],
  'ntp-peers': ['peer-problem', 'daemon-problem', 'leap-announced'],
  device: ['device-alarm'],
} as const satisfies Record<ObservableKind, readonly string[]>
export type AlertRule = (typeof ALERT_RULES)[ObservableKind][number]

export interface AlertDef {
  readonly id: string
  readonly monitor: TwinMonitor
  readonly rule: AlertRule
  /** clockClass and grandmaster the monitoring expects (from the chain's steady state). */
  readonly nominalClass: number | null
  readonly nominalGrandmaster: string | null
}

/** An alert as the teams that monitor the node see it. */
export interface Alert {
  readonly id: string
  readonly nodeId: string
  readonly observable: ObservableKind
  readonly rule: AlertRule
  readonly teams: readonly string[]
  readonly message: string
}

const defsCache = new WeakMap<Twin, readonly AlertDef[]>()

/** Every alert the twin's monitoring can raise. */
export function alertDefs(twin: Twin): readonly AlertDef[] {
  const known = defsCache.get(twin)
  if (known) return known
  const steady = steadySegment(twin)
  const defs = twin.nodes.flatMap((node) =>
    node.monitors.flatMap((monitor) =>
      ALERT_RULES[monitor.observable].map(
        (rule): AlertDef => ({
          id: `${monitor.id}/${rule}`,
          monitor,
          rule,
          nominalClass: steady.nodes[node.index]?.parent?.clockClass ?? null,
          nominalGrandmaster: steady.nodes[node.index]?.parent?.identity ?? null,
        }),
      ),
    ),
  )
  defsCache.set(twin, defs)
  return defs
}

/**
 * True when the alert's condition holds at t (ignoring its delay); read from what monitoring
 * shows. `level` scales an offset alarm (CLEAR_RATIO: the level it clears below).
 */
export function conditionAt(
  twin: Twin,
  segment: Segment,
  def: AlertDef,
  t: number,
  level = 1,
): boolean {
  const own = segment.nodes[def.monitor.node] as NodeSegment
  switch (def.rule) {
    case 'offset': {
      const offsetNs = measuredOffset(twin, segment, def.monitor, t, false)
      return offsetNs !== null && Math.abs(offsetNs) > def.monitor.alarmNs * level
    }
    case 'signal-loss':
      return (
        (gnssSeen(twin, segment, def.monitor.node)?.satellites ?? 0) < GNSS_SIGNAL.minSatellites
      )
    case 'degraded-class':
      return (parentSeen(own)?.clockClass ?? null) !== def.nominalClass
    case 'new-grandmaster':
      return (parentSeen(own)?.identity ?? null) !== def.nominalGrandmaster
    case 'peer-problem':
      return peersSeen(own).some((p) => p.status !== 'sys.peer' && p.status !== 'candidate')
    case 'daemon-problem': {
      const daemon = daemonSeen(own)
      return daemon !== 'sync' && daemon !== 'slew'
    }
    case 'leap-announced':
      return leapSeen(own)
    case 'device-alarm': {
      const mode = modeSeen(own)
      return mode !== 'primary' && mode !== 'locked' && mode !== 'slewing'
    }
  }
}

/** The first time in (a, b] at which the alert's condition differs from what it was at a. */
export function firstConditionFlip(
  timeline: Timeline,
  def: AlertDef,
  a: number,
  b: number,
  level = 1,
): number | null {
  const { twin } = timeline
  let k = segmentIndexAt(timeline, a)
  const base = conditionAt(twin, timeline.segments[k] as Segment, def, a, level)
  for (;;) {
    const segment = timeline.segments[k] as Segment
    if (segment.startT > a) {
      if (segment.startT > b) return null
      if (conditionAt(twin, segment, def, segment.startT, level) !== base) return segment.startT
    }
    const model = def.rule === 'offset' ? offsetModel(twin, segment, def.monitor) : null
    if (model) {
      const alarm = def.monitor.alarmNs * level
      const from = Math.max(a, segment.startT)
      // A crossing exactly at `from` (another change at the same instant put us there) is not
      // in the open interval the root search covers: look just after it.
      const gap = Math.abs(Math.abs(quadAt(model.q, from)) - alarm)
      if (gap <= Math.abs(quadSlopeAt(model.q, from)) * 1e-6 + alarm * 1e-12) {
        const at = settle(
          (t) => conditionAt(twin, segment, def, t, level),
          base,
          from,
          Math.min(b, segment.endT),
        )
        if (at !== null && at > a) return at
      }
      const flip = firstChange(
        (t) => conditionAt(twin, segment, def, t, level),
        base,
        twin.seed,
        model.q,
        [],
        [alarm, -alarm],
        Math.max(a, segment.startT),
        Math.min(b, segment.endT),
      )
      if (flip !== null) return flip
      // The interval is closed at b: a root that rounds onto b itself counts.
      if (b < segment.endT && b > a && conditionAt(twin, segment, def, b, level) !== base) return b
    }
    if (segment.endT > b) return null
    k = segmentIndexAt(timeline, segment.endT)
  }
}
