/**
 * Picks how this process joins the others from the configuration: alone (no Redis URL), or over
 * Redis, with Socket.IO's Redis streams adapter carrying broadcasts and server-side emits.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter'
import { Redis } from 'ioredis'
import type { ServerOptions } from 'socket.io'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Cluster } from './Cluster'
import type { ServerSideEmitter } from './RedisCluster'
import { RedisCluster } from './RedisCluster'
import { SoloCluster } from './SoloCluster'

export interface ScaleOut {
  /** Socket.IO options this way of running needs (connection-state recovery on several processes). */
  readonly serverOptions: Partial<ServerOptions>
  /** Installs the adapter on `io` and returns the cluster its rooms use. */
  attach(io: ServerSideEmitter & { adapter(factory: unknown): unknown }): Promise<Cluster>
}

/** The scale-out of `config`. */
export function openCluster(
  config: Pick<Config, 'redisUrl' | 'redisPrefix' | 'leaseMs' | 'processId'>,
  logger: Logger,
  wallClock: () => number,
): ScaleOut {
  const url = config.redisUrl
  if (!url) return { serverOptions: {}, attach: async () => new SoloCluster() }
  return {
    serverOptions: {
      // A brief disconnection resumes with its rooms; events are still resent from lastSeq,
      // since the adapter cannot promise recovery (COLLAB.md). Middlewares run again: a resumed
      // socket is authenticated and counted like a new one.
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    },
    async attach(io) {
      const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 })
      redis.on('error', (error: unknown) => logger.warn({ err: error }, 'redis'))
      await redis.connect()
      io.adapter(
        createAdapter(redis, {
          streamName: `${config.redisPrefix}socket.io`,
          channelPrefix: `${config.redisPrefix}socket.io`,
          sessionKeyPrefix: `${config.redisPrefix}sio:session:`,
        }),
      )
      return new RedisCluster({
        redis,
        io,
        prefix: config.redisPrefix,
        leaseMs: config.leaseMs,
        processId: config.processId,
        logger,
        wallClock,
      })
    },
  }
}
