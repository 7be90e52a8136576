/** Starts a real server on a free port with a temporary data folder, and connects clients to it. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import type { Socket } from 'socket.io-client'
import { io } from 'socket.io-client'
import type {
  ClientToServerEvents,
  CommandInput,
  CommandReply,
  HoldoverEvent,
  Presence,
  ServerToClientEvents,
  SessionMoved,
  Snapshot,
} from '../../core/protocol'
import { loadConfig } from '../config'
import type { RunningServer } from '../createServer'
import { startServer } from '../createServer'

/** 26 characters: the server refuses admin tokens shorter than 24. */
export const ADMIN_TOKEN = 'test-admin-token-not-secret'

export interface TestServer extends RunningServer {
  readonly dataDir: string
  /** Calls the HTTP API; `as` picks the credentials. */
  http<T = unknown>(
    method: string,
    route: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: T }>
  /** Stops the server and deletes its data folder. */
  destroy(): Promise<void>
}

/** Starts a server; pass `dataDir` to reuse one (a restart). */
export async function startTestServer(
  options: {
    dataDir?: string
    tickMs?: number
    scenariosDir?: string
    /** More environment, e.g. HOLDOVER_TRUST_PROXY. */
    env?: Record<string, string>
    /** The clock the read-only routes' budgets refill by (the wall clock when absent). */
    budgetClock?: () => number
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'holdover-test-'))
  const config = loadConfig({
    PORT: '0',
    HOLDOVER_DATA_DIR: dataDir,
    HOLDOVER_ADMIN_TOKEN: ADMIN_TOKEN,
    HOLDOVER_TICK_MS: String(options.tickMs ?? 50),
    HOLDOVER_CLIENT_DIR: path.join(dataDir, 'no-client'),
    ...(options.scenariosDir ? { HOLDOVER_SCENARIOS_DIR: options.scenariosDir } : {}),
    ...options.env,
  })
  const server = await startServer(config, {
    logger: pino({ level: 'silent' }),
    ...(options.budgetClock ? { budgetClock: options.budgetClock } : {}),
  })
  return {
    ...server,
    dataDir,
    async http<T>(
      method: string,
      route: string,
      body?: unknown,
      token: string | null = ADMIN_TOKEN,
    ) {
      const headers: Record<string, string> = {}
      if (body !== undefined) headers['content-type'] = 'application/json'
      if (token) headers.authorization = `Bearer ${token}`
      const res = await fetch(`${server.url}${route}`, {
        method,
        headers,
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })
      const text = await res.text()
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T }
    },
    async destroy() {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** A connected client that records everything it receives. */
export interface TestClient {
  readonly socket: TestSocket
  readonly snapshots: Snapshot[]
  readonly events: HoldoverEvent[]
  /** The fresh tokens the server handed this participant (`session.token`), in order. */
  readonly tokens: { token: string; expiresAt: number }[]
  /** Every `presence` message, in order. */
  readonly presences: Presence[]
  /** Every `session.moved` message (a seat on another team), in order. */
  readonly moves: SessionMoved[]
  /** Resolves once the server has cut this socket (or already had). */
  waitForDisconnect(timeoutMs?: number): Promise<void>
  send(command: CommandInput | Record<string, unknown>): Promise<CommandReply>
  /** Resolves once an event matching `predicate` has arrived (or has already). */
  waitForEvent(
    predicate: (event: HoldoverEvent) => boolean,
    timeoutMs?: number,
  ): Promise<HoldoverEvent>
  waitForSnapshot(timeoutMs?: number): Promise<Snapshot>
  /** Resolves with the latest fresh token once one has arrived. */
  waitForToken(timeoutMs?: number): Promise<{ token: string; expiresAt: number }>
  close(): void
}

/** Connects to `server` with `auth`; rejects with the connect_error message when refused. */
export async function connect(
  server: { url: string },
  auth: Record<string, unknown>,
): Promise<TestClient> {
  const socket: TestSocket = io(server.url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  })
  const snapshots: Snapshot[] = []
  const events: HoldoverEvent[] = []
  const tokens: { token: string; expiresAt: number }[] = []
  const presences: Presence[] = []
  const moves: SessionMoved[] = []
  let disconnected = false
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const listener of listeners) listener()
  }
  socket.on('snapshot', (snapshot) => {
    snapshots.push(snapshot)
    notify()
  })
  socket.on('events', (batch) => {
    events.push(...batch)
    notify()
  })
  socket.on('session.token', (session) => {
    tokens.push(session)
    notify()
  })
  socket.on('presence', (presence) => {
    presences.push(presence)
    notify()
  })
  socket.on('session.moved', (moved) => {
    moves.push(moved)
    notify()
  })
  socket.on('disconnect', () => {
    disconnected = true
    notify()
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', (error) => reject(error))
  })
  const waitFor = <T>(probe: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = probe()
        if (found === undefined) return
        listeners.delete(check)
        clearTimeout(timer)
        resolve(found)
      }
      const timer = setTimeout(() => {
        listeners.delete(check)
        reject(new Error(`timed out waiting for ${what}`))
      }, timeoutMs)
      listeners.add(check)
      check()
    })
  return {
    socket,
    snapshots,
    events,
    tokens,
    presences,
    moves,
    waitForDisconnect: (timeoutMs = 3000) =>
      waitFor(
        () => (disconnected ? true : undefined),
        timeoutMs,
        'the server to cut the socket',
      ).then(() => undefined),
    send: (command) => socket.timeout(5000).emitWithAck('command', command),
    waitForEvent: (predicate, timeoutMs = 3000) =>
      waitFor(() => events.find(predicate), timeoutMs, 'an event'),
    waitForSnapshot: (timeoutMs = 3000) => waitFor(() => snapshots.at(-1), timeoutMs, 'a snapshot'),
    waitForToken: (timeoutMs = 3000) => waitFor(() => tokens.at(-1), timeoutMs, 'a fresh token'),
    close: () => socket.close(),
  }
}

/** Creates an exercise of the drill scenario and joins one participant per named team. */
export async function setUpExercise(server: TestServer, teams: string[] = ['red', 'soc']) {
  const created = await server.http<{ id: string; joinCodes: Record<string, string> }>(
    'POST',
    '/api/exercises',
    {
      scenarioId: 'drill-ntp-shift',
    },
  )
  const participants: Record<string, { token: string; participantId: string; teamId: string }> = {}
  for (const teamId of teams) {
    const code = created.body.joinCodes[teamId]!
    const joined = await server.http<{ token: string; participantId: string; teamId: string }>(
      'POST',
      '/api/join',
      { code, name: `${teamId} player` },
      null,
    )
    participants[teamId] = joined.body
  }
  return { exerciseId: created.body.id, joinCodes: created.body.joinCodes, participants }
}
