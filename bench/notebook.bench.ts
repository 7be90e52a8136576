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
 * Servers run in child processes (this file, forked with --expose-gc): the clients and a server
 * share no event loop, and the heap measured is the server's alone. Exits 1 when a run failed.
 *
 *   npx tsx bench/notebook.bench.ts [editors=30] [rounds=20] [pairs=2] [notebooks=50] \
 *     [parts=propagation,memory,load]
 *
 * NOTEBOOK_BENCH_EDITS_PER_S sets the edits a second per editor (3; the budget is 30, burst 120);
 * NOTEBOOK_BENCH_TRACE=1 prints on stderr where the time goes.
 */
import type { ChildProcess } from 'node:child_process'
import { fork } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { Server as HocuspocusServer } from '@hocuspocus/server'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { NOTEBOOK_FIELD, notebookName } from '../core/documents/documentName'
import { documentText } from '../core/documents/documentText'
import { notebookTemplate } from '../core/documents/notebookTemplate'
import { seedNotebook } from '../core/documents/seedNotebook'
import type { YjsReply } from '../core/protocol'
import { CHECKPOINT_EVERY } from '../server/documents/SharedDocument'
import { ScenarioLibrary } from '../server/scenarios/ScenarioLibrary'
import { SqliteStore } from '../server/store/SqliteStore'
import type { DocumentUpdateRecord } from '../server/store/Store'
import type { TestClient } from '../server/test/startTestServer'
import { ADMIN_TOKEN, connect, startTestServer } from '../server/test/startTestServer'
import { TestDocClient } from '../server/test/yjsClient'

const CHILD = '--notebook-bench-server'
const SCENARIOS_DIR = fileURLToPath(new URL('../scenarios', import.meta.url))
const TEAMS = ['red', 'soc', 'ot', 'observers'] as const
type ServerKind = 'holdover' | 'hocuspocus'

// ---------------------------------------------------------------------------------------------
// Server processes
// ---------------------------------------------------------------------------------------------

interface Heap {
  readonly heapUsed: number
  readonly external: number
  readonly arrayBuffers: number
  readonly rss: number
  readonly gc: boolean
}

/** How late the server's event loop ran a timer, since the last `cpu` request, ms. */
interface LoopDelay {
  readonly p50: number
  readonly p99: number
  readonly max: number
}

type ToChild = { type: 'heap' } | { type: 'cpu' } | { type: 'stop' }
type FromChild =
  | { type: 'ready'; port: number }
  | ({ type: 'heap' } & Heap)
  | { type: 'cpu'; ms: number; loop: LoopDelay }
  | { type: 'stopped' }
  | { type: 'failed'; message: string }

