/**
 * An NTP node at an event: which servers it can reach, which survive the selection, and what its
 * daemon does with the offset (RFC 5905, ntpd): slew below 128 ms at 0.5 ms/s, step after a
 * 900 s stepout, exit (panic) beyond 1000 s.
 */
import { leapKey, restoredAt } from './activeEffects'
import { linkDistanceNs, type TwinNode } from './buildTwin'
import { ntpShiftNs } from './effectSchema'
import { combineNoise } from './noise'
import { NTP } from './parameters'
import { addScaled, constant, type Quad, quadAt, reanchor } from './poly'
import type { Daemon, Mode, NodeSegment, Peer, PeerStatus, WeightBasis } from './segment'
import { selectTruechimers } from './selectServers'
import {
  activeSources,
  coasting,
  flatTerm,
  networkBlocked,
  on,
  ownDataset,
  ownLeaps,
  type StepContext,
  teBefore,
} from './stepContext'

/** Offsets below this are treated as zero (rounding of re-anchored quadratics). */
const PENDING_EPS_NS = 0.5

/** The NTP node's segment from ctx.T on. */
export function stepNtpNode(ctx: StepContext, index: number): NodeSegment {
  const node = ctx.twin.nodes[index] as TwinNode
  const prev = ctx.prev?.nodes[index] ?? null
  const peers = associations(ctx, index)
  const usable = peers.filter((peer) => peer.status === null)
  const theta = (peer: DraftPeer) => addScaled(reanchor(sourceTe(ctx, peer), ctx.T), peer.shift)
  const chosen = selectTruechimers(
    usable.map((peer) => ({
      offsetNs: quadAt(theta(peer), ctx.probeT),
      distanceNs: quadAt(peer.distance, ctx.probeT),
    })),
  )
  const survivors =
    chosen.length >= (node.ntp?.minsane ?? 1) ? chosen.map((k) => usable[k] as DraftPeer) : []
  const sysPeer = survivors.reduce<DraftPeer | null>(
    (best, peer) =>
      best === null || quadAt(peer.distance, ctx.probeT) < quadAt(best.distance, ctx.probeT)
        ? peer
        : best,
    null,
  )
  const finalPeers: Peer[] = peers.map((peer) => ({
    source: peer.source,
    shift: peer.shift,
    distance: peer.distance,
    status: statusOf(peer, survivors, sysPeer),
  }))
  const lostPreferred = finalPeers.some((p) => p.status !== 'sys.peer' && p.status !== 'candidate')
  if (!sysPeer) {
    return coasting(ctx, index, 'holdover', {
      serving: true,
      hasTime: true,
      extra: { ntp: ntpState('unsync', null, constant(ctx.T, 0), null, finalPeers, 16) },
    })
  }

  const basis = weightBasis(ctx, prev, survivors)
  const weights = basis.map((b) => 1 / b.distanceNs)
  const total = weights.reduce((sum, w) => sum + w, 0)
  let target: Quad = constant(ctx.T, 0)
  survivors.forEach((peer, k) => {
    target = addScaled(target, theta(peer), (weights[k] ?? 0) / total)
  })
  const targetNoise = combineNoise(
    survivors.map((peer, k) => [ctx.next[peer.source]?.noise ?? [], (weights[k] ?? 0) / total]),
  )

  const rejectLeap = on(ctx, index, 'reject-leap').length > 0
  let jumpNs = 0
  for (const w of on(ctx, index, 'server-compromise'))
    if (w.startT === ctx.T) jumpNs += w.effect.offsetNs
  if (!rejectLeap) {
    const due = new Map<string, number>()
    for (const w of ctx.fx.windows)
      if (w.leapT === ctx.T && w.leapT < w.endT) due.set(leapKey(w), w.leapStepNs)
    for (const [key, stepNs] of due) if (prev?.leaps.includes(key)) jumpNs += stepNs
  }
  const restart =
    restoredAt(ctx.fx, index, ctx.T) || prev?.mode === 'down' || prev?.mode === 'panicked'
  let p = 0
  if (prev && !restart && !ctx.quiet) {
    p = prev.ntp?.target
      ? quadAt(prev.ntp.pending, ctx.T) +
        quadAt(target, ctx.T) -
        quadAt(prev.ntp.target, ctx.T) -
        jumpNs
      : quadAt(target, ctx.T) + node.biasNs - quadAt(prev.te, ctx.T) - jumpNs
  }
  if (Math.abs(p) < PENDING_EPS_NS) p = 0

  const steerNsPerS = on(ctx, index, 'frequency-steer').reduce(
    (sum, w) => sum + w.effect.fractional * 1e9,
    0,
  )
  const held = steerNsPerS !== 0 || on(ctx, index, 'server-compromise').length > 0
  let daemon: Daemon = 'sync'
  let mode: Mode = 'locked'
  let pending: Quad = constant(ctx.T, p)
  let spikeStartT: number | null = null
  const stratum =
    node.stratum ??
    1 +
      Math.min(
        ...survivors.map((peer) =>
          sourceNode(ctx, peer).kind === 'ntp-server'
            ? (ctx.next[peer.source]?.ntp?.stratum ?? 15)
            : 0,
        ),
      )
  if (held) {
    // The attacker holds the daemon: nothing is corrected, the clock runs at the steered rate.
    daemon = 'held'
    pending = { t0: ctx.T, a: p, b: -steerNsPerS, c: 0 }
  } else if (Math.abs(p) > NTP.panicThresholdNs) {
    return coasting(ctx, index, 'panicked', {
      serving: false,
      hasTime: true,
      restartAtNs: teBefore(ctx, index) + jumpNs,
      extra: {
        ntp: ntpState('panic', null, constant(ctx.T, 0), null, finalPeers, stratum),
        lostPreferred,
      },
    })
  } else if (Math.abs(p) >= NTP.stepThresholdNs) {
    spikeStartT = prev?.ntp?.daemon === 'spike' ? (prev.ntp.spikeStartT ?? ctx.T) : ctx.T
    if (ctx.T >= spikeStartT + NTP.stepoutS) {
      pending = constant(ctx.T, 0)
      spikeStartT = null
    } else {
      daemon = 'spike'
      mode = 'stepping'
    }
  } else if (p !== 0) {
    daemon = 'slew'
    mode = 'slewing'
    pending = { t0: ctx.T, a: p, b: -Math.sign(p) * NTP.slewNsPerS, c: 0 }
  }
  const te = addScaled(target, pending, -1)
  const leaps = rejectLeap
    ? []
    : majorityLeaps(
        ctx,
        survivors.map((peer) => peer.source),
        ownLeaps(ctx, index),
      )
  return {
    mode,
    serving: true,
    hasTime: true,
    te: { ...te, a: te.a + node.biasNs },
    noise: combineNoise([
      [targetNoise, 1],
      [[flatTerm(node)], 1],
    ]),
    selected: sysPeer.source,
    rogue: null,
    traceable: ctx.next[sysPeer.source]?.traceable === true,
    lostPreferred,
    coast: null,
    distance: reanchor(sysPeer.distance, ctx.T),
    // A grandmaster disciplined by NTP still announces itself to its PTP clients.
    announce: ownDataset(node, mode),
    parent: ownDataset(node, mode),
    leaps,
    ntp: { ...ntpState(daemon, target, pending, spikeStartT, finalPeers, stratum), basis },
    gnss: null,
  }
}

