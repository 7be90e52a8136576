import { describe, expect, it } from 'vitest'
import { buildTwin, nextPollAfter } from './buildTwin'
import type { ActiveEffect } from './effectSchema'
import { evaluateTwin } from './evaluateTwin'
import { nextTwinChange } from './nextTwinChange'
import { selectTruechimers } from './selectServers'
import { at, type NtpChainOptions, ntpChain, shiftOf } from './testChains'

const SHIFT_AT = 100

function nodeAt(
  effects: readonly ActiveEffect[],
  t: number,
  id: string,
  nts = false,
  options: NtpChainOptions = {},
) {
  const state = evaluateTwin(buildTwin(ntpChain({ nts, ...options }), { seed: 5 }), effects, t)
  const node = state.nodes.find((n) => n.id === id)
  if (!node) throw new Error(id)
  return { ...node, systematicNs: node.timeErrorNs - node.wanderNs }
}

const shifted = (servers: string[], offsetNs: number) =>
  servers.map((id) => at(shiftOf(id, offsetNs), SHIFT_AT))

/** The first poll of a node after t (its software sees a change there). */
function pollAfter(id: string, t: number, options: NtpChainOptions = {}): number {
  const twin = buildTwin(ntpChain(options), { seed: 5 })
  const client = twin.nodes[twin.byId.get(id) ?? -1]?.ntp
  if (!client) throw new Error(id)
  return nextPollAfter(client, t)
}

describe('NTP selection (RFC 5905 intersection)', () => {
  it('finds the intervals that agree and rejects the rest, a majority needed', () => {
    const ms = 1e6
    const good = { offsetNs: 0, distanceNs: ms }
    const bad = { offsetNs: 360e9, distanceNs: ms }
    expect(selectTruechimers([good, bad, good, good])).toEqual([0, 2, 3])
    expect(selectTruechimers([good, bad, bad, bad])).toEqual([1, 2, 3])
    expect(selectTruechimers([good, bad])).toEqual([])
    expect(selectTruechimers([good, good, bad, bad])).toEqual([])
    expect(
      selectTruechimers([
        { offsetNs: 0, distanceNs: ms },
        { offsetNs: 1.5 * ms, distanceNs: ms },
      ]),
    ).toEqual([0, 1])
  })

  it('leaves a client where it was when the attacker holds a minority of its servers', () => {
    const effects = shifted(['s1'], 360e9)
    const dc = nodeAt(effects, SHIFT_AT + 2_000, 'dc')
    expect(Math.abs(dc.timeErrorNs)).toBeLessThan(1e6)
    expect(dc.status).toBe('degraded') // one server rejected
    const peers = dc.observations.find((o) => o.observable === 'ntp-peers')
    expect(peers).toMatchObject({ daemon: 'sync' })
    expect(peers && 'peers' in peers && peers.peers.find((p) => p.id === 's1')?.state).toBe(
      'falseticker',
    )
  })

  it('moves a client when the attacker holds a majority', () => {
    const effects = shifted(['s1', 's2', 's3'], 200e9)
    expect(nodeAt(effects, SHIFT_AT + 1_000, 'dc').systematicNs).toBeCloseTo(200e9, -6)
  })

  it('needs a majority: two of four disagreeing leaves the client unsynchronised', () => {
    const dc = nodeAt(shifted(['s1', 's2'], 360e9), SHIFT_AT + 2_000, 'dc')
    expect(dc.mode).toBe('holdover')
    expect(Math.abs(dc.timeErrorNs)).toBeLessThan(1e6)
  })
})