async function runChild(kind: ServerKind, dataDir: string): Promise<void> {
  const send = (message: FromChild) => process.send?.(message)
  process.on('disconnect', () => process.exit(1))
  let port: number
  let stop: () => Promise<void>
  try {
    if (kind === 'holdover') {
      const server = await startTestServer({ dataDir })
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

interface ServerProcess {
  readonly kind: ServerKind
  readonly port: number
  /** http://127.0.0.1:port */
  readonly url: string
  heap(): Promise<Heap>
  /** CPU time (user + system) the server process has used so far, ms, and its loop delay since. */
  cpu(): Promise<{ ms: number; loop: LoopDelay }>
  stop(): Promise<void>
}

const children = new Set<ChildProcess>()

/** Forks this file as a server; a Holdover server keeps its data in `dataDir` (never deleted). */
async function startServerProcess(kind: ServerKind, dataDir = ''): Promise<ServerProcess> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD, kind, dataDir], {
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
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

/** CPU time (user + system) this process has used so far, ms. */
function cpuMs(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

const began = performance.now()
/** With NOTEBOOK_BENCH_TRACE set, says on stderr where the time goes. */
function trace(what: string): void {
  if (process.env.NOTEBOOK_BENCH_TRACE) {
    process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${what}\n`)
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

interface Stats {
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly max: number
  readonly count: number
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    count: sorted.length,
  }
}

const ms = (value: number) => `${value.toFixed(2)} ms`

function summary(name: string, samples: number[], unit = 'deliveries'): string {
  const s = stats(samples)
  return `  ${name.padEnd(30)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  max ${ms(s.max).padStart(9)}  (${s.count} ${unit})`
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** Resolves when `probe` holds, polling every few ms; rejects with `what` after `timeoutMs`. */
async function until(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PROSE =
  'Stratum 1 at the core site reports a 360 s step; the SOC sees Kerberos failures on two domain controllers while the OT historian drifts. We pin chrony to the GNSS-disciplined source and hold the PTP grandmaster, then check the leap indicator on every upstream peer. '

/** A typist: each call gives the next `length` characters of PROSE, from a seeded start. */
function typist(seed: number): (length: number) => string {
  const next = random(seed)
  let at = Math.floor(next() * PROSE.length)
  return (length) => {
    let out = ''
    for (let i = 0; i < length; i++) {
      out += PROSE[at]
      at = (at + 1) % PROSE.length
    }
    return out
  }
}

function newParagraph(fragment: Y.XmlFragment, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  const content = new Y.XmlText(text)
  paragraph.insert(0, [content])
  fragment.insert(fragment.length, [paragraph])
  return content
}

// ---------------------------------------------------------------------------------------------
// HTTP and Holdover clients
// ---------------------------------------------------------------------------------------------

async function api<T>(
  url: string,
  method: string,
  route: string,
  body?: unknown,
  token: string | null = ADMIN_TOKEN,
): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (token) headers.authorization = `Bearer ${token}`
  const res = await fetch(`${url}${route}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

interface Exercise {
  readonly id: string
  readonly joinCodes: Record<string, string>
}

const createExercise = (url: string) =>
  api<Exercise>(url, 'POST', '/api/exercises', { scenarioId: 'drill-ntp-shift' })

const join = (url: string, code: string, name: string) =>
  api<{ token: string; participantId: string }>(url, 'POST', '/api/join', { code, name }, null)

async function connectParticipant(url: string, token: string): Promise<TestClient> {
  const client = await connect({ url }, { token })
  await client.waitForSnapshot(20_000)
  return client
}

/**
 * Counts what a TestDocClient has sent and what came back: every update of its own doc and every
 * answer to a server's step 1 is a send with an ack. A refusal is kept, and fails the run.
 */
class HoldoverAcks {
  private sends = 0
  private acks = 0
  readonly refusals: string[] = []
  onAck?: (at: number) => void

  constructor(private readonly client: TestDocClient) {
    client.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      // TestDocClient applies what the server sends with origin 'remote', and sends the rest.
      if (origin !== 'remote') this.sends += 1
    })
    const push = client.replies.push.bind(client.replies)
    client.replies.push = (...replies: YjsReply[]) => {
      const at = performance.now()
      for (const reply of replies) {
        this.acks += 1
        if (!reply.ok) this.refusals.push(`${reply.error.code}: ${reply.error.message}`)
        this.onAck?.(at)
      }
      return push(...replies)
    }
  }

  get expected(): number {
    return this.sends + this.client.received.filter((m) => m.type === 'sync-step1').length
  }

  check(what: string): void {
    if (this.refusals.length > 0) {
      throw new Error(`${what}: ${this.refusals.length} refused ack(s), first ${this.refusals[0]}`)
    }
  }

  async settled(what: string, timeoutMs = 20_000): Promise<void> {
    await until(() => this.acks >= this.expected || this.refusals.length > 0, what, timeoutMs)
    this.check(what)
  }
}

// ---------------------------------------------------------------------------------------------
// 1–2. Edit propagation
// ---------------------------------------------------------------------------------------------

/** One editor's doc, whatever the server: its acks, and how to close it. */
interface Editor {
  readonly doc: Y.Doc
  /** Called once per ack of an update this editor sent, in order. */
  onAck?: (at: number) => void
  /** Throws on a refused or missing ack. */
  settled(what: string): Promise<void>
  /** Throws at once when an ack so far was a refusal (or the connection failed). */
  check(what: string): void
}

interface EditorSession {
  readonly server: ServerProcess
  readonly editors: Editor[]
  /** A fresh client's view of the server's document, for the final check. */
  serverText(): Promise<string>
  close(): Promise<void>
}

async function holdoverSession(count: number, dataDir: string): Promise<EditorSession> {
  const server = await startServerProcess('holdover', dataDir)
  const sockets: TestClient[] = []
  try {
    const exercise = await createExercise(server.url)
    const name = notebookName('red')
    const joinAndOpen = async (label: string) => {
      const joined = await join(server.url, exercise.joinCodes.red!, label)
      const socket = await connectParticipant(server.url, joined.token)
      sockets.push(socket)
      const client = new TestDocClient(socket.socket, name)
      const acks = new HoldoverAcks(client)
      const opened = await client.open()
      if (!opened.ok) throw new Error(`open refused: ${opened.error.message}`)
      return { client, acks }
    }
    const editors: Editor[] = []
    for (let i = 0; i < count; i++) {
      const { client, acks } = await joinAndOpen(`editor ${i}`)
      const editor: Editor = {
        doc: client.doc,
        settled: (what) => acks.settled(`${what} (editor ${i})`),
        check: (what) => acks.check(`${what} (editor ${i})`),
      }
      acks.onAck = (at) => editor.onAck?.(at)
      editors.push(editor)
    }
    return {
      server,
      editors,
      async serverText() {
        const { client, acks } = await joinAndOpen('checker')
        await acks.settled('checker')
        return client.text
      },
      async close() {
        for (const socket of sockets) socket.close()
        await server.stop()
      },
    }
  } catch (error) {
    for (const socket of sockets) socket.close()
    await server.stop()
    throw error
  }
}

async function hocuspocusSession(count: number): Promise<EditorSession> {
  const server = await startServerProcess('hocuspocus')
  const url = `ws://127.0.0.1:${server.port}`
  const sockets: HocuspocusProviderWebsocket[] = []
  const providers: HocuspocusProvider[] = []
  const failures: string[] = []
  const open = async (label: string) => {
    // One WebSocket per editor, as one browser per participant.
    const socket = new HocuspocusProviderWebsocket({
      url,
      WebSocketPolyfill: WebSocket,
      // No awareness here (our clients announce no caret either): no idle reconnects meanwhile.
      messageReconnectTimeout: 600_000,
    })
    sockets.push(socket)
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: notebookName('red'),
      document: new Y.Doc(),
      awareness: null,
      onAuthenticationFailed: ({ reason }) => failures.push(`${label}: auth failed: ${reason}`),
      onClose: ({ event }) => failures.push(`${label}: closed ${event.code} ${event.reason}`),
    })
    providers.push(provider)
    provider.attach()
    await until(() => provider.synced || failures.length > 0, `${label} to sync`)
    if (failures.length > 0) throw new Error(failures[0])
    return provider
  }
  const settled = async (provider: HocuspocusProvider, what: string) => {
    await until(
      () => provider.unsyncedChanges === 0 || failures.length > 0,
      `${what}: every update applied by the server`,
    )
    if (failures.length > 0) throw new Error(`${what}: ${failures[0]}`)
  }
  try {
    const editors: Editor[] = []
    for (let i = 0; i < count; i++) {
      const provider = await open(`editor ${i}`)
      const editor: Editor = {
        doc: provider.document,
        settled: (what) => settled(provider, `${what} (editor ${i})`),
        check: (what) => {
          if (failures.length > 0) throw new Error(`${what} (editor ${i}): ${failures[0]}`)
        },
      }
      let unsynced = provider.unsyncedChanges
      provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        const at = performance.now()
        for (let k = number; k < unsynced; k++) editor.onAck?.(at)
        unsynced = number
      })
      editors.push(editor)
    }
    return {
      server,
      editors,
      async serverText() {
        const provider = await open('checker')
        return documentText(provider.document)
      },
      async close() {
        for (const provider of providers) provider.destroy()
        for (const socket of sockets) socket.destroy()
        await server.stop()
      },
    }
  } catch (error) {
    for (const provider of providers) provider.destroy()
    for (const socket of sockets) socket.destroy()
    await server.stop()
    throw error
  }
}

interface InFlight {
  readonly index: number
  readonly editor: number
  readonly client: number
  /** The editor's state (clock) just after the edit: a receiver has it when its state reaches it. */
  readonly clock: number
  readonly at: number
  readonly waiting: Set<number>
}

/**
 * Watches every editor's doc: a delivery is an edit in flight that a receiver's doc now holds
 * (its state for the editor's client reached the edit's clock), timed at the end of the
 * transaction that applied it.
 */
class Deliveries {
  readonly samples: number[] = []
  readonly inFlight = new Set<InFlight>()
  /** performance.now() at the end of each editor's last local transaction. */
  readonly lastLocalAt: number[] = []
  private wake: (() => void) | null = null
  private readonly listeners: ((transaction: Y.Transaction) => void)[] = []

  constructor(private readonly docs: Y.Doc[]) {
    docs.forEach((doc, receiver) => {
      this.lastLocalAt.push(0)
      const listener = (transaction: Y.Transaction) => {
        const now = performance.now()
        if (transaction.local) {
          this.lastLocalAt[receiver] = now
          return
        }
        for (const edit of this.inFlight) {
          if (!edit.waiting.has(receiver)) continue
          if (Y.getState(doc.store, edit.client) < edit.clock) continue
          edit.waiting.delete(receiver)
          this.samples.push(now - edit.at)
          if (edit.waiting.size === 0) {
            this.inFlight.delete(edit)
            this.wake?.()
          }
        }
      }
      this.listeners.push(listener)
      doc.on('afterTransaction', listener)
    })
  }

  /** Stops watching the docs. */
  close(): void {
    for (const [i, doc] of this.docs.entries()) doc.off('afterTransaction', this.listeners[i]!)
  }

  /** Records the edit editor `editor` has just made (its transaction has ended). */
  sent(index: number, editor: number): void {
    const doc = this.docs[editor]!
    const waiting = new Set(this.docs.keys())
    waiting.delete(editor)
    this.inFlight.add({
      index,
      editor,
      client: doc.clientID,
      clock: Y.getState(doc.store, doc.clientID),
      at: this.lastLocalAt[editor]!,
      waiting,
    })
  }

  /** Waits until fewer than `limit` edits are in flight; throws when one is older than `lostMs`. */
  async below(limit: number, lostMs: number): Promise<void> {
    while (this.inFlight.size >= limit) {
      const oldest = [...this.inFlight].reduce((a, b) => (a.at <= b.at ? a : b))
      const age = performance.now() - oldest.at
      if (age > lostMs) {
        throw new Error(
          `lost update: edit #${oldest.index} by editor ${oldest.editor} not applied by editor(s) ${[...oldest.waiting].join(', ')} after ${(age / 1000).toFixed(1)} s`,
        )
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100)
        this.wake = () => {
          clearTimeout(timer)
          this.wake = null
          resolve()
        }
      })
    }
  }
}

