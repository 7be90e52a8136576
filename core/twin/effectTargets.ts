/** Which nodes each kind of effect can act on. */
import type { EffectKind, EffectTemplate } from './effectSchema'
import type { NodeKind } from './parameters'
import { type Discipline, disciplineOf } from './topology'

interface NodeShape {
  readonly id: string
  readonly kind: NodeKind
  readonly sources: readonly string[]
  readonly ntp?: unknown
}

interface TargetRule {
  readonly fits: (node: NodeShape, discipline: Discipline) => boolean
  readonly what: string
}

const anyNode: TargetRule = { fits: () => true, what: 'any node' }
const notConsumer: TargetRule = {
  fits: (node) => node.kind !== 'consumer',
  what: 'a time source, not a consumer',
}
const ofKind = (kind: NodeKind): TargetRule => ({ fits: (node) => node.kind === kind, what: kind })
const ntpNode: TargetRule = { fits: (_, d) => d === 'ntp', what: 'an NTP server or client' }
const ptpClient: TargetRule = {
  fits: (_, d) => d === 'ptp',
  what: 'a boundary clock or PTP client (a node that runs the BMCA)',
}

const TARGET_RULES: Readonly<Record<EffectKind, TargetRule>> = {
  'gnss-jamming': ofKind('gnss-receiver'),
  'gnss-spoofing': ofKind('gnss-receiver'),
  'utc-parameters': ofKind('gnss-constellation'),
  'ntp-shift': ntpNode,
  'ntp-kod': ofKind('ntp-server'),
  'ptp-rogue-gm': ptpClient,
  'ptp-delay-asymmetry': ptpClient,
  'server-compromise': notConsumer,
  'false-leap-second': notConsumer,
  'frequency-steer': anyNode,
  outage: anyNode,
  'switch-source': anyNode,
  'force-holdover': { fits: (node) => node.sources.length > 0, what: 'a node with sources' },
  isolate: anyNode,
  'enable-nts': ntpNode,
  'reject-leap': anyNode,
  'gps-time-output': ofKind('gnss-receiver'),
  restore: anyNode,
}

/** Why an effect cannot act on its target in this chain, or null when it can. */
export function effectTargetProblem(
  nodes: readonly NodeShape[],
  effect: EffectTemplate & { readonly target?: string | undefined },
): string | null {
  const byId = new Map(nodes.map((node) => [node.id, node]))
  const target = effect.target === undefined ? undefined : byId.get(effect.target)
  if (!target) return `a node of this chain as target, not '${effect.target ?? '(none)'}'`
  const rule = TARGET_RULES[effect.kind]
  const discipline = disciplineOf(target, (id) => byId.get(id)?.kind)
  if (!rule.fits(target, discipline))
    return `${effect.kind} acts on ${rule.what}; '${target.id}' is a ${target.kind}`
  if (effect.kind === 'ntp-shift' && effect.side === 'server' && target.kind !== 'ntp-server')
    return `ntp-shift on the server side needs an NTP server; use side: client for '${target.id}'`
  if (effect.kind === 'gnss-jamming') {
    for (const id of effect.constellations ?? []) {
      if (byId.get(id)?.kind !== 'gnss-constellation')
        return `constellations: a gnss-constellation of this chain, not '${id}'`
    }
  }
  if (effect.kind === 'switch-source') {
    if (!byId.has(effect.to)) return `to: a node of this chain, not '${effect.to}'`
    if (effect.to === target.id) return 'to: another node than the target'
    if (isUpstream(byId, effect.to, target.id))
      return `to: '${effect.to}' takes its time from '${target.id}'; switching would make a loop`
  }
  return null
}

function isUpstream(byId: ReadonlyMap<string, NodeShape>, from: string, wanted: string): boolean {
  const queue = [from]
  const seen = new Set(queue)
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string
    if (id === wanted) return true
    for (const source of byId.get(id)?.sources ?? []) {
      if (!seen.has(source)) {
        seen.add(source)
        queue.push(source)
      }
    }
  }
  return false
}
