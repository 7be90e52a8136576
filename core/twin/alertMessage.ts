/** An alert's message as its teams read it, and the time figures it is written in. */
import { type Alert, type AlertDef, CLEAR_RATIO } from './alerts'
import type { Twin } from './buildTwin'
import { measuredOffset, type Observation, observe } from './observables'
import { keptFor, type NodeSegment, type Segment } from './segment'

// Alerts whose message is read from the node's own segment alone (all but offsets and signal
// loss), kept per node segment.
const steadyAlerts = new WeakMap<NodeSegment, Map<string, Alert>>()

/** The alert as its teams see it at t (its message from what the monitoring shows then). */
export function describeAlert(twin: Twin, segment: Segment, def: AlertDef, t: number): Alert {
  if (def.rule === 'offset' || def.rule === 'signal-loss') return describeAt(twin, segment, def, t)
  const own = segment.nodes[def.monitor.node] as NodeSegment
  return keptFor(steadyAlerts, own, def.id, () => describeAt(twin, segment, def, t))
}

function describeAt(twin: Twin, segment: Segment, def: AlertDef, t: number): Alert {
  const observed = observe(twin, segment, def.monitor, t)
  // An offset alarm reports the windowed offset it judged, not one noisy reading.
  const windowed =
    def.rule === 'offset' ? measuredOffset(twin, segment, def.monitor, t, false) : null
  const seen: Observation =
    windowed !== null &&
    (observed.observable === 'offset-vs-gnss' || observed.observable === 'offset-vs-independent')
      ? {
          monitorId: observed.monitorId,
          nodeId: observed.nodeId,
          teams: observed.teams,
          observable: observed.observable,
          against: observed.against,
          offsetNs: windowed,
        }
      : observed
  const node = twin.nodes[def.monitor.node]
  return {
    id: def.id,
    nodeId: seen.nodeId,
    observable: def.monitor.observable,
    rule: def.rule,
    teams: seen.teams,
    message: `${node?.label ?? seen.nodeId}: ${alertText(def, seen)}`,
  }
}

function alertText(def: AlertDef, seen: Observation): string {
  switch (seen.observable) {
    case 'offset-vs-gnss':
    case 'offset-vs-independent':
      return `offset ${formatNs(seen.offsetNs ?? 0)} against ${seen.against ?? 'its reference'} over ${formatS(def.monitor.delayS)} (alarm at ${formatNs(def.monitor.alarmNs)}, clears below ${formatNs(def.monitor.alarmNs * CLEAR_RATIO)})`
    case 'cn0':
      return `GNSS lost: ${seen.satellites} satellites tracked${seen.agcDb !== null && seen.agcDb < -10 ? ', AGC down (interference)' : ''}`
    case 'clock-class':
      return def.rule === 'new-grandmaster'
        ? `new grandmaster ${seen.grandmasterId ?? 'none'} (priority1 ${seen.priority1 ?? '?'})`
        : `clockClass ${seen.clockClass ?? 'none'} (expected ${def.nominalClass ?? '?'})`
    case 'ntp-peers': {
      if (def.rule === 'leap-announced') return 'leap second announced by its servers'
      if (def.rule === 'daemon-problem')
        return `${seen.implementation ?? 'ntpd'} ${seen.daemon ?? 'not answering'}`
      const bad = seen.peers.filter((p) => p.state !== 'sys.peer' && p.state !== 'candidate')
      return `${bad.length} of ${seen.peers.length} servers rejected (${bad.map((p) => `${p.id} ${p.state}`).join(', ')})`
    }
    case 'device':
      return `device reports ${seen.mode ?? 'nothing'}`
  }
}

function formatS(seconds: number): string {
  if (seconds >= 3_600) return `${+(seconds / 3_600).toFixed(1)} h`
  if (seconds >= 60) return `${+(seconds / 60).toFixed(1)} min`
  return `${seconds} s`
}

/** A time error for people: ns, µs, ms or s. */
export function formatNs(ns: number): string {
  const size = Math.abs(ns)
  if (size >= 1e9) return `${(ns / 1e9).toFixed(3)} s`
  if (size >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`
  if (size >= 1e3) return `${(ns / 1e3).toFixed(3)} µs`
  return `${ns.toFixed(1)} ns`
}
