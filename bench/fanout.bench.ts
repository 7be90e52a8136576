/**
 * Fan-out latency: the time from a facilitator's `inject.send` to each participant's socket
 * receiving it, through validation, the engine, the SQLite append (synchronous = FULL) and
 * per-team filtering. Baseline in the same run: a bare Socket.IO server broadcasting the same
 * payload to the same number of sockets, with no store and no engine.
 *
 *   npx tsx bench/fanout.bench.ts [participants=200] [rounds=30]
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import type { Socket } from 'socket.io-client'
import { io as connectClient } from 'socket.io-client'
import { ADMIN_TOKEN, connect, startTestServer } from '../server/test/startTestServer'

const participants = Number(process.argv[2] ?? 200)
const rounds = Number(process.argv[3] ?? 30)
const TEAMS = ['red', 'soc', 'ot', 'observers'] as const

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`
  return `${name.padEnd(28)} p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1)!)}  (${samples.length} deliveries)`
}

async function holdover(): Promise<number[]> {
  const server = await startTestServer()
  const created = await server.http<{ id: string; joinCodes: Record<string, string> }>(
    'POST',
    '/api/exercises',
    {
      scenarioId: 'drill-ntp-shift',
    },
  )
  const sockets: Socket[] = []
  for (let i = 0; i < participants; i++) {
    const teamId = TEAMS[i % TEAMS.length]!
    const joined = await server.http<{ token: string }>(
      'POST',
      '/api/join',
      { code: created.body.joinCodes[teamId], name: `p${i}` },
      null,
    )
    if (joined.status !== 201) throw new Error(`join failed: ${JSON.stringify(joined.body)}`)
    sockets.push(
      connectClient(server.url, {
        auth: { token: joined.body.token },
        transports: ['websocket'],
        forceNew: true,
      }),
    )
  }
  const facilitator = await connect(server, { token: ADMIN_TOKEN })
  await facilitator.send({ type: 'exercise.open', exerciseId: created.body.id })
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const title = `round ${round}`
    const arrivals = sockets.map(
      (socket) =>
        new Promise<number>((resolve) => {
          const onEvents = (events: { type: string; title?: string }[]) => {
            if (events.some((e) => e.type === 'inject.delivered' && e.title === title)) {
              socket.off('events', onEvents)
              resolve(performance.now())
            }
          }
          socket.on('events', onEvents)
        }),
    )
    const sent = performance.now()
    const reply = await facilitator.send({
      type: 'inject.send',
      to: [...TEAMS],
      title,
      body: 'x'.repeat(500),
    })
    if (!reply.ok) throw new Error(reply.error.message)
    for (const at of await Promise.all(arrivals)) samples.push(at - sent)
  }
  for (const socket of sockets) socket.close()
  facilitator.close()
  await server.destroy()
  return samples
}

async function bareSocketIo(): Promise<number[]> {
  const http = createServer()
  const io = new Server(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  io.on('connection', (socket) => {
    void socket.join('all')
    socket.on('send', (payload: unknown, ack: () => void) => {
      io.to('all').emit('events', [payload])
      ack()
    })
  })
  const sockets = await Promise.all(
    Array.from({ length: participants + 1 }, () => {
      const socket = connectClient(url, { transports: ['websocket'], forceNew: true })
      return new Promise<Socket>((resolve) => socket.once('connect', () => resolve(socket)))
    }),
  )
  const [sender, ...receivers] = sockets
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const title = `round ${round}`
    const arrivals = receivers.map(
      (socket) =>
        new Promise<number>((resolve) => {
          const onEvents = (events: { title?: string }[]) => {
            if (events.some((e) => e.title === title)) {
              socket.off('events', onEvents)
              resolve(performance.now())
            }
          }
          socket.on('events', onEvents)
        }),
    )
    const sent = performance.now()
    await sender!.emitWithAck('send', { type: 'inject.delivered', title, body: 'x'.repeat(500) })
    for (const at of await Promise.all(arrivals)) samples.push(at - sent)
  }
  for (const socket of sockets) socket.close()
  io.close()
  return samples
}

console.log(`fan-out of one inject to ${participants} participants in 4 teams, ${rounds} rounds`)
const base = await bareSocketIo()
console.log(summary('baseline: bare Socket.IO', base))
const ours = await holdover()
console.log(summary('holdover: inject.send', ours))
const p50 = (s: number[]) =>
  percentile(
    [...s].sort((a, b) => a - b),
    50,
  )
console.log(`holdover / baseline at p50: ${(p50(ours) / p50(base)).toFixed(2)}×`)
process.exit(0)
