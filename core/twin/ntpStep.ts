/**
 * An NTP node at an event: which servers it can reach, which survive the selection, and what its
 * software does with the offset. ntpd [6][20]: slew below 128 ms at 0.5 ms/s, step after the
 * 300 s stepout, exit (panic) beyond 1000 s (a supervised `ntpd -g` restarts and steps). chrony
 * [21]: slews everything at up to 83 ms/s. w32time [22]: steps past 5 s at the poll that sees it,
 * refuses past its maximum correction. A client learns of a change at its next poll.
 */
import { leapKey, restoredAt } from './activeEffects'
import { linkDistanceNs, type NtpClient, nextPollAfter, type TwinNode } from './buildTwin'
import { ntpShiftNs } from './effectSchema'
import { combineNoise } from './noise'
import { NTP } from './parameters'
import { addScaled, constant, type Quad, quadAt, reanchor, shift } from './poly'
import type { Daemon, Mode, NodeSegment, NtpState, Peer, PeerStatus, WeightBasis } from './segment'
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
  const prev = ctx.prev?.nodes[index]
  // A poll is already due: whatever changed outside waits for it, so nothing to compute now.
  if (prev?.ntp?.pollDueT != null && prev.ntp.pollDueT > ctx.T && outsideChange(ctx, index, prev))
    return prev
  const fresh = pollNow(ctx, index)
  if (!prev?.ntp || !deferred(ctx, index, prev, fresh)) return fresh
  // What its servers now say reaches it at its next poll; until then it keeps what it had.
  const client = ctx.twin.nodes[index]?.ntp
  if (!client) return fresh
  const { ntp } = prev
  return withNtp(prev, {
    daemon: ntp.daemon,
    target: ntp.target,
    pending: ntp.pending,
    spikeStartT: ntp.spikeStartT,
    peers: ntp.peers,
    stratum: ntp.stratum,
    basis: ntp.basis,
    pollDueT: pollThatSees(ctx, index, client),
    startedT: ntp.startedT,
  })
}

// The poll at which a change outside the client reaches it: the next one, except that ntpd's
// clock filter uses the least-delay of its last eight samples (RFC 5905 §10), so a change that
// lengthens the path (an on-path delay attack) is seen only once the eight shorter samples
// before it have aged out: at the eighth poll after it.
function pollThatSees(ctx: StepContext, index: number, client: NtpClient): number {
  const next = nextPollAfter(client, ctx.T)
  if (client.implementation !== 'ntpd') return next
  for (const source of activeSources(ctx, index))
    for (const w of on(ctx, source, 'ntp-shift'))
      if (w.startT === ctx.T && w.effect.side === 'server' && w.effect.method === 'delay')
        return next + (NTP.filterSamples - 1) * client.pollS
  return next
}

// The segment with another NTP state, its fields spelled out (a spread is many times slower).
function withNtp(segment: NodeSegment, ntp: NtpState): NodeSegment {
  return {
    mode: segment.mode,
    serving: segment.serving,
    hasTime: segment.hasTime,
    te: segment.te,
    noise: segment.noise,
    selected: segment.selected,
    rogue: segment.rogue,
    traceable: segment.traceable,
    lostPreferred: segment.lostPreferred,
    coast: segment.coast,
    distance: segment.distance,
    announce: segment.announce,
    parent: segment.parent,
    leaps: segment.leaps,
    ntp,
    gnss: segment.gnss,
  }
}

// A change outside the client (a server's time, an on-path shift, a server going) waits for the
// client's next poll; what happens to the client itself (its own effects, a restart, a leap
// its kernel applies, its own scheduled times) does not.
function deferred(ctx: StepContext, index: number, prev: NodeSegment, fresh: NodeSegment): boolean {
  return outsideChange(ctx, index, prev) && !sameView(prev, fresh, ctx.T)
}

// True when nothing at ctx.T happens to the synchronised client itself.
function outsideChange(ctx: StepContext, index: number, prev: NodeSegment): boolean {
  if (ctx.quiet || !prev.ntp?.target || prev.mode === 'down' || prev.mode === 'panicked')
    return false
  if ((ctx.prevDue[index] ?? Infinity) <= ctx.T || restoredAt(ctx.fx, index, ctx.T)) return false
  const T = ctx.T
  for (const w of ctx.fx.byTarget[index] ?? [])
    if (w.startT === T || w.endT === T || w.clearT === T || w.capT === T || w.leapT === T)
      return false
  if (prev.leaps.length > 0)
    for (const w of ctx.fx.windows)
      if (w.leapT === T && prev.leaps.includes(leapKey(w))) return false
  return true
}

