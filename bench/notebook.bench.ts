/**
 * Team notebooks (Yjs over our Socket.IO connection), with Hocuspocus, the reference Yjs server,
 * as the baseline measured in the same run:
 *
 * 1–2. Edit propagation: N editors (one participant each) in one notebook take turns typing 2–5
 *      characters at the end of their own paragraph, 3 edits/s per editor, at most 8 edits in
 *      flight; a delivery is the time from the editor's doc emitting the update to another
 *      editor's doc having applied it. Holdover and Hocuspocus (4.7, in memory, no extension,
 *      the same template seeded in onLoadDocument) run alternately, A B A B, each on a fresh
 *      server. Every ack must be ok, every edit must reach every editor, and a fresh client must
 *      get the same text. The CPU time of the server and of the client process is printed too.
 * 3.   Server heap per open notebook: K notebooks, each opened by one client and filled with
 *      ~20 KB of text, heap used after global.gc() in the server process, delta / K.
 * 4.   Load of a notebook with 10,000 logged updates (real keystroke updates of a Y.Doc, written
 *      straight into the store with appendDocumentUpdates): sync step 1 to the full text, first
 *      with the whole log to read, then from the checkpoint the server wrote meanwhile.
 *
 * Servers run in child processes (this file, forked with --expose-gc by notebook/serverProcess.ts): the clients and a server
 * share no event loop, and the heap measured is the server's alone. Exits 1 when a run failed.
 *
 *   npx tsx bench/notebook.bench.ts [editors=30] [rounds=20] [pairs=2] [notebooks=50] \
 *     [parts=propagation,memory,load]
 *
 * NOTEBOOK_BENCH_EDITS_PER_S sets the edits a second per editor (3; the budget is 30, burst 120);
 * NOTEBOOK_BENCH_TRACE=1 prints on stderr where the time goes.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { hocuspocusSession, holdoverSession } from './notebook/editors'
import { commitTimes, LOAD_REPEATS, loadBench } from './notebook/load'
import { kb, stats, summary } from './notebook/measure'
import {
  FILL_CHARS,
  FILL_PARAGRAPHS,
  hocuspocusMemory,
  holdoverMemory,
  type MemoryResult,
} from './notebook/memory'
import { cpuLine, type PropagationResult, propagation } from './notebook/propagation'
import { CHILD, children, runChild, type ServerKind } from './notebook/serverProcess'

async function main(): Promise<void> {
  const editors = Number(process.argv[2] ?? 30)
  const rounds = Number(process.argv[3] ?? 20)
  const pairs = Number(process.argv[4] ?? 2)
  const notebooks = Number(process.argv[5] ?? 50)
  const parts = new Set((process.argv[6] ?? 'propagation,memory,load').split(','))
  const perEditor = Number(process.env.NOTEBOOK_BENCH_EDITS_PER_S ?? 3)
  const perSecond = perEditor * editors
  const maxInFlight = 8
  const root = mkdtempSync(path.join(tmpdir(), 'holdover-notebook-bench-'))
  let failed = false
  try {
    if (parts.has('propagation')) {
      console.log(
        `edit propagation: ${editors} editors in one notebook, ${rounds} rounds of one edit each (2–5 characters), ${perSecond} edits/s in all (${perEditor}/s per editor), at most ${maxInFlight} in flight`,
      )
    }
    const results: Record<ServerKind, PropagationResult[]> = {
      holdover: [],
      hocuspocus: [],
    }
    for (let pair = 0; parts.has('propagation') && pair < pairs; pair++) {
      for (const kind of ['holdover', 'hocuspocus'] as const) {
        const label = `${kind === 'holdover' ? 'A holdover' : 'B hocuspocus'} #${pair + 1}`
        try {
          const dir = path.join(root, `edits-${pair}`)
          mkdirSync(dir, { recursive: true })
          const session =
            kind === 'holdover'
              ? await holdoverSession(editors, dir)
              : await hocuspocusSession(editors)
          try {
            const result = await propagation(session, rounds, perSecond, maxInFlight)
            results[kind].push(result)
            console.log(summary(label, result.deliveries))
            console.log(`  ${''.padEnd(30)} ${cpuLine(result)}`)
          } finally {
            await session.close()
          }
        } catch (error) {
          failed = true
          console.log(`  ${label.padEnd(30)} FAILED: ${(error as Error).message}`)
        }
      }
    }
    const pooled = (kind: ServerKind, key: 'deliveries' | 'acks') =>
      results[kind].flatMap((result) => result[key])
    if (results.holdover.length > 0 && results.hocuspocus.length > 0) {
      const ours = stats(pooled('holdover', 'deliveries'))
      const theirs = stats(pooled('hocuspocus', 'deliveries'))
      console.log(summary('all holdover runs', pooled('holdover', 'deliveries')))
      console.log(summary('all hocuspocus runs', pooled('hocuspocus', 'deliveries')))
      const pairRatios = results.holdover
        .map((run, i) => {
          const other = results.hocuspocus[i]
          if (!other) return null
          const a = stats(run.deliveries)
          const b = stats(other.deliveries)
          return `#${i + 1} p50 ${(a.p50 / b.p50).toFixed(2)}× p99 ${(a.p99 / b.p99).toFixed(2)}×`
        })
        .filter(Boolean)
      console.log(
        `  holdover / hocuspocus: p50 ${(ours.p50 / theirs.p50).toFixed(2)}×, p99 ${(ours.p99 / theirs.p99).toFixed(2)}× (pooled); per pair: ${pairRatios.join('; ')}`,
      )
      console.log('ack of an edit (holdover: durable in SQLite; hocuspocus: applied in memory):')
      console.log(
        summary(
          'one SQLite commit, here',
          await commitTimes(root, 50),
          'commits (synchronous = FULL, blocking the event loop)',
        ),
      )
      console.log(summary('holdover ack', pooled('holdover', 'acks'), 'acks'))
      console.log(summary('hocuspocus ack (SyncStatus)', pooled('hocuspocus', 'acks'), 'acks'))
    }

    if (parts.has('memory')) {
      try {
        const dir = path.join(root, 'memory')
        mkdirSync(dir)
        const ours = await holdoverMemory(notebooks, dir)
        console.log(
          `\nserver heap per open notebook: ${notebooks} notebooks, each opened by one client and filled with ${FILL_PARAGRAPHS} paragraphs of ${FILL_CHARS} characters (${ours.gc ? 'after global.gc()' : 'NO global.gc available: figures include garbage'}):`,
        )
        const line = (name: string, result: MemoryResult) =>
          `  ${name.padEnd(30)} heap ${kb(result.perNotebook).padStart(9)} per notebook  (external ${kb(result.externalPerNotebook)}; Yjs state ${kb(result.stateBytes)})`
        console.log(line('holdover', ours))
        const theirs = await hocuspocusMemory(notebooks)
        console.log(line('hocuspocus', theirs))
        console.log(
          `  holdover / hocuspocus: ${(ours.perNotebook / theirs.perNotebook).toFixed(2)}×`,
        )
      } catch (error) {
        failed = true
        console.log(`  memory FAILED: ${(error as Error).message}`)
      }
    }

    if (parts.has('load')) {
      try {
        await loadBench(root, LOAD_REPEATS)
      } catch (error) {
        failed = true
        console.log(`  load FAILED: ${(error as Error).stack}`)
      }
    }
  } finally {
    for (const child of children) child.kill()
    rmSync(root, { recursive: true, force: true })
  }
  if (failed) console.log('\nsome runs FAILED')
  process.exit(failed ? 1 : 0)
}

if (process.argv[2] === CHILD) {
  await runChild(process.argv[3] as ServerKind, process.argv[4] ?? '', process.argv[5] ?? '')
} else {
  await main()
}
