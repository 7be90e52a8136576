/** Assembles Holdover: store, scenarios, rooms, HTTP API, Socket.IO and the static client, on one port. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import type { Server as HttpServer } from 'node:http'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import express from 'express'
import helmet from 'helmet'
import { Server } from 'socket.io'
import { DOCUMENT_LIMITS } from '../core/documents/limits'
import { hotWashBallots } from './auth/hotWashBallots'
import { ParticipantAccess } from './auth/ParticipantAccess'
import { disconnectParticipant } from './auth/refreshTokens'
import { SignInThrottle } from './auth/SignInThrottle'
import type { Secrets } from './auth/secrets'
import { loadSecrets } from './auth/secrets'
import { ClusterUpdateWriter } from './cluster/ClusterUpdateWriter'
import { openCluster } from './cluster/openCluster'
import type { Config } from './config'
import { createApi } from './http/api'
import type { Logger } from './log'
import { createLogger } from './log'
import { audienceRoom } from './rooms/ExerciseRoom'
import { RoomRegistry } from './rooms/RoomRegistry'
import { ScenarioLibrary } from './scenarios/ScenarioLibrary'
import type { HoldoverServer } from './socket/attachSockets'
import { attachSockets } from './socket/attachSockets'
import { reseatParticipant } from './socket/reseatParticipant'
import { CheckpointsFromLog } from './store/CheckpointsFromLog'
import { openStore } from './store/openStore'
import { sharedBallotKey, sharedSecrets } from './store/sharedSecrets'

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly secrets: Secrets
  readonly scenarios: ScenarioLibrary
  readonly logger: Logger
  /** Stops accepting, lets queued work finish, closes the store. */
  close(): Promise<void>
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version

/** Starts a server with `config`; resolves once it listens. */
export async function startServer(
  config: Config,
  options: {
    logger?: Logger
    /** The clock the read-only routes' budgets refill by (the wall clock): tests drive their own. */
    budgetClock?: () => number
  } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel)
  mkdirSync(config.dataDir, { recursive: true })
  const scenarios = ScenarioLibrary.load(config.scenariosDir)
  for (const problem of scenarios.problems) {
    logger.error(
      problem,
      `scenario file not loaded: ${problem.file}:${problem.line}:${problem.column} ${problem.message}`,
    )
  }
  const store = new CheckpointsFromLog(await openStore(config))
  const secrets = await sharedSecrets(
    store,
    loadSecrets(config.dataDir, config.adminToken),
    config.dataDir,
    config.adminToken,
  )
  const wallClock = () => Date.now()
  const scaleOut = openCluster(config, logger, wallClock)

  const app = express()
  app.disable('x-powered-by')
  // Off by default: believed X-Forwarded-For would let any client choose the address it is limited by.
  app.set('trust proxy', config.trustProxyHops)
  // Served over plain HTTP on a LAN by default: upgrading requests to https (or HSTS) would stop
  // participants loading the page from http://<host>:3000. Behind TLS, the proxy sets HSTS.
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      strictTransportSecurity: false,
    }),
  )
  const httpServer: HttpServer = createHttpServer(app)
  const io: HoldoverServer = new Server(httpServer, {
    // Twice the largest document message: one past its limit gets a clear refusal, not a cut.
    maxHttpBufferSize: 2 * DOCUMENT_LIMITS.messageBytes,
    serveClient: false,
    ...scaleOut.serverOptions,
  })
  const cluster = await scaleOut.attach(io)
  // Sockets of this process only: each process publishes to its own clients what it folded.
  const local = io.local
  const writer = new ClusterUpdateWriter(store, cluster)
  const rooms = new RoomRegistry({
    store,
    writer,
    cluster,
    documentOpen: (exerciseId, doc) =>
      (io.of('/').adapter.rooms.get(`doc|${exerciseId}|${doc}`)?.size ?? 0) > 0,
    hasClients: (exerciseId) => {
      for (const room of io.of('/').adapter.rooms.keys()) {
        if (room.startsWith(`${exerciseId}|`) || room.startsWith(`doc|${exerciseId}|`)) return true
      }
      return false
    },
    publish: (exerciseId, key, events) =>
      local.to(audienceRoom(exerciseId, key)).emit('events', events),
    broadcastDocument: (room, doc, message, exceptId) => {
      const target = local.to(room)
      ;(exceptId ? target.except(exceptId) : target).emit('yjs', doc, message)
    },
    wallClock,
    logger,
    hotWashMs: config.hotWashMs,
    hotWashBallot: hotWashBallots(await sharedBallotKey(store)),
    participantRemoved: (_exerciseId, participantId) => {
      void disconnectParticipant(io, participantId).catch((error: unknown) =>
        logger.error({ err: error, participantId }, 'could not cut a removed participant'),
      )
    },
    participantMoved: (room, participantId) => {
      void reseatParticipant(io, access, room, participantId).catch((error: unknown) =>
        logger.error({ err: error, participantId }, 'could not move sockets'),
      )
    },
    twinFrames: {
      publish: (exerciseId, key, frame) =>
        local.to(audienceRoom(exerciseId, key)).emit('twin.frame', frame),
      listening: (exerciseId, key) =>
        (io.sockets.adapter.rooms.get(audienceRoom(exerciseId, key))?.size ?? 0) > 0,
    },
  })
  const access = new ParticipantAccess({ secrets, rooms, wallClock })
  const signIns = new SignInThrottle(wallClock)
  attachSockets(io, {
    rooms,
    secrets,
    logger,
    wallClock,
    tickMs: config.tickMs,
    access,
    signIns,
    trustProxyHops: config.trustProxyHops,
    presence: cluster.presence,
  })
  app.use(
    '/api',
    createApi({
      store,
      rooms,
      scenarios,
      secrets,
      logger,
      version: VERSION,
      wallClock,
      access,
      signIns,
      publicUrl: config.publicUrl,
      budgetClock: options.budgetClock,
    }),
  )
  serveClient(app, config.clientDir, logger)

  await rooms.start()
  await rooms.loadAll()
  await rooms.tickAll()
  rooms.startTicking(config.tickMs)

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(config.port, config.host, () => resolve())
  })
  const port = (httpServer.address() as AddressInfo).port
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const url = `http://${shownHost === '127.0.0.1' ? 'localhost' : shownHost}:${port}`
  logger.info({ url, dataDir: config.dataDir, version: VERSION }, 'holdover listening')

  let closing: Promise<void> | undefined
  return {
    url,
    port,
    secrets,
    scenarios,
    logger,
    close: () => {
      closing ??= (async () => {
        rooms.stopTicking()
        io.disconnectSockets(true)
        await new Promise<void>((resolve) => io.close(() => resolve()))
        await rooms.settle()
        await store.close()
      })()
      return closing
    },
  }
}

/** Serves the built client, with the single-page app's index for every non-API path. */
function serveClient(app: express.Express, clientDir: string, logger: Logger): void {
  const index = path.join(clientDir, 'index.html')
  if (!existsSync(index)) {
    logger.warn({ clientDir }, 'no built client: run `npm run build` (npm start does it for you)')
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
      res
        .status(503)
        .type('text')
        .send('The Holdover client is not built yet: run `npm run build`.')
    })
    return
  }
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }))
  app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
    res.sendFile(index, { maxAge: 0 })
  })
}