/** Editors type in turn, paced at `perSecond` edits in all; at most `maxInFlight` unfinished. */
async function propagation(
  session: EditorSession,
  rounds: number,
  perSecond: number,
  maxInFlight: number,
): Promise<PropagationResult> {
  const { editors } = session
  const docs = editors.map((editor) => editor.doc)
  trace(`${session.server.kind}: ${editors.length} editors open`)
  // Every editor gets its own paragraph, one after another, before anything is measured.
  const texts: Y.XmlText[] = []
  const setup = new Deliveries(docs)
  for (const [i, doc] of docs.entries()) {
    texts.push(newParagraph(doc.getXmlFragment(NOTEBOOK_FIELD), `editor ${i}: `))
    setup.sent(-1, i)
    await setup.below(1, 20_000)
  }
  for (const editor of editors) await editor.settled('setup')
  trace('paragraphs made')

  setup.close()

  const typing = editors.map((_, i) => typist(1000 + i))
  const chunk = random(7)
  const interval = 1000 / perSecond
  /** `count` edits, round-robin, paced; `onSent` learns of each one. */
  const type = async (deliveries: Deliveries, count: number, onSent?: (editor: number) => void) => {
    const start = performance.now()
    for (let index = 0; index < count; index++) {
      const wait = start + index * interval - performance.now()
      if (wait > 1) await sleep(wait)
      await deliveries.below(maxInFlight, 10_000)
      const i = index % editors.length
      editors[i]!.check('edits')
      const text = texts[i]!
      text.insert(text.length, typing[i]!(2 + Math.floor(chunk() * 4)))
      deliveries.sent(index, i)
      onSent?.(i)
    }
  }
  // One round unmeasured: the same work warms up the JIT of both processes first.
  const warmUp = new Deliveries(docs)
  await type(warmUp, editors.length)
  await warmUp.below(1, 10_000)
  warmUp.close()
  for (const editor of editors) await editor.settled('warm-up')
  trace('warmed up')

  const deliveries = new Deliveries(docs)
  const acks: number[] = []
  const unacked = editors.map(() => [] as number[])
  editors.forEach((editor, i) => {
    editor.onAck = (at) => {
      const sentAt = unacked[i]!.shift()
      if (sentAt !== undefined) acks.push(at - sentAt)
    }
  })
  const total = rounds * editors.length
  // The server's CPU use while nobody types (its clock ticks), subtracted below.
  const idleFrom = (await session.server.cpu()).ms
  const idleStart = performance.now()
  await sleep(1000)
  const idlePerMs = ((await session.server.cpu()).ms - idleFrom) / (performance.now() - idleStart)
  const serverCpu = (await session.server.cpu()).ms
  const clientCpu = cpuMs()
  const start = performance.now()
  await type(deliveries, total, (i) => unacked[i]!.push(deliveries.lastLocalAt[i]!))
  await deliveries.below(1, 10_000)
  for (const editor of editors) await editor.settled('edits')
  const wallMs = performance.now() - start
  const serverAfter = await session.server.cpu()
  const cpu = {
    wallMs,
    loop: serverAfter.loop,
    serverMs: serverAfter.ms - serverCpu - idlePerMs * wallMs,
    idlePct: 100 * idlePerMs,
    clientMs: cpuMs() - clientCpu,
  }
  for (const editor of editors) editor.onAck = undefined
  deliveries.close()
  trace('edits done')

  // Nothing lost: every editor and a fresh client hold the same text, with every edit in it.
  const expected = documentText(docs[0]!)
  for (const [i, doc] of docs.entries()) {
    if (documentText(doc) !== expected) throw new Error(`editor ${i} diverged from editor 0`)
  }
  for (const [i, text] of texts.entries()) {
    if (!expected.includes(text.toString())) throw new Error(`editor ${i}'s paragraph is missing`)
  }
  const fresh = await session.serverText()
  trace('verified')
  if (fresh !== expected) throw new Error('a fresh client got a different text from the server')
  if (deliveries.samples.length !== total * (editors.length - 1)) {
    throw new Error(
      `${deliveries.samples.length} deliveries, expected ${total * (editors.length - 1)}`,
    )
  }
  return { deliveries: deliveries.samples, acks, cpu, edits: total }
}

