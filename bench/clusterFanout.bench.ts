/**
 * Fan-out on one process and on several: the time from the facilitator's `inject.send` to each
 * participant's socket receiving it (measured outside-in, p50 and p99), against a bare Socket.IO
 * server broadcasting the same payload to as many sockets, in the same run, on the same adapter
 * (none on one process; the Redis streams adapter on several). Holdover on several processes runs
 * on PostgreSQL and Redis, the participants spread over the processes and the inject sent to the
 * first. Also prints each server's heap per connected participant (after GC) beyond what the bare
 * server's sockets cost, and the servers' CPU per inject per participant.
 *
 *   npx tsx bench/clusterFanout.bench.ts [--cases 1x1000,3x1000,3x3000] [--rounds 20]
 *
 * Needs PostgreSQL (HOLDOVER_TEST_DATABASE_URL) and Redis (HOLDOVER_TEST_REDIS_URL) for cases of
 * more than one process; loopback only; every server is a child process, stopped at the end.
 */
import type { ChildProcess } from 'node:child_process'
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parseDocument } from 'yaml'
import { createTestSchema } from '../server/store/testDatabase'
import { deleteKeys } from '../server/test/cluster/startCluster'
import { ADMIN_TOKEN } from '../server/test/startTestServer'
import type { ChildSettings, FromClusterChild } from './cluster/child'
import { runClusterChild } from './cluster/child'
import { kb, ms, percentile } from './notebook/measure'
import type { SoakSocket } from './soak/net'
import { connected, openSocket, postJson, send } from './soak/net'

const TEAMS = ['red', 'soc', 'ot', 'observers'] as const
const REDIS_URL = process.env.HOLDOVER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const SHIPPED = fileURLToPath(new URL('../scenarios', import.meta.url))
/** Loopback addresses the participants come from, so per-address limits see a few sites. */
const SITES = Array.from({ length: 10 }, (_, i) => `127.0.0.${i + 2}`)

interface Child {
  readonly url: string
  request<T extends FromClusterChild['type']>(
    type: 'heap' | 'cpu',
  ): Promise<Extract<FromClusterChild, { type: T }>>
  readonly process: ChildProcess
}

