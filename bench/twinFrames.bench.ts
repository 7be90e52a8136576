/**
 * Twin reads for the dashboards: the old way, every socket polling `twin.view` once a second for
 * its plots (three curves of 300 points from T+0 to now, each answer encoded for its socket),
 * against pushed frames, one per audience per tick (four a second), encoded once for all of the
 * audience's sockets. Same chain, same attack, same audiences and sockets, in the same run; the
 * server's work (computing and encoding) and the bytes written to sockets per wall second. Also
 * what one 50 × 500 read costs, the most a hostile participant can ask for at once.
 *
 *   npx tsx bench/twinFrames.bench.ts [socketsPerAudience=50] [sites=4] [seconds=10]
 */
import { readTwin } from '../core/engine/twinView'
import { exampleTwinExercise } from '../core/engine/twinViewExercise'
import { type FrameBasis, nextTwinFrame } from '../core/engine/twinViewFrame'
import type { TwinViewRequest } from '../core/protocol/twinView'
import type { Audience } from '../core/protocol/viewer'
import { scaledExampleChain } from '../core/twin/exampleChain'

const socketsPerAudience = Number(process.argv[2] ?? 50)
const sites = Number(process.argv[3] ?? 4)
const seconds = Number(process.argv[4] ?? 10)
const ROUNDS = 3
const TICKS_PER_SECOND = 4
const SPEED = 60
const AUDIENCES: Audience[] = [
  { role: 'facilitator' },
  ...['lab', 'telco', 'grid-ops', 'soc', 'trading'].map(
    (teamId): Audience => ({ role: 'team', teamId }),
  ),
]

const chain = scaledExampleChain(sites)
const state = exampleTwinExercise({ chain, jammed: ['rcv-core-1', 'rcv-core-2'] }).state
const START_T = 2 * 3600

/** What a dashboard of `audience` plots: three nodes it can draw a curve of. */
function plotted(audience: Audience): string[] {
  const nodes = chain.nodes.filter((node) =>
    audience.role === 'facilitator'
      ? true
      : node.monitoredBy.includes(audience.teamId) &&
        node.monitoring.some((m) => m.observable.startsWith('offset-')),
  )
  return nodes.slice(0, 3).map((node) => node.id)
}

// The whole run at wall second s: scenario time START_T + SPEED·s.
const nowAt = (wallS: number) => START_T + SPEED * wallS

function polling(): { ms: number; bytes: number } {
  let bytes = 0
  const start = performance.now()
  for (let s = 0; s < seconds; s++) {
    const nowT = nowAt(s)
    for (const audience of AUDIENCES) {
      const nodeIds = plotted(audience)
      const request: TwinViewRequest = { series: { nodeIds, fromT: 0, toT: nowT, points: 300 } }
      for (let i = 0; i < socketsPerAudience; i++) {
        // Each socket's answer is its own packet: computed and encoded per socket.
        bytes += JSON.stringify(readTwin(state, audience, request, nowT)).length
      }
    }
  }
  return { ms: (performance.now() - start) / seconds, bytes: bytes / seconds }
}

function pushed(): { ms: number; bytes: number; encoded: number } {
  let bytes = 0
  let encoded = 0
  const bases = new Map<string, FrameBasis | null>()
  const start = performance.now()
  for (let tick = 0; tick < seconds * TICKS_PER_SECOND; tick++) {
    const nowT = nowAt(tick / TICKS_PER_SECOND)
    for (const audience of AUDIENCES) {
      const key = audience.role === 'facilitator' ? 'facilitator' : audience.teamId
      const next = nextTwinFrame(
        state,
        'bench',
        audience,
        nowT,
        bases.get(key) ?? null,
        tick % 20 === 19,
      )
      bases.set(key, next.basis)
      if (!next.frame) continue
      // One encoding per audience; the same bytes are written to each of its sockets.
      const size = JSON.stringify(next.frame).length
      encoded += size
      bytes += size * socketsPerAudience
    }
  }
  return {
    ms: (performance.now() - start) / seconds,
    bytes: bytes / seconds,
    encoded: encoded / seconds,
  }
}

function hostileRead(): number {
  const telco: Audience = { role: 'team', teamId: 'telco' }
  const nodeIds = chain.nodes
    .filter((node) => node.monitoredBy.includes('telco'))
    .map((n) => n.id)
    .slice(0, 50)
  const samples: number[] = []
  for (let i = 0; i < 10; i++) {
    const nowT = nowAt(i)
    const start = performance.now()
    JSON.stringify(
      readTwin(state, telco, { series: { nodeIds, fromT: 0, toT: nowT, points: 500 } }, nowT),
    )
    samples.push(performance.now() - start)
  }
  return samples.sort((a, b) => a - b)[5]!
}

// Warm the code and the twin's timeline first, as a running server's would be.
readTwin(
  state,
  AUDIENCES[0]!,
  { series: { nodeIds: plotted(AUDIENCES[0]!), fromT: 0, toT: START_T, points: 300 } },
  START_T,
)
// Alternated, the median of three each: the machine may be shared, and both see the same load.
const olds: ReturnType<typeof polling>[] = []
const pushes: ReturnType<typeof pushed>[] = []
for (let round = 0; round < ROUNDS; round++) {
  olds.push(polling())
  pushes.push(pushed())
}
const middle = <T extends { ms: number }>(runs: T[]): T =>
  [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!
const old = middle(olds)
const frames = middle(pushes)
const hostile = hostileRead()
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`
console.log(
  [
    `twin reads: ${AUDIENCES.length} audiences × ${socketsPerAudience} sockets, ${chain.nodes.length} nodes, clock at ${SPEED}× (node ${process.version})`,
    `  polling twin.view 1/s per socket   ${old.ms.toFixed(1)} ms of server time per wall second (median of ${ROUNDS}), ${kb(old.bytes)} written per second`,
    `  pushed frames, ${TICKS_PER_SECOND}/s per audience   ${frames.ms.toFixed(2)} ms of server time per wall second (median of ${ROUNDS}), ${kb(frames.bytes)} written per second (${kb(frames.encoded)} encoded)`,
    `  ratio polling / frames             ${(old.ms / frames.ms).toFixed(0)}× the work, ${(old.bytes / frames.bytes).toFixed(1)}× the bytes`,
    `  one 50 × 500 read (telco)          ${hostile.toFixed(2)} ms (median of 10): charged 26 units of 60, 10 a second`,
  ].join('\n'),
)