interface PropagationResult {
  readonly deliveries: number[]
  readonly acks: number[]
  readonly edits: number
  /** Wall time of the edits, and the CPU time each process used meanwhile (ms). */
  readonly cpu: {
    wallMs: number
    serverMs: number
    clientMs: number
    idlePct: number
    loop: LoopDelay
  }
}

function cpuLine(result: PropagationResult): string {
  const { wallMs, serverMs, clientMs, idlePct, loop } = result.cpu
  const pct = (cpu: number) => `${((100 * cpu) / wallMs).toFixed(0)}%`
  return `CPU/edit: server ${((1000 * serverMs) / result.edits).toFixed(0)} µs (${pct(serverMs)} of a core, beyond ${idlePct.toFixed(1)}% idle), clients ${((1000 * clientMs) / result.edits).toFixed(0)} µs (${pct(clientMs)}); server loop delay p50 ${loop.p50.toFixed(1)} p99 ${loop.p99.toFixed(1)} max ${loop.max.toFixed(0)} ms`
}

// ---------------------------------------------------------------------------------------------
// 3. Memory per open notebook
// ---------------------------------------------------------------------------------------------

const FILL_PARAGRAPHS = 20
const FILL_CHARS = 1000

/** Fills a notebook with ~20 KB of text, one paragraph per update, at most 10 updates a second. */
async function fill(doc: Y.Doc, seed: number): Promise<void> {
  const fragment = doc.getXmlFragment(NOTEBOOK_FIELD)
  const type = typist(seed)
  for (let i = 0; i < FILL_PARAGRAPHS; i++) {
    newParagraph(fragment, type(FILL_CHARS))
    await sleep(100)
  }
}