function spawnChild(settings: ChildSettings): Promise<Child> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, HOLDOVER_BENCH_CHILD: JSON.stringify(settings), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a server exited (${code})`)))
    child.once('message', (message: FromClusterChild) => {
      if (message.type === 'failed') return reject(new Error(message.message))
      if (message.type !== 'ready') return reject(new Error('unexpected first message'))
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        process: child,
        request: (type) =>
          new Promise((answer) => {
            const on = (reply: FromClusterChild) => {
              if (reply.type !== type) return
              child.off('message', on)
              answer(reply as never)
            }
            child.on('message', on)
            child.send({ type })
          }),
      })
    })
  })
}

/** The drill with a seat for everyone on every team, in a folder of its own. */
function roomyScenarios(root: string, seatsPerTeam: number): string {
  const dir = path.join(root, 'scenarios')
  mkdirSync(dir, { recursive: true })
  const doc = parseDocument(readFileSync(path.join(SHIPPED, 'drill-ntp-shift.yaml'), 'utf8'))
  const teams = doc.get('teams') as { items: { set(key: string, value: number): void }[] }
  for (const team of teams.items) team.set('maxParticipants', seatsPerTeam)
  writeFileSync(path.join(dir, 'drill-ntp-shift.yaml'), doc.toString())
  return dir
}

interface CaseFigures {
  readonly samples: number[]
  /** Heap growth per connected participant, summed over the processes, bytes. */
  readonly heapPerParticipant: number
  /** Servers' CPU per inject per participant, µs. */
  readonly cpuPerDeliveryUs: number
}

async function cpuOf(children: Child[]): Promise<number> {
  const all = await Promise.all(children.map((c) => c.request<'cpu'>('cpu')))
  return all.reduce((sum, reply) => sum + reply.ms, 0)
}

async function heapOf(children: Child[]): Promise<number> {
  const all = await Promise.all(children.map((c) => c.request<'heap'>('heap')))
  return all.reduce((sum, reply) => sum + reply.heapUsed + reply.external, 0)
}

/** Waits on every socket for the events batch that `matches`, resolving with arrival times. */
function arrivals(sockets: SoakSocket[], title: string): Promise<number[]> {
  return Promise.all(
    sockets.map(
      (socket) =>
        new Promise<number>((resolve) => {
          const on = (events: { type: string; title?: string }[]) => {
            if (events.some((e) => e.title === title)) {
              socket.off('events', on as never)
              resolve(performance.now())
            }
          }
          socket.on('events', on as never)
        }),
    ),
  )
}

async function runCase(
  kind: 'holdover' | 'bare',
  processes: number,
  participants: number,
  rounds: number,
): Promise<CaseFigures> {
  const root = mkdtempSync(path.join(tmpdir(), `holdover-cluster-bench-${kind}-`))
  const scenariosDir = roomyScenarios(root, Math.ceil(participants / TEAMS.length) + 1)
  const several = processes > 1
  const schema = several && kind === 'holdover' ? await createTestSchema() : undefined
  const redisPrefix = `holdover-bench-${randomBytes(4).toString('hex')}:`
  const children: Child[] = []
  const sockets: SoakSocket[] = []
  try {
    for (let i = 0; i < processes; i++) {
      const dataDir = path.join(root, `p${i}`)
      mkdirSync(dataDir)
      children.push(
        await spawnChild({
          kind,
          dataDir,
          scenariosDir,
          redisPrefix,
          ...(several ? { redisUrl: REDIS_URL } : {}),
          ...(schema ? { databaseUrl: schema.url } : {}),
        }),
      )
    }
    const first = children[0]!
    let startRound: (title: string) => Promise<void>
    let exerciseId = ''
    let codes: Record<string, string> = {}
    if (kind === 'holdover') {
      const created = await postJson<{ id: string; joinCodes: Record<string, string> }>(
        first.url,
        '/api/exercises',
        { scenarioId: 'drill-ntp-shift' },
        { localAddress: '127.0.0.1', token: ADMIN_TOKEN },
      )
      exerciseId = created.body.id
      codes = created.body.joinCodes
    }
    const heapBefore = await heapOf(children)
    // Joined and connected a few at a time, spread over the processes and the sites.
    for (let start = 0; start < participants; start += 16) {
      const batch = Array.from({ length: Math.min(16, participants - start) }, (_, k) => start + k)
      const opened = await Promise.all(
        batch.map(async (i) => {
          const target = children[i % processes]!
          const site = SITES[i % SITES.length]!
          let token = ''
          if (kind === 'holdover') {
            const team = TEAMS[i % TEAMS.length]!
            const joined = await postJson<{ token: string }>(
              target.url,
              '/api/join',
              { code: codes[team], name: `p${i}` },
              { localAddress: site },
            )
            if (joined.status !== 201)
              throw new Error(`join failed: ${JSON.stringify(joined.body)}`)
            token = joined.body.token
          }
          const socket = openSocket(target.url, token, site)
          await connected(socket)
          return socket
        }),
      )
      sockets.push(...opened)
    }
    const heapAfter = await heapOf(children)

    const sender = openSocket(first.url, kind === 'holdover' ? ADMIN_TOKEN : '', '127.0.0.1')
    await connected(sender)
    if (kind === 'holdover') {
      const opened = await send(sender, { type: 'exercise.open', exerciseId })
      if (!opened.ok) throw new Error(opened.message)
      startRound = async (title) => {
        const sent = await send(sender, {
          type: 'inject.send',
          to: [...TEAMS],
          title,
          body: 'x'.repeat(500),
        })
        if (!sent.ok) throw new Error(sent.message)
      }
    } else {
      startRound = async (title) => {
        const bareSender = sender as unknown as {
          timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> }
        }
        await bareSender
          .timeout(30_000)
          .emitWithAck('send', { type: 'inject.delivered', title, body: 'x'.repeat(500) })
      }
    }
    // Two warm-up rounds (JIT, first broadcast on each adapter), not counted.
    for (let round = -2; round < 0; round++) {
      const waiting = arrivals(sockets, `warm-up ${round}`)
      await startRound(`warm-up ${round}`)
      await waiting
    }
    const cpuBefore = await cpuOf(children)
    const samples: number[] = []
    for (let round = 0; round < rounds; round++) {
      const title = `round ${round}`
      const waiting = arrivals(sockets, title)
      const sent = performance.now()
      await startRound(title)
      for (const at of await waiting) samples.push(at - sent)
    }
    const cpuAfter = await cpuOf(children)
    sender.close()
    return {
      samples,
      heapPerParticipant: (heapAfter - heapBefore) / participants,
      cpuPerDeliveryUs: ((cpuAfter - cpuBefore) * 1000) / (rounds * participants),
    }
  } finally {
    for (const socket of sockets) socket.close()
    for (const child of children) child.process.kill('SIGKILL')
    await schema?.drop()
    if (several) await deleteKeys(redisPrefix, REDIS_URL)
    rmSync(root, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '1x1000,3x1000,3x3000' },
      rounds: { type: 'string', default: '20' },
    },
  })
  const rounds = Number(values.rounds)
  const cases = String(values.cases)
    .split(',')
    .map((text) => text.split('x').map(Number) as [number, number])
  const sorted = (samples: number[]) => [...samples].sort((a, b) => a - b)
  for (const [processes, participants] of cases) {
    const adapter = processes > 1 ? 'Redis streams adapter' : 'no adapter'
    console.log(
      `\n${participants} participants on ${processes} process${processes > 1 ? 'es' : ''} (${adapter}), ${rounds} rounds`,
    )
    const base = await runCase('bare', processes, participants, rounds)
    const ours = await runCase('holdover', processes, participants, rounds)
    for (const [name, figures] of [
      ['baseline: bare Socket.IO', base],
      ['holdover: inject.send', ours],
    ] as const) {
      const s = sorted(figures.samples)
      console.log(
        `  ${name.padEnd(26)} p50 ${ms(percentile(s, 50))}  p99 ${ms(percentile(s, 99))}  heap/participant ${kb(figures.heapPerParticipant)}  CPU/delivery ${figures.cpuPerDeliveryUs.toFixed(1)} µs`,
      )
    }
    const ratio = (p: number) =>
      percentile(sorted(ours.samples), p) / percentile(sorted(base.samples), p)
    console.log(
      `  holdover / baseline: p50 ${ratio(50).toFixed(2)}×, p99 ${ratio(99).toFixed(2)}×; memory beyond Socket.IO's own ${kb(ours.heapPerParticipant - base.heapPerParticipant)} per participant`,
    )
  }
}

const childSettings = process.env.HOLDOVER_BENCH_CHILD
if (childSettings) await runClusterChild(JSON.parse(childSettings) as ChildSettings)
else {
  await main()
  process.exit(0)
}
