/**
 * Fog of war on the twin: what an audience may read of the timing chain, on request (`twin.view`)
 * and in its frames. The white cell reads ground truth, at any moment (a projection ahead
 * included); a team reads what its monitoring measures, on the nodes it knows, up to now.
 */
import type { NodeTruth, TwinViewRequest } from '../protocol/twinView'
import type { Audience } from '../protocol/viewer'
import type { Scenario } from '../scenario/schema'
import type { Alert } from '../twin/alerts'
import type { TwinMonitor, TwinNode } from '../twin/buildTwin'
import type { ChainNode } from '../twin/chainShape'
import { type TwinState, teamView } from '../twin/evaluateTwin'
import type { Observation } from '../twin/observables'
import { scenarioForTeam } from './scenarioForTeam'

/** What `audience`'s dashboards show of the twin at one moment: node truths (white cell only), observations, alerts. */
export interface TwinPicture {
  readonly nodes?: readonly NodeTruth[]
  readonly observations: readonly Observation[]
  readonly alerts: readonly Alert[]
}

/** A span of a series read: its nodes, its ends (scenario seconds) and its samples per node. */
export type SeriesSpan = NonNullable<TwinViewRequest['series']>

/** The moment and span a read is made at, or why it may not be made. */
export type ReadWindow =
  | { readonly ok: true; readonly t: number; readonly series?: SeriesSpan }
  | { readonly ok: false; readonly message: string }

/**
 * When `audience` may read the twin, asked `request` at scenario time `nowT`: the white cell at
 * any moment it asks; a team never after now, so its moment and the end of its span are cut to
 * now, and a span that starts after now is refused.
 */
export function readWindow(audience: Audience, request: TwinViewRequest, nowT: number): ReadWindow {
  const asked = request.series
  if (audience.role === 'facilitator') {
    return { ok: true, t: request.t ?? nowT, ...(asked ? { series: asked } : {}) }
  }
  if (asked && asked.fromT > nowT) {
    return {
      ok: false,
      message: `twin.view: the series starts at ${asked.fromT} s, after now (${Math.floor(nowT)} s on the scenario clock); a team reads only what has happened.`,
    }
  }
  const t = Math.min(request.t ?? nowT, nowT)
  if (!asked) return { ok: true, t }
  const series = {
    ...asked,
    fromT: Math.min(asked.fromT, nowT),
    toT: Math.min(Math.max(asked.toT, asked.fromT), nowT),
  }
  return { ok: true, t, series }
}

/** The nodes of the chain `audience` knows: every one for the white cell, a team's own share. */
export function knownNodes(scenario: Scenario, audience: Audience): readonly ChainNode[] {
  const chain =
    audience.role === 'facilitator'
      ? scenario.chain
      : scenarioForTeam(scenario, audience.teamId).chain
  return chain?.nodes ?? []
}

/** What `audience` may see of the twin evaluated at one moment (`now`). */
export function twinPictureFor(now: TwinState, audience: Audience): TwinPicture {
  if (audience.role === 'team') return teamView(now, audience.teamId)
  return {
    nodes: now.nodes.map(
      ({ id, status, timeErrorNs, toleranceNs, mode, selectedSource, traceable }) => ({
        id,
        status,
        timeErrorNs,
        toleranceNs,
        mode,
        selectedSource,
        traceable,
      }),
    ),
    observations: now.nodes.flatMap((node) => node.observations),
    alerts: now.alerts,
  }
}

/** The empty picture of `audience`, for an exercise without a chain. */
export function emptyPicture(audience: Audience): TwinPicture {
  return audience.role === 'facilitator'
    ? { nodes: [], observations: [], alerts: [] }
    : { observations: [], alerts: [] }
}

/** The monitors of `node` whose measured offsets team `teamId` may plot: none on a node it does not monitor. */
export function plottedMonitors(node: TwinNode, teamId: string): readonly OffsetMonitor[] {
  if (!node.monitoredBy.includes(teamId)) return []
  return node.monitors.filter(
    (monitor): monitor is OffsetMonitor =>
      monitor.observable === 'offset-vs-gnss' || monitor.observable === 'offset-vs-independent',
  )
}

/** A monitor that measures an offset, the only kind a team's curves plot. */
export type OffsetMonitor = TwinMonitor & {
  readonly observable: 'offset-vs-gnss' | 'offset-vs-independent'
}
