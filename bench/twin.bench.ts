/**
 * The twin's speed on a ~500-node chain: building it, evaluating every node at one scenario
 * time (cold: the timeline computed from T+0; warm: already computed), and solving the next
 * status change. Baseline in the same run: a fixed-step scan (1 s steps of `statusesAt`) for
 * the same change, which is what a tick-based simulation would do, and is still late by up to
 * a step.
 *
 * Before and after in one run: unless `--no-baseline` is given, the same benchmark of each base
 * commit (`--baseline=<rev>[,<rev>…]`, default e0367b8, the twin before its second pass, and
 * 3e6b6da, the second pass before it was made incremental) is run first, from a copy extracted
 * with `git archive` into the temporary directory with this file as its benchmark, so that every
 * set of figures comes from the same measurement on the same machine under the same load.
 *
 *   npx tsx bench/twin.bench.ts [copies=23] [rounds=200] [--baseline=<rev>[,<rev>…] | --no-baseline]
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ActiveEffect } from '../core/twin/effectSchema'
import { scaledExampleChain } from '../core/twin/exampleChain'
import { buildTwin, evaluateTwin, nextTwinChange, statusesAt } from '../core/twin/index'

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const copies = Number(positional[0] ?? 23)
const rounds = Number(positional[1] ?? 200)
const baselineRevs = (
  process.argv.find((arg) => arg.startsWith('--baseline='))?.slice('--baseline='.length) ??
  'e0367b8,3e6b6da'
).split(',')

// The base commit's own benchmark, run from an extracted copy that shares this node_modules.
function baselineFigures(rev: string): string {
  const root = path.resolve(import.meta.dirname, '..')
  const dir = path.join(tmpdir(), `holdover-twin-baseline-${rev}`)
  if (!existsSync(path.join(dir, 'bench', 'twin.bench.ts'))) {
    mkdirSync(dir, { recursive: true })
    const archive = execFileSync('git', ['-C', root, 'archive', rev], { maxBuffer: 1 << 30 })
    execFileSync('tar', ['-x', '-C', dir], { input: archive })
  }
  // The same measurement code against the base commit's twin, so the figures compare like for like.
  copyFileSync(path.join(root, 'bench', 'twin.bench.ts'), path.join(dir, 'bench', 'twin.bench.ts'))
  if (!existsSync(path.join(dir, 'node_modules')))
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/twin.bench.ts', String(copies), String(rounds), '--no-baseline'],
    { cwd: dir, encoding: 'utf8' },
  )
}

if (!process.argv.includes('--no-baseline')) {
  for (const rev of baselineRevs) {
    try {
      console.log(`before (base ${rev}):\n${baselineFigures(rev).trimEnd()}\n`)
    } catch (error) {
      console.log(`before: the baseline ${rev} could not be run (${String(error)})\n`)
    }
  }
  console.log('after (this tree):')
}
const STEP_S = 1

// Wall time, and the process's CPU time (user + system), which a machine shared with other
// work inflates far less: both are printed for the one-off figures.
function timed<T>(run: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const value = run()
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { ms, cpuMs: (used.user + used.system) / 1000, value }
}

const both = (run: { ms: number; cpuMs: number }) => `${fmt(run.ms)} (cpu ${fmt(run.cpuMs)})`

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`)

const chain = scaledExampleChain(copies)
const built = timed(() => buildTwin(chain, { seed: 2026 }))
const twin = built.value

// Jam every core site at T+00:10, and shift a majority of one site's stratum-1 servers by 360 s.
const effects: ActiveEffect[] = [
  ...chain.nodes
    .filter((node) => node.kind === 'gnss-receiver' && node.id.startsWith('rcv-core'))
    .map((node) => ({ effect: { kind: 'gnss-jamming' as const, target: node.id }, startT: 600 })),
  ...['ntp-s1c', 'ntp-pool', 'ntp-s1a'].map((target) => ({
    effect: {
      kind: 'ntp-shift' as const,
      target,
      offsetS: 360,
      side: 'server' as const,
      method: 'rewrite' as const,
    },
    startT: 1_800,
  })),
]

// Warm the code (not the caches) on other effects first, as a running server's would be.
evaluateTwin(twin, effects.slice(0, 20), 5 * 3600)
evaluateTwin(twin, effects.slice(0, 30), 3 * 3600)
const cold = timed(() => evaluateTwin(twin, effects, 5 * 3600))
// One more attack during the exercise: the timeline before it is reused.
const added: ActiveEffect[] = [
  ...effects,
  { effect: { kind: 'outage', target: 'ntp-s2-3' }, startT: 4.5 * 3600 },
]
const extended = timed(() => evaluateTwin(twin, added, 5 * 3600))
const warm: number[] = []
for (let i = 0; i < rounds; i++) {
  const t = 600 + ((i * 7919) % 86_400)
  warm.push(timed(() => evaluateTwin(twin, effects, t)).ms)
}

// The next status change after T+01:00 (the OCXO grandmasters passing 250 ns); statuses only,
// as the scan below sees them, then with alerts as the engine asks for them.
const from = 3_600
const until = 3 * 86_400
const solve: number[] = []
const full: number[] = []
const answer = nextTwinChange(twin, effects, from, until, { alerts: false })
const fullAnswer = nextTwinChange(twin, effects, from, until)
for (let i = 0; i < Math.min(rounds, 50); i++) {
  solve.push(timed(() => nextTwinChange(twin, effects, from, until, { alerts: false })).ms)
  full.push(timed(() => nextTwinChange(twin, effects, from, until)).ms)
}
if (!answer || !fullAnswer) throw new Error('no change found')

const before = statusesAt(twin, effects, from)
const scan = timed(() => {
  let evaluations = 0
  for (let t = from + STEP_S; t <= until; t += STEP_S) {
    evaluations++
    const now = statusesAt(twin, effects, t)
    for (const [id, status] of now) if (before.get(id) !== status) return { t, evaluations }
  }
  return null
})
if (!scan.value) throw new Error('scan found nothing')

const chainSteps: string[] = []
let t = 0
const walk = timed(() => {
  for (;;) {
    const change = nextTwinChange(twin, effects, t, until)
    if (!change) return
    chainSteps.push(change.tSeconds.toFixed(0))
    t = change.tSeconds
  }
})

const lines = [
  `twin benchmark: ${twin.nodes.length} nodes, ${effects.length} effects (node ${process.version})`,
  `  buildTwin                              ${both(built)}`,
  `  evaluateTwin, cold (timeline from T+0)  ${both(cold)}`,
  `  evaluateTwin, one attack added at T+4:30 ${both(extended)} (timeline before it reused)`,
  `  evaluateTwin, warm (median of ${rounds})     ${fmt(median(warm))}`,
  `  next status change after T+01:00      ${fmt(median(solve))} → t = ${answer.tSeconds.toFixed(3)} s (${answer.statuses.map((c) => c.nodeId).join(', ')})`,
  `  baseline: ${STEP_S} s fixed-step scan       ${fmt(scan.ms)} → t = ${scan.value.t} s (${scan.value.evaluations} evaluations)`,
  `  ratio scan / solve                     ${(scan.ms / median(solve)).toFixed(0)}×; the scan is ${(scan.value.t - answer.tSeconds).toFixed(3)} s late`,
  `  next change with alerts                ${fmt(median(full))} → t = ${fullAnswer.tSeconds.toFixed(3)} s`,
  `  every change T+0 → T+72h               ${both(walk)} (${chainSteps.length} changes, alerts included)`,
]
console.log(lines.join('\n'))
