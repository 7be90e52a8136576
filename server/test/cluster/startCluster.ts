/**
 * Starts one installation of several real server processes on PostgreSQL and Redis, each test run
 * in its own schema and under its own Redis prefix, all cleaned up after; processes can be killed
 * without warning (kill -9) and started again.
 */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { createTestSchema, type TestSchema } from '../../store/testDatabase'
import { ADMIN_TOKEN } from '../startTestServer'

export const TEST_REDIS_URL = process.env.HOLDOVER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Whether the test Redis answers; on CI it must, so there a missing server fails the run. */
export async function redisReachable(): Promise<boolean> {
  if (process.env.CI) return true
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  redis.on('error', () => undefined)
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

export interface ClusterProcess {
  readonly name: string
  /** Its HOLDOVER_PROCESS_ID: what its leases hold. */
  readonly processId: string
  readonly url: string
  readonly child: ChildProcess
  /** Resolves once the process has exited. */
  readonly exited: Promise<void>
}

export interface TestCluster {
  readonly processes: ClusterProcess[]
  readonly leaseMs: number
  readonly prefix: string
  /** Starts one more process of the installation. */
  add(name: string): Promise<ClusterProcess>
  /** The process holding the exercise's lease now, if any. */
  ownerOf(exerciseId: string): Promise<ClusterProcess | undefined>
  /** kill -9, and waits until it is gone. */
  kill(process: ClusterProcess): Promise<void>
  /** Calls the HTTP API of `process` as the facilitator (or with `token`). */
  http<T>(
    process: ClusterProcess,
    method: string,
    route: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: T }>
  /** Creates an exercise of the drill through `process`, as the facilitator; throws unless created. */
  createExercise(process: ClusterProcess): Promise<CreatedExercise>
  /** Joins with `code` through `process` as `name`; throws unless seated. */
  join(process: ClusterProcess, code: string | undefined, name: string): Promise<Seat>
  destroy(): Promise<void>
}

export interface CreatedExercise {
  readonly id: string
  readonly joinCodes: Readonly<Record<string, string>>
  readonly evaluatorCode: string
}

export interface Seat {
  readonly token: string
  readonly participantId: string
}

/** Starts `count` processes sharing one schema and one Redis prefix. */
export async function startCluster(
  count: number,
  options: { leaseMs?: number; redisUrl?: string } = {},
): Promise<TestCluster> {
  const schema: TestSchema = await createTestSchema()
  const prefix = `holdover-test-${randomBytes(6).toString('hex')}:`
  const leaseMs = options.leaseMs ?? 2000
  const dirs: string[] = []
  const processes: ClusterProcess[] = []
  const all: ClusterProcess[] = []

  const add = async (name: string): Promise<ClusterProcess> => {
    const processId = `${name}-${randomBytes(3).toString('hex')}`
    const dataDir = mkdtempSync(path.join(tmpdir(), `holdover-cluster-${name}-`))
    dirs.push(dataDir)
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOLDOVER_DATA_DIR: dataDir,
        HOLDOVER_ADMIN_TOKEN: ADMIN_TOKEN,
        HOLDOVER_CLIENT_DIR: path.join(dataDir, 'no-client'),
        HOLDOVER_DATABASE_URL: schema.url,
        HOLDOVER_REDIS_URL: options.redisUrl ?? TEST_REDIS_URL,
        HOLDOVER_REDIS_PREFIX: prefix,
        HOLDOVER_LEASE_MS: String(leaseMs),
        HOLDOVER_TICK_MS: '50',
        HOLDOVER_PROCESS_ID: processId,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    let err = ''
    child.stderr!.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-4000)
    })
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start: ${out}${err}`)),
        60_000,
      )
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /running at (http:\/\/\S+)/.exec(out)
        if (match) {
          clearTimeout(timer)
          resolve(match[1]!)
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited (${code}): ${out}${err}`))
      })
    })
    const started: ClusterProcess = { name, processId, url, child, exited }
    processes.push(started)
    all.push(started)
    return started
  }

  const kill = async (target: ClusterProcess) => {
    target.child.kill('SIGKILL')
    await target.exited
    const at = processes.indexOf(target)
    if (at >= 0) processes.splice(at, 1)
  }

  try {
    // One after the other: the first migrates the schema, the others find it ready.
    for (let i = 0; i < count; i++) await add(String.fromCharCode(65 + i))
  } catch (error) {
    for (const started of all) started.child.kill('SIGKILL')
    await schema.drop()
    throw error
  }

  const redis = new Redis(TEST_REDIS_URL)
  const http = async <T>(
    target: ClusterProcess,
    method: string,
    route: string,
    body?: unknown,
    token: string | null = ADMIN_TOKEN,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${target.url}${route}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T }
  }

  return {
    processes,
    leaseMs,
    prefix,
    add,
    kill,
    async ownerOf(exerciseId) {
      const owner = await redis.get(`${prefix}lease:${exerciseId}`)
      return processes.find((started) => started.processId === owner)
    },
    http,
    async createExercise(target) {
      const created = await http<CreatedExercise>(target, 'POST', '/api/exercises', {
        scenarioId: 'drill-ntp-shift',
      })
      if (created.status !== 201) throw new Error(`creating an exercise: ${created.status}`)
      return created.body
    },
    async join(target, code, name) {
      if (code === undefined) throw new Error(`joining as ${name}: no such join code`)
      const joined = await http<Seat>(target, 'POST', '/api/join', { code, name }, null)
      if (joined.status !== 201) throw new Error(`joining as ${name}: ${joined.status}`)
      return joined.body
    },
    async destroy() {
      for (const started of all) started.child.kill('SIGKILL')
      await Promise.all(all.map((started) => started.exited))
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
      await schema.drop()
      await deleteKeys(prefix)
      redis.disconnect()
    },
  }
}

/** Deletes every Redis key under `prefix`. */
export async function deleteKeys(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url)
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
