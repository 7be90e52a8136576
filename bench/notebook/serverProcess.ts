/** The benchmark's servers, each in a child process (forked from this file): Holdover or Hocuspocus, with heap, CPU and event-loop figures on request. */
import type { ChildProcess } from 'node:child_process'
import { fork } from 'node:child_process'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Server as HocuspocusServer } from '@hocuspocus/server'
import { notebookTemplate } from '../../core/documents/notebookTemplate'
import { seedNotebook } from '../../core/documents/seedNotebook'
import { ScenarioLibrary } from '../../server/scenarios/ScenarioLibrary'
import { startTestServer } from '../../server/test/startTestServer'
import { cpuMs, sleep } from './measure'

export const CHILD = '--notebook-bench-server'
export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url))
export const TEAMS = ['red', 'soc', 'ot', 'observers'] as const
export type ServerKind = 'holdover' | 'hocuspocus'

// ---------------------------------------------------------------------------------------------
// Server processes
// ---------------------------------------------------------------------------------------------

export interface Heap {
  readonly heapUsed: number
  readonly external: number
  readonly arrayBuffers: number
  readonly rss: number
  readonly gc: boolean
}

/** How late the server's event loop ran a timer, since the last `cpu` request, ms. */
export interface LoopDelay {
  readonly p50: number
  readonly p99: number
  readonly max: number
}

export type ToChild = { type: 'heap' } | { type: 'cpu' } | { type: 'stop' }
export type FromChild =
  | { type: 'ready'; port: number }
  | ({ type: 'heap' } & Heap)
  | { type: 'cpu'; ms: number; loop: LoopDelay }
  | { type: 'stopped' }
  | { type: 'failed'; message: string }

export async function runChild(
  kind: ServerKind,
  dataDir: string,
  scenariosDir = '',
): Promise<void> {
  const send = (message: FromChild) => process.send?.(message)
  process.on('disconnect', () => process.exit(1))
  let port: number
  let stop: () => Promise<void>
  try {
    if (kind === 'holdover') {
      const server = await startTestServer({ dataDir, ...(scenariosDir ? { scenariosDir } : {}) })
      port = server.port
      stop = () => server.close()
    } else {
      // The same template as ours, seeded on the server when a notebook is first loaded.
      const scenario = ScenarioLibrary.load(SCENARIOS_DIR).get('drill-ntp-shift')
      if (!scenario) throw new Error(`no scenario drill-ntp-shift in ${SCENARIOS_DIR}`)
      const server = new HocuspocusServer({
        address: '127.0.0.1',
        port: 0,
        quiet: true,
        stopOnSignals: false,
        async onLoadDocument({ document, documentName }) {
          const team = /^notebook:([a-z0-9-]+)/.exec(documentName)?.[1]
          if (team) seedNotebook(document, notebookTemplate(scenario, team))
        },
      })
      await server.listen()
      port = server.address.port
      stop = () => server.destroy()
    }
  } catch (error) {
    process.send?.(
      { type: 'failed', message: String((error as Error).stack ?? error) } satisfies FromChild,
      () => process.exit(1),
    )
    return
  }
  const gc = (globalThis as { gc?: () => void }).gc
  const resolution = 2
  const loop = monitorEventLoopDelay({ resolution })
  loop.enable()
  process.on('message', async (message: ToChild) => {
    if (message.type === 'cpu') {
      // The histogram holds each timer's interval; the delay is what exceeds the resolution.
      const late = (ns: number) => Math.max(0, ns / 1e6 - resolution)
      const delay = {
        p50: late(loop.percentile(50)),
        p99: late(loop.percentile(99)),
        max: late(loop.max),
      }
      loop.reset()
      send({ type: 'cpu', ms: cpuMs(), loop: delay })
    } else if (message.type === 'heap') {
      for (let i = 0; i < 4; i++) {
        gc?.()
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const usage = process.memoryUsage()
      send({
        type: 'heap',
        heapUsed: usage.heapUsed,
        external: usage.external,
        arrayBuffers: usage.arrayBuffers,
        rss: usage.rss,
        gc: gc !== undefined,
      })
    } else if (message.type === 'stop') {
      await stop()
      send({ type: 'stopped' })
      process.disconnect()
      process.exit(0)
    }
  })
  send({ type: 'ready', port })
}

export interface ServerProcess {
  readonly kind: ServerKind
  readonly port: number
  /** http://127.0.0.1:port */
  readonly url: string
  heap(): Promise<Heap>
  /** CPU time (user + system) the server process has used so far, ms, and its loop delay since. */
  cpu(): Promise<{ ms: number; loop: LoopDelay }>
  stop(): Promise<void>
}

export const children = new Set<ChildProcess>()

/**
 * Forks this file as a server; a Holdover server keeps its data in `dataDir` (never deleted) and
 * serves the scenarios of `scenariosDir` when given (the soak seats more per team than default).
 */
export async function startServerProcess(
  kind: ServerKind,
  dataDir = '',
  scenariosDir = '',
): Promise<ServerProcess> {
  const child = fork(
    fileURLToPath(new URL('../notebook.bench.ts', import.meta.url)),
    [CHILD, kind, dataDir, scenariosDir],
    {
      execArgv: [
        ...process.execArgv,
        '--expose-gc',
        ...(process.env.HOLDOVER_BENCH_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HOLDOVER_BENCH_PROFILE}`]
          : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  children.add(child)
  let exited = false
  child.once('exit', () => {
    exited = true
    children.delete(child)
  })
  const next = <T extends FromChild['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<FromChild, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`${kind} server: no '${type}' in time`)),
        timeoutMs,
      )
      const onMessage = (message: FromChild) => {
        if (message.type === 'failed') done(new Error(`${kind} server failed: ${message.message}`))
        else if (message.type === type) done(null, message as Extract<FromChild, { type: T }>)
      }
      const onExit = (code: number | null) => done(new Error(`${kind} server exited (${code})`))
      const done = (error: Error | null, value?: Extract<FromChild, { type: T }>) => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
        if (error) reject(error)
        else resolve(value!)
      }
      child.on('message', onMessage)
      child.once('exit', onExit)
    })
  const ready = await next('ready', 60_000)
  return {
    kind,
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    async cpu() {
      const reply = next('cpu', 30_000)
      child.send({ type: 'cpu' } satisfies ToChild)
      const { ms, loop } = await reply
      return { ms, loop }
    },
    async heap() {
      const reply = next('heap', 30_000)
      child.send({ type: 'heap' } satisfies ToChild)
      const { type: _, ...heap } = await reply
      return heap
    },
    async stop() {
      if (exited) return
      const stopped = next('stopped', 20_000)
      child.send({ type: 'stop' } satisfies ToChild)
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      try {
        await stopped
        await Promise.race([gone, sleep(10_000)])
      } finally {
        if (!exited) child.kill()
      }
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------
