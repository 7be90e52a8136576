/** Reference checks of a chain and its attack catalogue: every id resolves, no source cycles. */
import type { z } from 'zod'
import type { Chain, ChainNode } from './chainShape'
import type { Attack } from './effectSchema'
import { effectTargetProblem } from './effectTargets'
import { KIND_DEFAULTS, type NodeKind, SECTOR_TOLERANCES } from './parameters'
import { defaultAgainst, nearestReceiver } from './references'
import { disciplineOf, findSourceCycle, isPtpKind } from './topology'

type Path = (string | number)[]

export interface ChainCheckOptions {
  /** The scenario's team ids, to check `monitoredBy`. */
  readonly teams?: readonly string[]
  /** Where the chain sits in the file (default `['chain']` is not assumed: issues are relative). */
  readonly path?: Path
}

const SOURCES_REQUIRED: ReadonlySet<NodeKind> = new Set([
  'gnss-receiver',
  'ntp-server',
  'ptp-boundary',
])

/** Adds an issue to `ctx` for every duplicate id, dangling source or reference, cycle or misplaced field. */
export function checkChain(
  chain: Pick<Chain, 'nodes'>,
  ctx: z.RefinementCtx,
  options: ChainCheckOptions = {},
): void {
  const base = options.path ?? []
  const report = (path: Path, message: string) =>
    ctx.addIssue({ code: 'custom', path: [...base, ...path], message })
  const byId = new Map<string, ChainNode>()
  chain.nodes.forEach((node, i) => {
    if (byId.has(node.id)) report(['nodes', i, 'id'], `a unique id ('${node.id}' is used twice)`)
    else byId.set(node.id, node)
  })
  const kindOf = (id: string) => byId.get(id)?.kind
  const expectNode = (id: string, path: Path) => {
    if (!byId.has(id)) report(path, `a node of this chain, not '${id}'`)
  }
  const teams = options.teams ? new Set(options.teams) : null

  chain.nodes.forEach((node, i) => {
    const path: Path = ['nodes', i]
    const seen = new Set<string>()
    node.sources.forEach((source, j) => {
      expectNode(source, [...path, 'sources', j])
      if (source === node.id) report([...path, 'sources', j], 'another node, not the node itself')
      if (seen.has(source)) report([...path, 'sources', j], `each source once ('${source}' twice)`)
      seen.add(source)
    })
    if (SOURCES_REQUIRED.has(node.kind) && node.sources.length === 0)
      report([...path, 'sources'], `at least one source for a ${node.kind}`)
    checkKindFields(node, (key, message) => report([...path, key], message), kindOf)
    node.monitoredBy.forEach((team, j) => {
      if (teams && !teams.has(team))
        report([...path, 'monitoredBy', j], `a team of this scenario, not '${team}'`)
    })
    node.monitoring.forEach((monitor, j) => {
      const at = [...path, 'monitoring', j]
      if (monitor.against !== undefined) {
        expectNode(monitor.against, [...at, 'against'])
        if (monitor.against === node.id) report([...at, 'against'], 'another node as reference')
      }
      const problem = monitorProblem(chain.nodes, node, monitor.observable, monitor.against)
      if (problem) report(at, problem)
    })
  })

  const cycle = findSourceCycle(chain.nodes)
  if (cycle) report(['nodes'], `sources without a cycle, but ${cycle.join(' → ')} feeds itself`)
}

/** Adds an issue for every attack whose id repeats or whose effect cannot hit one of its targets. */
export function checkAttacks(
  chain: Pick<Chain, 'nodes'>,
  attacks: readonly (Omit<Attack, 'effect'> & { effect?: Attack['effect'] | undefined })[],
  ctx: z.RefinementCtx,
  options: { readonly path?: Path } = {},
): void {
  const base = options.path ?? []
  const report = (path: Path, message: string) =>
    ctx.addIssue({ code: 'custom', path: [...base, ...path], message })
  const seen = new Set<string>()
  attacks.forEach((attack, i) => {
    if (seen.has(attack.id)) report([i, 'id'], `a unique id ('${attack.id}' is used twice)`)
    seen.add(attack.id)
    const effect = attack.effect
    if (!effect) {
      if (attack.targets.length > 0) report([i, 'targets'], 'no targets: this attack has no effect')
      return
    }
    attack.targets.forEach((target, j) => {
      const problem = effectTargetProblem(chain.nodes, { ...effect, target })
      if (problem) report([i, 'targets', j], problem)
    })
  })
}