interface DraftPeer {
  readonly source: number
  readonly status: PeerStatus | null
  readonly shift: Quad
  readonly distance: Quad
}

function sourceNode(ctx: StepContext, peer: DraftPeer): TwinNode {
  return ctx.twin.nodes[peer.source] as TwinNode
}

function sourceTe(ctx: StepContext, peer: DraftPeer): Quad {
  return ctx.next[peer.source]?.te ?? constant(ctx.T, 0)
}

// Each configured server: reachable or not, KoD, NTS, on-path shifts and its root distance.
function associations(ctx: StepContext, index: number): DraftPeer[] {
  const node = ctx.twin.nodes[index] as TwinNode
  const clientNts = node.nts || on(ctx, index, 'enable-nts').length > 0
  const clientShifts = on(ctx, index, 'ntp-shift').filter((w) => w.effect.side === 'client')
  return activeSources(ctx, index).map((source): DraftPeer => {
    const server = ctx.twin.nodes[source] as TwinNode
    const segment = ctx.next[source]
    let shift = constant(ctx.T, 0)
    let distance = addScaled(
      reanchor(segment?.distance ?? constant(ctx.T, 0), ctx.T),
      constant(ctx.T, linkDistanceNs(ctx.twin.chain, index, source)),
    )
    let status: PeerStatus | null = null
    if (!segment?.serving || networkBlocked(ctx, index, source)) status = 'unreachable'
    else if (server.kind === 'ntp-server') {
      const serverNts = server.nts || on(ctx, source, 'enable-nts').length > 0
      const shifts = [
        ...on(ctx, source, 'ntp-shift').filter((w) => w.effect.side === 'server'),
        ...clientShifts,
      ]
      if (clientNts && !serverNts) status = 'nts-failed'
      else if (!clientNts && on(ctx, source, 'ntp-kod').length > 0) status = 'kod'
      else if (clientNts && shifts.some((w) => w.effect.method === 'rewrite')) status = 'nts-failed'
      for (const w of shifts) {
        const offsetNs = ntpShiftNs(w.effect)
        shift = addScaled(shift, constant(ctx.T, offsetNs))
        if (w.effect.method === 'delay')
          distance = addScaled(distance, constant(ctx.T, Math.abs(offsetNs)))
      }
    }
    if (status === null && quadAt(distance, ctx.probeT) > NTP.maxDistanceNs)
      status = 'excess-distance'
    return { source, status, shift, distance }
  })
}