describe('the NTP clock discipline (ntpd 4.2.8)', () => {
  it('steps a 360 s shift after the 300 s stepout, at the first poll past it', () => {
    const effects = shifted(['s1', 's2', 's3'], 360e9)
    const seen = pollAfter('dc', SHIFT_AT)
    expect(seen - SHIFT_AT).toBeLessThanOrEqual(64)
    // Until its poll the client has not heard; then it waits out the stepout.
    expect(nodeAt(effects, seen - 0.01, 'dc').mode).toBe('locked')
    const waiting = nodeAt(effects, seen + 299, 'dc')
    expect(waiting.mode).toBe('stepping')
    expect(Math.abs(waiting.systematicNs)).toBeLessThan(1e3)
    const stepT = pollAfter('dc', seen + 299.9)
    expect(stepT - seen).toBe(320) // five 64 s polls: the first at or past 300 s
    expect(nodeAt(effects, stepT - 0.01, 'dc').mode).toBe('stepping')
    const stepped = nodeAt(effects, stepT, 'dc')
    expect(stepped.mode).toBe('locked')
    expect(stepped.systematicNs).toBeCloseTo(360e9, -6)
    expect(stepped.status).toBe('failed') // Kerberos: 300 s
    expect(nodeAt(effects, seen, 'dc').status).toBe('degraded')
    const twin = buildTwin(ntpChain(), { seed: 5 })
    let t = seen + 1
    let fail = nextTwinChange(twin, effects, t, 86_400, { alerts: false })
    while (fail && !fail.statuses.some((c) => c.nodeId === 'dc')) {
      t = fail.tSeconds
      fail = nextTwinChange(twin, effects, t, 86_400, { alerts: false })
    }
    expect(fail?.tSeconds).toBe(stepT)
    expect(fail?.statuses.find((c) => c.nodeId === 'dc')?.status).toBe('failed')
  })

  it('staggers the polls of a fleet: two clients see the same shift at different seconds', () => {
    expect(pollAfter('dc', SHIFT_AT)).not.toBe(pollAfter('broker', SHIFT_AT))
  })

  it('steps 999 s after the stepout, and panics at 1001 s: the daemon exits', () => {
    const seen = pollAfter('dc', SHIFT_AT)
    const stepT = pollAfter('dc', seen + 299.9)
    const below = nodeAt(shifted(['s1', 's2', 's3'], 999e9), stepT, 'dc')
    expect(below.mode).toBe('locked')
    expect(below.systematicNs).toBeCloseTo(999e9, -6)
    const effects = shifted(['s1', 's2', 's3'], 1_001e9)
    const dc = nodeAt(effects, SHIFT_AT + 5_000, 'dc')
    expect(dc.mode).toBe('panicked')
    expect(dc.status).toBe('failed')
    // It stays where it was, drifting on its own system clock.
    expect(Math.abs(nodeAt(effects, seen + 60, 'dc').systematicNs)).toBeLessThan(1e6)
    expect(nodeAt(effects, seen, 'dc').mode).toBe('panicked')
    const app = nodeAt(effects, SHIFT_AT + 5_000, 'app')
    expect(app.mode).toBe('holdover') // its server has gone
    const peers = dc.observations.find((o) => o.observable === 'ntp-peers')
    expect(peers).toMatchObject({ daemon: 'panic', peers: [] })
  })

  it('turns the panic into a step when a supervisor restarts it with -g', () => {
    const options = { client: { supervised: true } }
    const seen = pollAfter('dc', SHIFT_AT, options)
    const dc = nodeAt(shifted(['s1', 's2', 's3'], 1_001e9), seen, 'dc', false, options)
    expect(dc.mode).toBe('locked')
    expect(dc.systematicNs).toBeCloseTo(1_001e9, -6)
  })

  it('restarts a panicked daemon on restore, stepping at once (ntpd -g)', () => {
    const effects = [
      ...shifted(['s1', 's2', 's3'], 2_000e9),
      at({ kind: 'restore', target: 'dc' }, SHIFT_AT + 600),
    ]
    const dc = nodeAt(effects, SHIFT_AT + 601, 'dc')
    expect(dc.mode).toBe('locked')
    expect(dc.systematicNs).toBeCloseTo(2_000e9, -6)
  })

  it('slews a shift below 128 ms at 0.5 ms/s from the poll that sees it', () => {
    const effects = shifted(['s1', 's2', 's3'], 50e6)
    const seen = pollAfter('dc', SHIFT_AT)
    const sinceSeen = (s: number) => nodeAt(effects, seen + s, 'dc')
    expect(sinceSeen(20).mode).toBe('slewing')
    expect(sinceSeen(20).systematicNs).toBeCloseTo(10e6, -4)
    expect(sinceSeen(60).systematicNs).toBeCloseTo(30e6, -4)
    expect(sinceSeen(100).mode).toBe('locked')
    expect(sinceSeen(100).systematicNs).toBeCloseTo(50e6, -4)
    const twin = buildTwin(ntpChain(), { seed: 5 })
    let t = SHIFT_AT
    let failedAt: number | null = null
    while (failedAt === null) {
      const change = nextTwinChange(twin, effects, t, 3_600, { alerts: false })
      if (!change) break
      if (change.statuses.some((c) => c.nodeId === 'broker' && c.status === 'failed'))
        failedAt = change.tSeconds
      t = change.tSeconds
    }
    // finance-other fails at 1 ms: 2 s into the slew.
    expect((failedAt ?? 0) - pollAfter('broker', SHIFT_AT)).toBeCloseTo(2, 2)
  })

  it('under NTS, drops forged replies instead of believing them, but not delayed ones', () => {
    const forged = shifted(['s1', 's2', 's3'], 200e9)
    const dc = nodeAt(forged, SHIFT_AT + 2_000, 'dc', true)
    expect(Math.abs(dc.timeErrorNs)).toBeLessThan(1e6)
    const peers = dc.observations.find((o) => o.observable === 'ntp-peers')
    expect(peers && 'peers' in peers && peers.peers.map((p) => p.state)).toEqual([
      'nts-failed',
      'nts-failed',
      'nts-failed',
      'sys.peer',
    ])
    const delayed = ['s1', 's2', 's3'].map((id) =>
      at(
        { kind: 'ntp-shift', target: id, offsetNs: 20e6, side: 'server', method: 'delay' },
        SHIFT_AT,
      ),
    )
    const moved = nodeAt(delayed, SHIFT_AT + 2_000, 'dc', true)
    expect(moved.systematicNs).toBeGreaterThan(1e6)
  })

  it('stops using a server that sends a Kiss-o’-Death, unless NTS authenticates the server', () => {
    const kod = [at({ kind: 'ntp-kod', target: 's1', code: 'DENY' }, SHIFT_AT)]
    const t = pollAfter('dc', SHIFT_AT) + 1
    const peers = (nts: boolean) =>
      nodeAt(kod, t, 'dc', nts).observations.find((o) => o.observable === 'ntp-peers')
    expect(peers(false) && 'peers' in peers(false)! && peers(false)!.peers[0]?.state).toBe('kod')
    expect(peers(true) && 'peers' in peers(true)! && peers(true)!.peers[0]?.state).toBe('sys.peer')
  })

  it('inserts a false leap second announced by a majority, then steps back after the stepout', () => {
    const leap = ['s1', 's2', 's3'].map((id) =>
      at({ kind: 'false-leap-second', target: id, leapAfterS: 600, direction: 'insert' }, SHIFT_AT),
    )
    const leapT = SHIFT_AT + 600
    const before = nodeAt(leap, leapT - 1, 'dc')
    expect(Math.abs(before.systematicNs)).toBeLessThan(1e3)
    const peers = before.observations.find((o) => o.observable === 'ntp-peers')
    expect(peers).toMatchObject({ leapAnnounced: true })
    const after = nodeAt(leap, leapT + 1, 'dc')
    expect(after.systematicNs).toBeCloseTo(-1e9, -3)
    // The servers step back after their stepout, the client after its own.
    expect(nodeAt(leap, leapT + 1_801, 'dc').systematicNs).toBeCloseTo(0, -3)
    // A client told to ignore leap announcements keeps its time and waits the servers out.
    const rejected = [...leap, at({ kind: 'reject-leap', target: 'dc' }, 0)]
    expect(Math.abs(nodeAt(rejected, leapT + 1, 'dc').systematicNs)).toBeLessThan(1e3)
    expect(nodeAt(rejected, leapT + 1_501, 'dc')).toMatchObject({ mode: 'locked' })
    expect(Math.abs(nodeAt(rejected, leapT + 1_501, 'dc').systematicNs)).toBeLessThan(1e3)
  })
})
