/** One node's state for the segment that starts at an event: which source it follows, and its time error. */
import { restoredAt } from './activeEffects'
import { bestMaster, type PtpDataset } from './bmca'
import type { TwinNode } from './buildTwin'
import { unitFrom } from './noise'
import { stepNtpNode } from './ntpStep'
import { PTP } from './parameters'
import { addScaled, constant, type Quad, reanchor, shift } from './poly'
import type { GnssState, NodeSegment } from './segment'
import {
  activeSources,
  clockTerms,
  coasting,
  flatTerm,
  networkBlocked,
  on,
  or,
  ownDataset,
  ownLeaps,
  type StepContext,
} from './stepContext'

/** The node's segment from ctx.T on; its sources' segments are already in ctx.next. */
export function stepNode(ctx: StepContext, index: number): NodeSegment {
  const node = ctx.twin.nodes[index] as TwinNode
  const prev = ctx.prev?.nodes[index]
  if (on(ctx, index, 'outage').length > 0)
    return coasting(ctx, index, 'down', { serving: false, hasTime: false })
  if (prev?.mode === 'panicked' && !restoredAt(ctx.fx, index, ctx.T))
    return coasting(ctx, index, 'panicked', { serving: false, hasTime: true })
  switch (node.discipline) {
    case 'primary':
      return primary(ctx, node)
    case 'free':
      return coasting(ctx, index, 'free-run', { serving: true, hasTime: true })
    case 'ntp':
      return stepNtpNode(ctx, index)
    case 'ptp':
      return followMaster(ctx, node)
    case 'direct':
      return followFirstUsable(ctx, node)
  }
}

function primary(ctx: StepContext, node: TwinNode): NodeSegment {
  return {
    mode: 'primary',
    serving: true,
    hasTime: true,
    te: addScaled(constant(ctx.T, node.biasNs), clockTerms(ctx, node.index, true)),
    noise: [flatTerm(node)],
    selected: null,
    rogue: null,
    traceable: true,
    lostPreferred: false,
    coast: null,
    distance: constant(ctx.T, 0),
    announce: ownDataset(ctx, node, 'primary'),
    parent: ownDataset(ctx, node, 'primary'),
    leaps: ownLeaps(ctx, node.index),
    ntp: null,
    gnss: null,
  }
}

/** A locked node: its source's time error plus its own link terms. */
function locked(
  ctx: StepContext,
  node: TwinNode,
  source: NodeSegment | null,
  ownQuad: Quad,
  fields: Pick<
    Partial<NodeSegment>,
    'selected' | 'rogue' | 'traceable' | 'lostPreferred' | 'announce' | 'parent' | 'leaps' | 'gnss'
  >,
): NodeSegment {
  const base = source ? reanchor(source.te, ctx.T) : constant(ctx.T, 0)
  const te = addScaled(addScaled(base, ownQuad), clockTerms(ctx, node.index, false))
  const announce = fields.announce === undefined ? ownDataset(ctx, node, 'locked') : null
  // The fields spelled out rather than spread over the defaults (a spread is many times slower).
  return {
    mode: 'locked',
    serving: true,
    hasTime: true,
    te: shift(te, node.biasNs),
    // The node's own link noise is a new source of noise: no merging needed.
    noise: [...(source?.noise ?? []), flatTerm(node)],
    selected: or(fields.selected, null),
    rogue: or(fields.rogue, null),
    traceable: or(fields.traceable, source?.traceable ?? false),
    lostPreferred: or(fields.lostPreferred, false),
    coast: null,
    distance: constant(ctx.T, 0),
    announce: or(fields.announce, announce),
    parent: or(fields.parent, announce),
    leaps: or(fields.leaps, [...new Set([...(source?.leaps ?? []), ...ownLeaps(ctx, node.index)])]),
    ntp: null,
    gnss: or(fields.gnss, null),
  }
}