function sameView(prev: NodeSegment, fresh: NodeSegment, T: number): boolean {
  const a = prev.ntp
  const b = fresh.ntp
  if (!a?.target || !b?.target || a.daemon !== b.daemon) return false
  if (a.peers.length !== b.peers.length) return false
  if (a.peers.some((peer, k) => peer.status !== b.peers[k]?.status)) return false
  const far = T + 86_400
  return (
    Math.abs(quadAt(a.target, T) - quadAt(b.target, T)) < PENDING_EPS_NS &&
    Math.abs(quadAt(a.target, far) - quadAt(b.target, far)) < PENDING_EPS_NS
  )
}

// The node as a poll at ctx.T would leave it.
function pollNow(ctx: StepContext, index: number): NodeSegment {
  const node = ctx.twin.nodes[index] as TwinNode
  const client = node.ntp as NtpClient
  const prev = ctx.prev?.nodes[index] ?? null
  const peers = associations(ctx, index)
  const usable = peers.filter((peer) => peer.status === null)
  const chosen = selectTruechimers(
    usable.map((peer) => ({
      offsetNs: quadAt(thetaOf(ctx, peer), ctx.probeT),
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
  const restart =
    restoredAt(ctx.fx, index, ctx.T) || prev?.mode === 'down' || prev?.mode === 'panicked'
  // When the daemon last started (null: before the scenario, long past its first updates).
  const startedT = restart ? ctx.T : (prev?.ntp?.startedT ?? null)
  if (!sysPeer) {
    return coasting(ctx, index, 'holdover', {
      serving: true,
      hasTime: true,
      extra: { ntp: ntpState('unsync', null, constant(ctx.T, 0), null, finalPeers, 16, startedT) },
    })
  }

  const basis = weightBasis(ctx, prev, survivors)
  const weights = basis.map((b) => 1 / b.distanceNs)
  const total = weights.reduce((sum, w) => sum + w, 0)
  let target: Quad = constant(ctx.T, 0)
  survivors.forEach((peer, k) => {
    target = addScaled(target, thetaOf(ctx, peer), (weights[k] ?? 0) / total)
  })
  const targetNoise = combineNoise(
    survivors.map((peer, k) => [ctx.next[peer.source]?.noise ?? [], (weights[k] ?? 0) / total]),
  )

  const rejectLeap = on(ctx, index, 'reject-leap').length > 0
  const figures = client.discipline
  let jumpNs = 0
  for (const w of on(ctx, index, 'server-compromise'))
    if (w.startT === ctx.T) jumpNs += w.effect.offsetNs
  if (!rejectLeap) {
    const due = new Map<string, number>()
    for (const w of ctx.fx.windows)
      if (w.leapT === ctx.T && w.leapT < w.endT) due.set(leapKey(w), w.leapStepNs)
    for (const [key, stepNs] of due) if (prev?.leaps.includes(key)) jumpNs += stepNs
  }
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
  } else if (Math.abs(p) > client.maxCorrectionNs) {
    // w32time past MaxPos/NegPhaseCorrection: it logs the refusal and keeps its own time, still
    // serving its domain.
    return coasting(ctx, index, 'holdover', {
      serving: true,
      hasTime: true,
      extra: {
        ntp: ntpState('refused', null, constant(ctx.T, 0), null, finalPeers, stratum, startedT),
        lostPreferred: true,
      },
    })
  } else if (Math.abs(p) > figures.panicThresholdNs && client.supervised) {
    // ntpd exits, its supervisor restarts it with -g, and the first update is stepped.
    pending = constant(ctx.T, 0)
  } else if (Math.abs(p) > figures.panicThresholdNs) {
    return coasting(ctx, index, 'panicked', {
      serving: false,
      hasTime: true,
      restartAtNs: teBefore(ctx, index) + jumpNs,
      extra: {
        ntp: ntpState('panic', null, constant(ctx.T, 0), null, finalPeers, stratum, startedT),
        lostPreferred,
      },
    })
  } else if (Math.abs(p) >= stepThresholdNs(client, startedT, ctx.T)) {
    spikeStartT = prev?.ntp?.daemon === 'spike' ? (prev.ntp.spikeStartT ?? ctx.T) : ctx.T
    if (ctx.T >= stepDueT(client, spikeStartT) - STEP_EPS_S) {
      pending = constant(ctx.T, 0)
      spikeStartT = null
    } else {
      daemon = 'spike'
      mode = 'stepping'
    }
  } else if (p !== 0) {
    daemon = 'slew'
    mode = 'slewing'
    pending = { t0: ctx.T, a: p, b: -Math.sign(p) * figures.slewNsPerS, c: 0 }
  }
  const te = addScaled(target, pending, -1)
  const leaps = rejectLeap
    ? []
    : majorityLeaps(
        ctx,
        survivors.map((peer) => peer.source),
        ownLeaps(ctx, index),
      ).filter((key) => ownLeaps(ctx, index).includes(key) || leapAccepted(ctx, client, key))
  return {
    mode,
    serving: true,
    hasTime: true,
    te: shift(te, node.biasNs),
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
    announce: ownDataset(ctx, node, mode),
    parent: ownDataset(ctx, node, mode),
    leaps,
    ntp: ntpState(daemon, target, pending, spikeStartT, finalPeers, stratum, startedT, basis),
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

// The offset θ a server shows on this association: its time error plus any on-path shift.
// (Functions in this file are declared at module level: tsx names every nested one on each call.)
function thetaOf(ctx: StepContext, peer: DraftPeer): Quad {
  return addScaled(reanchor(sourceTe(ctx, peer), ctx.T), peer.shift)
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
  startedT: number | null,
  basis: readonly WeightBasis[] = [],
): NonNullable<NodeSegment['ntp']> {
  return { daemon, target, pending, spikeStartT, peers, stratum, basis, pollDueT: null, startedT }
}

// The offset from which the software steps rather than slews. chrony [21] steps only as its
// `makestep` allows: beyond the threshold, in the first `limit` clock updates after it started
// (the start's own synchronisation being the first; -1: at any update); otherwise it slews.
function stepThresholdNs(client: NtpClient, startedT: number | null, T: number): number {
  const { makestep } = client
  if (client.implementation !== 'chrony') return client.discipline.stepThresholdNs
  if (!makestep) return Number.POSITIVE_INFINITY
  if (makestep.limit < 0) return makestep.thresholdNs
  if (startedT === null) return Number.POSITIVE_INFINITY
  const updates = 1 + pollsBetween(client, startedT, T)
  return updates <= makestep.limit ? makestep.thresholdNs : Number.POSITIVE_INFINITY
}

// How many polls fall in (a, b].
function pollsBetween(client: NtpClient, a: number, b: number): number {
  const index = (t: number) => Math.floor((t - client.pollPhaseS) / client.pollS)
  return index(b) - index(a)
}

/** Slack for comparing a poll time computed two ways (s). */
const STEP_EPS_S = 1e-6

/** When a spike seen at `spikeStartT` is stepped: the first poll once the stepout is over. */
export function stepDueT(client: NtpClient, spikeStartT: number): number {
  if (client.discipline.stepoutS === 0) return spikeStartT
  return nextPollAfter(client, spikeStartT + client.discipline.stepoutS - 2 * STEP_EPS_S)
}

// Leap calendars [20][21]: ntpd takes a leap for the end of the current month unless a valid
// leap-seconds file says otherwise or it was announced in the month's first hour; chrony only at
// the end of 30 June or 31 December; w32time ignores the indicator (est: it corrects the second
// at a later poll like any other offset).
function leapAccepted(ctx: StepContext, client: NtpClient, key: string): boolean {
  const window = ctx.fx.windows.find((w) => w.leapT !== null && leapKey(w) === key)
  if (!window) return true
  switch (client.implementation) {
    case 'ntpd':
      return client.leapFile !== 'valid' && !window.leapFirstHour
    case 'chrony':
      return window.leapCalendar === 'june-december'
    case 'w32time':
      return false
  }
}
