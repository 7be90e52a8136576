/**
 * One server process of the cluster benchmark, forked from bench/clusterFanout.bench.ts: Holdover
 * (createServer, on PostgreSQL and Redis when their URLs are set) or a bare Socket.IO server that
 * broadcasts what it is sent (on the same Redis streams adapter when REDIS_URL is set). Answers the
 * parent with its heap (after GC) and CPU time on request.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { Server } from 'socket.io'
import { loadConfig } from '../../server/config'
import { startServer } from '../../server/createServer'
import { ADMIN_TOKEN } from '../../server/test/startTestServer'
import { cpuMs } from '../notebook/measure'

export type ToClusterChild = { type: 'heap' } | { type: 'cpu' }
export type FromClusterChild =
  | { type: 'ready'; port: number }
  | { type: 'heap'; heapUsed: number; external: number }
  | { type: 'cpu'; ms: number }
  | { type: 'failed'; message: string }

/** What a child is told through its environment. */
export interface ChildSettings {
  readonly kind: 'holdover' | 'bare'
  readonly dataDir: string
  readonly scenariosDir: string
  readonly databaseUrl?: string
  readonly redisUrl?: string
  readonly redisPrefix: string
}

async function bare(settings: ChildSettings): Promise<number> {
  const http = createServer()
  const io = new Server(http, { serveClient: false })
  if (settings.redisUrl) {
    const redis = new Redis(settings.redisUrl)
    io.adapter(
      createAdapter(redis, {
        streamName: `${settings.redisPrefix}socket.io`,
        channelPrefix: `${settings.redisPrefix}socket.io`,
      }),
    )
  }
  io.on('connection', (socket) => {
    void socket.join('all')
    socket.on('send', (payload: unknown, ack: () => void) => {
      io.to('all').emit('events', [payload])
      ack()
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return (http.address() as AddressInfo).port
}

async function holdover(settings: ChildSettings): Promise<number> {
  const config = loadConfig({
    PORT: '0',
    HOLDOVER_DATA_DIR: settings.dataDir,
    HOLDOVER_ADMIN_TOKEN: ADMIN_TOKEN,
    HOLDOVER_SCENARIOS_DIR: settings.scenariosDir,
    HOLDOVER_CLIENT_DIR: `${settings.dataDir}/no-client`,
    HOLDOVER_REDIS_PREFIX: settings.redisPrefix,
    ...(settings.databaseUrl ? { HOLDOVER_DATABASE_URL: settings.databaseUrl } : {}),
    ...(settings.redisUrl ? { HOLDOVER_REDIS_URL: settings.redisUrl } : {}),
  })
  const server = await startServer(config, { logger: pino({ level: 'warn' }) })
  return server.port
}

/** Runs the child described by HOLDOVER_BENCH_CHILD (JSON ChildSettings). */
export async function runClusterChild(settings: ChildSettings): Promise<void> {
  const send = (message: FromClusterChild) => process.send?.(message)
  process.on('disconnect', () => process.exit(0))
  let port: number
  try {
    port = settings.kind === 'bare' ? await bare(settings) : await holdover(settings)
  } catch (error) {
    send({ type: 'failed', message: String((error as Error).stack ?? error) })
    process.exit(1)
  }
  const gc = (globalThis as { gc?: () => void }).gc
  process.on('message', async (message: ToClusterChild) => {
    if (message.type === 'cpu') send({ type: 'cpu', ms: cpuMs() })
    else {
      for (let i = 0; i < 4; i++) {
        gc?.()
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const usage = process.memoryUsage()
      send({ type: 'heap', heapUsed: usage.heapUsed, external: usage.external })
    }
  })
  send({ type: 'ready', port })
}