// Survivors are weighted by 1/λ (RFC 5905 §11.2.3). λ is fixed per segment: the weights are
// kept until a survivor's distance has doubled or halved (an event the timeline schedules) or the
// survivors change, so that an unrelated event elsewhere does not nudge the combined offset.
function weightBasis(
  ctx: StepContext,
  prev: NodeSegment | null,
  survivors: readonly DraftPeer[],
): WeightBasis[] {
  const now = survivors.map((peer) => ({
    source: peer.source,
    distanceNs: Math.max(quadAt(peer.distance, ctx.probeT), 1),
  }))
  const kept = prev?.ntp?.basis
  if (
    kept &&
    kept.length === now.length &&
    kept.every((b, k) => {
      const current = now[k]
      return (
        current !== undefined &&
        b.source === current.source &&
        current.distanceNs <= 2 * b.distanceNs &&
        current.distanceNs >= b.distanceNs / 2
      )
    })
  )
    return [...kept]
  return now
}

function statusOf(
  peer: DraftPeer,
  survivors: readonly DraftPeer[],
  sysPeer: DraftPeer | null,
): PeerStatus {
  if (peer.status !== null) return peer.status
  if (peer === sysPeer) return 'sys.peer'
  return survivors.includes(peer) ? 'candidate' : 'falseticker'
}

// A leap announced by more than half of the survivors is armed (ntpd's leap voting).
function majorityLeaps(
  ctx: StepContext,
  sources: readonly number[],
  own: readonly string[],
): string[] {
  const counts = new Map<string, number>()
  for (const source of sources) {
    for (const leap of ctx.next[source]?.leaps ?? []) counts.set(leap, (counts.get(leap) ?? 0) + 1)
  }
  const armed = [...counts].filter(([, n]) => 2 * n > sources.length).map(([leap]) => leap)
  return [...new Set([...armed, ...own])]
}

function ntpState(
  daemon: Daemon,
  target: Quad | null,
  pending: Quad,
  spikeStartT: number | null,
  peers: readonly Peer[],
  stratum: number,
): NonNullable<NodeSegment['ntp']> {
  return { daemon, target, pending, spikeStartT, peers, stratum, basis: [] }
}
