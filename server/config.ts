/** Configuration from the environment, each value with a default that works on one machine. */
import path from 'node:path'

export interface Config {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  readonly adminToken: string | undefined
  readonly databaseUrl: string | undefined
  readonly redisUrl: string | undefined
  readonly scenariosDir: string
  readonly clientDir: string
  /** Milliseconds between clock ticks (what became due is emitted then). */
  readonly tickMs: number
  readonly logLevel: string
}

/** Reads the configuration from `env`; throws with a readable message on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number (0–65535), not '${env.PORT}'.`)
  }
  const tickMs = Number(env.HOLDOVER_TICK_MS ?? 250)
  if (!Number.isFinite(tickMs) || tickMs < 10 || tickMs > 5000) {
    throw new Error(`HOLDOVER_TICK_MS must be between 10 and 5000, not '${env.HOLDOVER_TICK_MS}'.`)
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(root, env.HOLDOVER_DATA_DIR ?? 'data'),
    adminToken: nonEmpty(env.HOLDOVER_ADMIN_TOKEN),
    databaseUrl: nonEmpty(env.HOLDOVER_DATABASE_URL),
    redisUrl: nonEmpty(env.HOLDOVER_REDIS_URL),
    scenariosDir: path.resolve(root, env.HOLDOVER_SCENARIOS_DIR ?? 'scenarios'),
    clientDir: path.resolve(root, env.HOLDOVER_CLIENT_DIR ?? 'dist/client'),
    tickMs,
    logLevel: env.LOG_LEVEL ?? 'info',
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}