// Receivers, grandmasters, radios, fibre and 1PPS consumers: the first usable source wins.
function followFirstUsable(ctx: StepContext, node: TwinNode): NodeSegment {
  const list = activeSources(ctx, node.index)
  const receiver = node.kind === 'gnss-receiver'
  const spoof = receiver ? on(ctx, node.index, 'gnss-spoofing')[0] : undefined
  const jams = receiver ? on(ctx, node.index, 'gnss-jamming') : []
  const isConstellation = (s: number) => ctx.twin.nodes[s]?.kind === 'gnss-constellation'
  const jammed = (s: number) =>
    isConstellation(s) &&
    jams.some(
      (w) =>
        !w.effect.constellations || w.effect.constellations.includes(ctx.twin.nodes[s]?.id ?? ''),
    )
  const serving = (s: number) =>
    ctx.next[s]?.serving === true && !networkBlocked(ctx, node.index, s)
  // A spoofer overpowers jamming: the receiver locks to the counterfeit signals either way.
  const selected = list.find((s) => serving(s) && (spoof !== undefined || !jammed(s)))
  let gnss: GnssState | null = null
  if (receiver) {
    const satellites = spoof
      ? 12
      : list
          .filter((s) => isConstellation(s) && serving(s) && !jammed(s))
          .reduce(
            (sum, s) =>
              sum +
              7 +
              Math.floor(5 * unitFrom(ctx.twin.seed, node.key, ctx.twin.nodes[s]?.key ?? 0)),
            0,
          )
    gnss = { satellites, jammed: jams.length > 0, spoofed: spoof !== undefined }
  }
  if (spoof) {
    const { rateNsPerS } = spoof.effect
    const push: Quad =
      spoof.capT !== null && ctx.T >= spoof.capT
        ? constant(ctx.T, Math.sign(rateNsPerS) * (spoof.effect.maxOffsetNs ?? 0))
        : { t0: spoof.startT, a: 0, b: rateNsPerS, c: 0 }
    const source = selected === undefined ? null : (ctx.next[selected] ?? null)
    return locked(ctx, node, source, push, {
      selected: selected ?? null,
      traceable: source?.traceable ?? false,
      lostPreferred: selected !== list[0],
      gnss,
    })
  }
  // A receiver that outputs GPS time does not apply the broadcast UTC parameters.
  let own = constant(ctx.T, 0)
  if (
    receiver &&
    selected !== undefined &&
    (node.gpsOutput || on(ctx, node.index, 'gps-time-output').length > 0)
  ) {
    for (const w of on(ctx, selected, 'utc-parameters'))
      own = addScaled(own, constant(ctx.T, -w.effect.offsetNs))
  }
  if (selected === undefined) {
    return coasting(ctx, node.index, 'holdover', {
      serving: !node.transfer,
      hasTime: !node.transfer,
      extra: { gnss },
    })
  }
  return locked(ctx, node, ctx.next[selected] ?? null, own, {
    selected,
    lostPreferred: selected !== list[0],
    gnss,
  })
}

// Boundary clocks and PTP clients: the BMCA picks among the masters they hear (and a rogue).
function followMaster(ctx: StepContext, node: TwinNode): NodeSegment {
  const list = activeSources(ctx, node.index)
  const ports = node.ptpPorts
  const portPriority = (s: number | undefined) =>
    (s === undefined ? undefined : ports.localPriority.get(s)) ?? PTP.defaultLocalPriority
  const candidates: {
    dataset: PtpDataset
    localPriority: number
    source: number | null
    window: number | null
  }[] = []
  for (const s of list) {
    const announce = ctx.next[s]?.announce
    if (ctx.next[s]?.serving && announce && !networkBlocked(ctx, node.index, s))
      candidates.push({
        dataset: announce,
        localPriority: portPriority(s),
        source: s,
        window: null,
      })
  }
  const open =
    !ctx.switches.has(node.index) &&
    on(ctx, node.index, 'force-holdover').length === 0 &&
    on(ctx, node.index, 'isolate').length === 0
  // A G.8275.1 clock with masterOnly ports never takes a master heard on them: only a rogue on
  // the link of its own slave port gets a hearing.
  const rogues = open
    ? on(ctx, node.index, 'ptp-rogue-gm').filter(
        (w) => !ports.masterOnly || w.effect.port === 'upstream',
      )
    : []
  for (const w of rogues) {
    const e = w.effect
    candidates.push({
      dataset: {
        priority1: ports.telecom ? PTP.telecomPriority1 : e.priority1,
        clockClass: e.clockClass,
        clockAccuracy: e.clockAccuracy,
        offsetScaledLogVariance: e.offsetScaledLogVariance,
        priority2: e.priority2,
        identity: e.clockIdentity,
        stepsRemoved: 0,
        leap61: false,
        currentUtcOffset: 37,
        rogue: true,
      },
      localPriority: portPriority(e.port === 'upstream' ? list[0] : undefined),
      source: null,
      window: w.index,
    })
  }
  const best = candidates[bestMaster(candidates, ports.telecom)]
  if (!best) {
    return coasting(ctx, node.index, 'holdover', { serving: true, hasTime: true })
  }
  const rogue = rogues.find((w) => w.index === best.window)
  let own: Quad = rogue
    ? { t0: rogue.startT, a: rogue.effect.offsetNs, b: rogue.effect.rateNsPerS, c: 0 }
    : constant(ctx.T, 0)
  for (const w of on(ctx, node.index, 'ptp-delay-asymmetry'))
    own = addScaled(own, constant(ctx.T, -w.effect.asymmetryNs / 2))
  const source = best.source === null ? null : (ctx.next[best.source] ?? null)
  const announce =
    node.kind === 'ptp-boundary'
      ? { ...best.dataset, stepsRemoved: best.dataset.stepsRemoved + 1 }
      : null
  return locked(ctx, node, source, own, {
    selected: best.source,
    rogue: best.window,
    traceable: source?.traceable === true && best.window === null,
    lostPreferred: best.source !== preferredPort(list, portPriority),
    announce,
    parent: best.dataset,
    leaps: source?.leaps ?? [],
  })
}

// The source a clock prefers: the first listed, or under G.8275.1 the port with the best
// (lowest) localPriority.
function preferredPort(
  list: readonly number[],
  priority: (s: number) => number,
): number | undefined {
  let best = list[0]
  for (const s of list) if (best !== undefined && priority(s) < priority(best)) best = s
  return best
}
