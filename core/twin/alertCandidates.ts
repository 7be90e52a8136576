/** Which alerts can be raised in each segment, so that a read at t judges only those. */
import { type AlertDef, alertDefs, conditionAt } from './alerts'
import type { Twin } from './buildTwin'
import { offsetModel } from './observables'
import type { Segment } from './segment'
import type { Timeline } from './timeline'

// Which alerts can be raised in each segment: an offset alarm wherever it can be measured, any
// other where its condition holds (read from the segment alone, it then holds throughout). Worked
// out from the segment before by judging again only the alerts that read a node whose segment
// changed, so that a read at t looks only at the few alerts that can be raised there.
const candidateSets = new WeakMap<Segment, Uint8Array>()
const readersCache = new WeakMap<Twin, readonly (readonly number[])[]>()

// For each node, the alerts (by index in alertDefs) that read its segment.
function alertReaders(twin: Twin): readonly (readonly number[])[] {
  const known = readersCache.get(twin)
  if (known) return known
  const readers: number[][] = twin.nodes.map(() => [])
  alertDefs(twin).forEach((def, i) => {
    const { monitor } = def
    const reads = new Set([monitor.node])
    if (def.rule === 'offset' && monitor.against !== null) reads.add(monitor.against)
    const receiver = twin.nodes[monitor.node]?.receiver
    if (def.rule === 'signal-loss' && receiver !== null && receiver !== undefined)
      reads.add(receiver)
    for (const node of reads) readers[node]?.push(i)
  })
  readersCache.set(twin, readers)
  return readers
}

function mayRaise(twin: Twin, segment: Segment, def: AlertDef): boolean {
  return def.rule === 'offset'
    ? offsetModel(twin, segment, def.monitor) !== null
    : conditionAt(twin, segment, def, segment.startT)
}

/** The alerts that can be raised in segment k, as flags by index in `alertDefs`. */
export function alertCandidates(timeline: Timeline, k: number): Uint8Array {
  const { twin, segments } = timeline
  const defs = alertDefs(twin)
  let from = k
  while (from > 0 && !candidateSets.has(segments[from] as Segment)) from--
  let flags = candidateSets.get(segments[from] as Segment)
  if (!flags) {
    const first = segments[from] as Segment
    flags = new Uint8Array(defs.length)
    defs.forEach((def, i) => {
      if (mayRaise(twin, first, def)) (flags as Uint8Array)[i] = 1
    })
    candidateSets.set(first, flags)
  }
  const readers = alertReaders(twin)
  for (let j = from + 1; j <= k; j++) {
    const segment = segments[j] as Segment
    // Shared with the segment before until a flag really changes.
    const before: Uint8Array = flags
    let own: Uint8Array | null = null
    for (const node of segment.changed)
      for (const i of readers[node] as number[]) {
        const flag = mayRaise(twin, segment, defs[i] as AlertDef) ? 1 : 0
        if ((own ?? before)[i] === flag) continue
        own ??= before.slice()
        own[i] = flag
      }
    flags = own ?? before
    candidateSets.set(segment, flags)
  }
  return flags
}