interface MemoryResult {
  readonly perNotebook: number
  readonly externalPerNotebook: number
  readonly stateBytes: number
  readonly gc: boolean
}

async function holdoverMemory(count: number, dataDir: string): Promise<MemoryResult> {
  // count + 1 notebooks (the first warms the server up), one team's notebook per participant.
  // Creating an exercise seeds (and loads, for a while) its notebooks: a restart unloads them.
  const setup = await startServerProcess('holdover', dataDir)
  const tokens: { token: string; team: string }[] = []
  try {
    for (let e = 0; tokens.length < count + 1; e++) {
      const exercise = await createExercise(setup.url)
      for (const team of TEAMS) {
        if (tokens.length >= count + 1) break
        const joined = await join(setup.url, exercise.joinCodes[team]!, `${team} ${e}`)
        tokens.push({ token: joined.token, team })
      }
    }
  } finally {
    await setup.stop()
  }
  const server = await startServerProcess('holdover', dataDir)
  const sockets: TestClient[] = []
  try {
    const participants: { socket: TestClient; team: string }[] = []
    for (const { token, team } of tokens) {
      const socket = await connectParticipant(server.url, token)
      sockets.push(socket)
      participants.push({ socket, team })
    }
    const openAndFill = async ({ socket, team }: (typeof participants)[number], seed: number) => {
      const client = new TestDocClient(socket.socket, notebookName(team))
      const acks = new HoldoverAcks(client)
      const opened = await client.open()
      if (!opened.ok) throw new Error(`open refused: ${opened.error.message}`)
      await fill(client.doc, seed)
      await acks.settled(`fill of ${client.name}`)
      return client
    }
    await openAndFill(participants[0]!, 0)
    trace('holdover: notebooks ready')
    const before = await server.heap()
    const clients = await Promise.all(participants.slice(1).map((p, i) => openAndFill(p, i + 1)))
    const after = await server.heap()
    return {
      perNotebook: (after.heapUsed - before.heapUsed) / count,
      externalPerNotebook: (after.external - before.external) / count,
      stateBytes: Y.encodeStateAsUpdate(clients[0]!.doc).length,
      gc: after.gc,
    }
  } finally {
    for (const socket of sockets) socket.close()
    await server.stop()
  }
}