function checkKindFields(
  node: ChainNode,
  report: (key: string, message: string) => void,
  kindOf: (id: string) => NodeKind | undefined,
): void {
  const only = (key: keyof ChainNode, allowed: boolean, what: string) => {
    if (node[key] !== undefined && !allowed) report(key, `no '${key}' here: it is for ${what}`)
  }
  const isConsumer = node.kind === 'consumer'
  const ntpCapable = node.kind === 'ntp-server' || isConsumer
  only('sector', isConsumer, 'consumers')
  only('stratum', node.kind === 'ntp-server', 'NTP servers')
  only('ntp', ntpCapable, 'NTP servers and consumers')
  if (node.nts && !ntpCapable) report('nts', "no 'nts' here: it is for NTP servers and consumers")
  for (const key of ['priority1', 'priority2', 'clockClass'] as const)
    only(key, isPtpKind(node.kind), 'PTP grandmasters and boundary clocks')
  only('boundaryClass', node.kind === 'ptp-boundary', 'boundary clocks')
  only('ahead', isConsumer, 'consumers')
  only('behind', isConsumer, 'consumers')
  if (node.ptpProfile !== 'default' && !isPtpKind(node.kind) && !isConsumer)
    report('ptpProfile', "no 'ptpProfile' here: it is for PTP clocks and their clients")
  if (node.gnssOutput !== 'utc' && node.kind !== 'gnss-receiver')
    report('gnssOutput', "no 'gnssOutput' here: it is for GNSS receivers")
  for (const id of Object.keys(node.localPriority))
    if (!node.sources.includes(id)) report('localPriority', `a source of this node, not '${id}'`)
  if (isConsumer && node.sector === undefined && node.toleranceNs === undefined)
    report('sector', 'a sector (or a toleranceNs) for a consumer')
  const tolerance =
    node.toleranceNs ??
    (node.sector
      ? SECTOR_TOLERANCES[node.sector].toleranceNs
      : KIND_DEFAULTS[node.kind].toleranceNs)
  if (node.degradedNs !== undefined && node.degradedNs >= tolerance)
    report('degradedNs', `a degraded limit below the tolerance (${tolerance} ns)`)
  if (disciplineOf(node, kindOf) === 'ptp' && node.kind === 'ptp-grandmaster')
    report(
      'sources',
      'a reference (receiver, fibre, lab) as a grandmaster source, not a PTP master',
    )
}

function monitorProblem(
  nodes: readonly ChainNode[],
  node: ChainNode,
  observable: string,
  against: string | undefined,
): string | null {
  const kindOf = (id: string) => nodes.find((candidate) => candidate.id === id)?.kind
  const discipline = disciplineOf(node, kindOf)
  switch (observable) {
    case 'cn0':
      return nearestReceiver(nodes, node.id) === null
        ? 'cn0 only where a GNSS receiver feeds the node'
        : null
    case 'ntp-peers':
      return discipline === 'ntp' ? null : 'ntp-peers only on an NTP server or client'
    case 'clock-class':
      return isPtpKind(node.kind) || discipline === 'ptp'
        ? null
        : 'clock-class only on a PTP grandmaster, boundary clock or PTP client'
    case 'offset-vs-gnss':
    case 'offset-vs-independent':
      return against !== undefined || defaultAgainst(nodes, node.id, observable) !== null
        ? null
        : `an 'against' node: this chain has no default reference for ${observable}`
    default:
      return null
  }
}
