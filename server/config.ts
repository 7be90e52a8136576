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
  /** Reverse proxies in front of this server whose X-Forwarded-For is believed (0: none). */
  readonly trustProxyHops: number
  /** How long after the end participants may still read and talk (the hot wash), ms. */
  readonly hotWashMs: number
  /**
   * The address people reach this server at (`HOLDOVER_PUBLIC_URL`), origin and path, without a
   * trailing slash: join links and the sign-in link use it. None: the browser's own address.
   */
  readonly publicUrl: string | undefined
  /** How long an exercise's lease lasts unrenewed, ms: a survivor takes over within it. */
  readonly leaseMs: number
  /** What every Redis key and channel of this installation starts with. */
  readonly redisPrefix: string
  /** This process's name among the installation's (logs, leases); random when unset. */
  readonly processId: string | undefined
}

/** The shortest admin token accepted: 24 characters of a random token are far past guessing. */
export const MIN_ADMIN_TOKEN_LENGTH = 24

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
  const adminToken = nonEmpty(env.HOLDOVER_ADMIN_TOKEN)
  if (adminToken !== undefined && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(
      `HOLDOVER_ADMIN_TOKEN is ${adminToken.length} characters; it must be at least ${MIN_ADMIN_TOKEN_LENGTH}. Generate one with \`openssl rand -base64 32\`, or unset it to have one generated and kept in the data folder.`,
    )
  }
  const hotWashMinutes = Number(env.HOLDOVER_HOT_WASH_MINUTES ?? 120)
  if (!Number.isFinite(hotWashMinutes) || hotWashMinutes < 0 || hotWashMinutes > 7 * 24 * 60) {
    throw new Error(
      `HOLDOVER_HOT_WASH_MINUTES must be between 0 and 10080 (a week), not '${env.HOLDOVER_HOT_WASH_MINUTES}'.`,
    )
  }
  const leaseMs = Number(env.HOLDOVER_LEASE_MS ?? 10_000)
  if (!Number.isInteger(leaseMs) || leaseMs < 500 || leaseMs > 600_000) {
    throw new Error(
      `HOLDOVER_LEASE_MS must be a whole number of milliseconds between 500 and 600000, not '${env.HOLDOVER_LEASE_MS}'.`,
    )
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(root, env.HOLDOVER_DATA_DIR ?? 'data'),
    adminToken,
    databaseUrl: nonEmpty(env.HOLDOVER_DATABASE_URL),
    redisUrl: nonEmpty(env.HOLDOVER_REDIS_URL),
    scenariosDir: path.resolve(root, env.HOLDOVER_SCENARIOS_DIR ?? 'scenarios'),
    clientDir: path.resolve(root, env.HOLDOVER_CLIENT_DIR ?? 'dist/client'),
    tickMs,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxyHops: trustProxyHops(env.HOLDOVER_TRUST_PROXY),
    hotWashMs: hotWashMinutes * 60_000,
    publicUrl: publicUrl(env.HOLDOVER_PUBLIC_URL),
    leaseMs,
    redisPrefix: nonEmpty(env.HOLDOVER_REDIS_PREFIX) ?? 'holdover:',
    processId: nonEmpty(env.HOLDOVER_PROCESS_ID),
  }
}

/** `HOLDOVER_PUBLIC_URL`: an absolute http(s) URL, with no query or fragment; kept without a trailing slash. */
function publicUrl(value: string | undefined): string | undefined {
  const text = nonEmpty(value)
  if (text === undefined) return undefined
  const problem = `HOLDOVER_PUBLIC_URL must be the absolute http or https address people open, such as http://192.168.1.20:3000 or https://holdover.example.org, not '${text}'.`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(problem)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new Error(problem)
  }
  if (url.username || url.password) throw new Error(`${problem} (without a user or password)`)
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/**
 * `HOLDOVER_TRUST_PROXY`: how many reverse proxies stand in front (Express's numeric `trust
 * proxy`). `true` is refused: trusting every hop lets any client name its own address in
 * X-Forwarded-For and so walk past every per-address limit.
 */
function trustProxyHops(value: string | undefined): number {
  const text = nonEmpty(value)?.toLowerCase()
  if (text === undefined || text === 'false' || text === 'off') return 0
  const hops = Number(text)
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(
      `HOLDOVER_TRUST_PROXY must be the number of reverse proxies in front of Holdover (1 for one nginx or Caddy; 0 or unset for none), not '${value}'.`,
    )
  }
  return hops
}

/** The configuration, or, when a value is bad, its message on stderr and exit status 1 (no stack). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env)
  } catch (error) {
    console.error(`Holdover cannot start: ${(error as Error).message}`)
    process.exit(1)
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}