async function hocuspocusMemory(count: number): Promise<MemoryResult> {
  const server = await startServerProcess('hocuspocus')
  const url = `ws://127.0.0.1:${server.port}`
  const sockets: HocuspocusProviderWebsocket[] = []
  const providers: HocuspocusProvider[] = []
  try {
    for (let i = 0; i <= count; i++) {
      sockets.push(
        new HocuspocusProviderWebsocket({
          url,
          WebSocketPolyfill: WebSocket,
          messageReconnectTimeout: 600_000,
        }),
      )
    }
    await until(
      () => sockets.every((socket) => socket.status === 'connected'),
      'Hocuspocus sockets to connect',
    )
    const openAndFill = async (socket: HocuspocusProviderWebsocket, i: number) => {
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: `${notebookName(TEAMS[i % TEAMS.length]!)}#${i}`,
        document: new Y.Doc(),
        awareness: null,
      })
      providers.push(provider)
      provider.attach()
      await until(() => provider.synced, `notebook #${i} to sync`)
      await fill(provider.document, i)
      await until(() => provider.unsyncedChanges === 0, `notebook #${i} to be applied`)
      return provider
    }
    await openAndFill(sockets[0]!, 0)
    trace('hocuspocus: notebooks ready')
    const before = await server.heap()
    const opened = await Promise.all(
      sockets.slice(1).map((socket, i) => openAndFill(socket, i + 1)),
    )
    const after = await server.heap()
    return {
      perNotebook: (after.heapUsed - before.heapUsed) / count,
      externalPerNotebook: (after.external - before.external) / count,
      stateBytes: Y.encodeStateAsUpdate(opened[0]!.document).length,
      gc: after.gc,
    }
  } finally {
    for (const provider of providers) provider.destroy()
    for (const socket of sockets) socket.destroy()
    await server.stop()
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Loading a long log
// ---------------------------------------------------------------------------------------------

const LOG_UPDATES = 10_000
const LOAD_REPEATS = 3

/** `count` updates of a person typing at the end of the notebook, with Enter and Backspace. */
function typeUpdates(doc: Y.Doc, count: number): Uint8Array[] {
  const updates: Uint8Array[] = []
  const onUpdate = (update: Uint8Array) => updates.push(update)
  doc.on('update', onUpdate)
  const fragment = doc.getXmlFragment(NOTEBOOK_FIELD)
  const next = random(42)
  const type = typist(42)
  let text = newParagraph(fragment, '')
  while (updates.length < count) {
    const r = next()
    if (text.length > 60 && r < 0.02) text = newParagraph(fragment, '')
    else if (text.length > 0 && r < 0.07) text.delete(text.length - 1, 1)
    else text.insert(text.length, type(1))
  }
  doc.off('update', onUpdate)
  return updates
}

/** A new client's sync step 1 to its doc holding `expected`. */
async function timeOpen(url: string, token: string, expected: string): Promise<Opened> {
  const socket = await connectParticipant(url, token)
  const client = new TestDocClient(socket.socket, notebookName('red'))
  const acks = new HoldoverAcks(client)
  let answeredAt = 0
  socket.socket.once('yjs', () => {
    answeredAt = performance.now()
  })
  const start = performance.now()
  const opened = client.open()
  await client.waitFor(() => client.text === expected, 'the full text', 120_000)
  const elapsed = performance.now() - start
  const reply = await opened
  if (!reply.ok) throw new Error(`open refused: ${reply.error.message}`)
  await acks.settled('open')
  return { ms: elapsed, answerMs: answeredAt - start, client, acks, socket }
}

/**
 * `measured` + 1 exercises, whose red notebooks the server seeds with the template when it creates
 * them (and checkpoints when it closes them); 10,000 keystrokes typed after the template are
 * appended to each log. Exercise 0 is opened first on each server start (the cold, just-started
 * case); the others are first loads on a warm server. Then a keystroke in each takes the log past
 * CHECKPOINT_EVERY, the server writes a checkpoint, and the loads are timed again.
 */
async function loadBench(root: string, measured: number): Promise<void> {
  const dataDir = path.join(root, 'log')
  mkdirSync(dataDir)
  const name = notebookName('red')
  const dbFile = path.join(dataDir, 'holdover.db')

  let server = await startServerProcess('holdover', dataDir)
  const exercises: { id: string; token: string; participantId: string }[] = []
  for (let e = 0; e <= measured; e++) {
    const exercise = await createExercise(server.url)
    const joined = await join(server.url, exercise.joinCodes.red!, `typist ${e}`)
    exercises.push({ id: exercise.id, token: joined.token, participantId: joined.participantId })
  }
  await server.stop()

  trace('load: exercises made')
  // 10,000 keystrokes after each notebook's template (seeded when its exercise was created),
  // appended straight to the logs.
  let store = new SqliteStore(dbFile)
  let expected = ''
  let stateBytes = 0
  let template: DocumentUpdateRecord[] = []
  for (const [e, exercise] of exercises.entries()) {
    template = await store.readDocumentUpdates(exercise.id, name)
    const doc = new Y.Doc()
    for (const record of template) Y.applyUpdate(doc, record.update)
    const typed = typeUpdates(doc, LOG_UPDATES)
    const text = documentText(doc)
    if (e > 0 && text !== expected) throw new Error('the typist typed two different texts')
    expected = text
    stateBytes = Y.encodeStateAsUpdate(doc).length
    let id = template.at(-1)?.id ?? 0
    let at = template.at(-1)?.at ?? Date.now()
    const records: DocumentUpdateRecord[] = typed.map((update) => ({
      exerciseId: exercise.id,
      doc: name,
      id: ++id,
      at: ++at,
      t: 0,
      author: exercise.participantId,
      update,
    }))
    for (let i = 0; i < records.length; i += 1000) {
      await store.appendDocumentUpdates(records.slice(i, i + 1000))
    }
  }
  // What a load does, measured in this process for scale: read the log, apply it.
  const sample = exercises[1]!.id
  let t = performance.now()
  const sampleCheckpoint = await store.latestCheckpoint(sample, name)
  const read = await store.readDocumentUpdates(sample, name, {
    afterId: sampleCheckpoint?.uptoId ?? 0,
  })
  const readMs = performance.now() - t
  t = performance.now()
  const replay = new Y.Doc()
  replay.transact(() => {
    if (sampleCheckpoint) Y.applyUpdate(replay, sampleCheckpoint.state)
    for (const record of read) Y.applyUpdate(replay, record.update)
  })
  const applyMs = performance.now() - t
  if (documentText(replay) !== expected) throw new Error('the replayed log differs from the typist')
  await store.close()

  console.log(
    `\nload of a notebook with ${LOG_UPDATES} logged keystrokes (${expected.length} characters, Yjs state ${kb(stateBytes)}), a new client's sync step 1 to its doc holding the full text:`,
  )
  console.log(
    `  the log: checkpoint #${sampleCheckpoint?.uptoId ?? '–'} (the template) + ${read.length} updates; in this process, for scale, reading them takes ${ms(readMs)} and applying them ${ms(applyMs)}`,
  )

  trace('load: logs written')
  // Without a checkpoint: the whole log is read and applied.
  server = await startServerProcess('holdover', dataDir)
  const coldStart = await timeOpen(server.url, exercises[0]!.token, expected)
  coldStart.socket.close()
  const noCheckpoint: Opened[] = []
  for (const exercise of exercises.slice(1)) {
    noCheckpoint.push(await timeOpen(server.url, exercise.token, expected))
  }
  // A warm open: the notebook is already in the server's memory.
  const warm = await timeOpen(server.url, exercises[1]!.token, expected)
  warm.socket.close()
  const logged = template.length + LOG_UPDATES
  const onOpen = await checkpointsOf(dbFile, exercises.slice(1), logged, 3000)
  // One more keystroke each: the next update past CHECKPOINT_EVERY since the last checkpoint.
  for (const { client, acks } of noCheckpoint) {
    const last = client.fragment.get(client.fragment.length - 1) as Y.XmlElement
    const text = last.get(0) as Y.XmlText
    text.insert(text.length, '.')
    await acks.settled('one more keystroke')
  }
  const afterKeystroke = noCheckpoint[0]!.client.text
  const whileOpen = await checkpointsOf(dbFile, exercises.slice(1), logged, 20_000)
  for (const { socket } of noCheckpoint) socket.close()
  await server.stop()
  const atClose = await checkpointsOf(dbFile, exercises.slice(1), logged + 1, 0)
  console.log(
    loads('first open after a start', [coldStart], 'exercise 0, server just started: cold JIT'),
  )
  console.log(loads('no checkpoint: whole log', noCheckpoint, 'first loads on a warm server'))
  console.log(loads('already loaded (warm open)', [warm], 'a second client while one has it open'))
  console.log(
    `  checkpoints (due ${CHECKPOINT_EVERY} updates after the last) of the ${logged} logged updates: ${onOpen.filter(Boolean).length} of ${measured} written within 3 s of the first open (before any edit; #${onOpen.join(', #')}), ${whileOpen.filter(Boolean).length} of ${measured} while open after one more keystroke; at shutdown: #${atClose.join(', #')}`,
  )
  if (whileOpen.some((uptoId) => !uptoId)) {
    throw new Error('the server wrote no checkpoint of a 10,000-update log while it was open')
  }

  trace('load: first loads done')
  // From the checkpoint.
  store = new SqliteStore(dbFile)
  const checkpoint = (await store.latestCheckpoint(exercises[1]!.id, name))!
  const after = await store.readDocumentUpdates(exercises[1]!.id, name, {
    afterId: checkpoint.uptoId,
  })
  await store.close()
  t = performance.now()
  const fromCheckpoint = new Y.Doc()
  Y.applyUpdate(fromCheckpoint, checkpoint.state)
  const checkpointApplyMs = performance.now() - t
  server = await startServerProcess('holdover', dataDir)
  const coldStart2 = await timeOpen(server.url, exercises[0]!.token, expected)
  coldStart2.socket.close()
  const withCheckpoint: Opened[] = []
  for (const exercise of exercises.slice(1)) {
    const load = await timeOpen(server.url, exercise.token, afterKeystroke)
    withCheckpoint.push(load)
    load.socket.close()
  }
  await server.stop()
  console.log(
    loads('first open after a start', [coldStart2], 'exercise 0 again, now from a checkpoint'),
  )
  console.log(
    loads(`checkpoint + ${after.length} update(s)`, withCheckpoint, 'first loads on a warm server'),
  )
  console.log(
    `  the checkpoint: #${checkpoint.uptoId}, ${kb(checkpoint.state.length)}; applying it in this process takes ${ms(checkpointApplyMs)}`,
  )
}

interface Opened {
  readonly ms: number
  readonly answerMs: number
  readonly client: TestDocClient
  readonly acks: HoldoverAcks
  readonly socket: TestClient
}

/** One line of load times, each with when the server's sync step 2 arrived. */
function loads(name: string, samples: readonly Opened[], note: string): string {
  const each = samples.map((s) => `${s.ms.toFixed(0)} ms (step 2 at ${s.answerMs.toFixed(0)})`)
  return `  ${name.padEnd(30)} ${each.join(', ')}  [${note}]`
}

/** The latest checkpoint of each exercise's red notebook once it covers `uptoId`, or undefined. */
async function checkpointsOf(
  dbFile: string,
  exercises: readonly { id: string }[],
  uptoId: number,
  waitMs: number,
): Promise<(number | undefined)[]> {
  const store = new SqliteStore(dbFile)
  try {
    const deadline = performance.now() + waitMs
    const found: (number | undefined)[] = []
    for (const exercise of exercises) {
      let checkpoint = await store.latestCheckpoint(exercise.id, notebookName('red'))
      while ((checkpoint?.uptoId ?? 0) < uptoId && performance.now() < deadline) {
        await sleep(50)
        checkpoint = await store.latestCheckpoint(exercise.id, notebookName('red'))
      }
      found.push((checkpoint?.uptoId ?? 0) >= uptoId ? checkpoint!.uptoId : undefined)
    }
    return found
  } finally {
    await store.close()
  }
}

/** One durable append of one small update, as the server's UpdateWriter commits a batch. */
async function commitTimes(root: string, count: number): Promise<number[]> {
  const dir = path.join(root, 'commits')
  mkdirSync(dir)
  const store = new SqliteStore(path.join(dir, 'holdover.db'))
  try {
    await store.createExercise(
      { id: 'bench', title: 'bench', scenarioId: 'bench', createdAt: 0, joinCodes: {} },
      [],
    )
    const doc = new Y.Doc()
    const updates = typeUpdates(doc, count)
    const samples: number[] = []
    for (const [i, update] of updates.entries()) {
      const start = performance.now()
      await store.appendDocumentUpdates([
        { exerciseId: 'bench', doc: 'notebook:red', id: i + 1, at: i, t: 0, author: null, update },
      ])
      samples.push(performance.now() - start)
    }
    return samples
  } finally {
    await store.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

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
  await runChild(process.argv[3] as ServerKind, process.argv[4] ?? '')
} else {
  await main()
}
