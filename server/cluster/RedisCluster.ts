/**
 * Several processes over Redis. A lease per exercise is a key set with NX PX, renewed and released
 * only by its owner (compare-and-set scripts), with a fence that only grows, even across a Redis
 * restart that lost it (it starts from Redis's clock). Requests for an exercise go to its owner's
 * own channel, with a timeout; committed events travel on Socket.IO's Redis streams adapter
 * (server-side emits), which keeps their order and rides out a short Redis restart.
 */
import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { HoldoverEvent } from '../../core/protocol/events'
import type { Logger } from '../log'
import type { Cluster, ClusterHandlers, ForwardedReply, ForwardedRequest, Lease } from './Cluster'
import { RedisPresence } from './RedisPresence'

/** The server-side emits between processes (Socket.IO's InterServerEvents). */
export interface InterServerEvents {
  /** Events an owner committed, as the JSON text of the array (kept exactly as logged). */
  committed: (exerciseId: string, eventsJson: string) => void
  /** A document update one process recorded, for the others' copies and clients. */
  documentUpdate: (exerciseId: string, doc: string, update: Uint8Array) => void
  /** The participants one process has in an exercise changed: read them again. */
  presence: (exerciseId: string) => void
}

/** What RedisCluster needs of the Socket.IO server: server-side emits both ways. */
export interface ServerSideEmitter {
  serverSideEmit<E extends keyof InterServerEvents>(
    event: E,
    ...args: Parameters<InterServerEvents[E]>
  ): boolean
  on<E extends keyof InterServerEvents>(event: E, listener: InterServerEvents[E]): unknown
}

// KEYS[1] lease, KEYS[2] fence; ARGV[1] owner, ARGV[2] ttl ms. Returns the new fence, or 0.
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local last = tonumber(redis.call('GET', KEYS[2]) or '0')
  local fence = math.max(last + 1, now)
  redis.call('SET', KEYS[2], string.format('%d', fence))
  return fence
end
return 0`
// KEYS[1] lease; ARGV[1] owner, ARGV[2] ttl ms.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`

interface Held {
  readonly lease: Lease
  readonly owner: string
  /** Wall time (ms) the lease surely lasts until, from the last successful renewal. */
  validUntil: number
  lost: boolean
  readonly listeners: (() => void)[]
}

interface Envelope {
  readonly id: string
  readonly replyTo: string
  readonly request: ForwardedRequest
}

export interface RedisClusterOptions {
  readonly redis: Redis
  readonly io: ServerSideEmitter
  /** Every key and channel starts with it, so installations (or test runs) share a Redis. */
  readonly prefix: string
  readonly leaseMs: number
  readonly logger: Logger
  readonly wallClock: () => number
  /** Unique among the installation's processes; random when absent. */
  readonly processId?: string | undefined
}

export class RedisCluster implements Cluster {
  readonly processId: string
  readonly leaseMs: number
  readonly presence: RedisPresence
  private readonly redis: Redis
  private readonly subscriber: Redis
  private readonly held = new Map<string, Held>()
  private readonly pending = new Map<string, (reply: ForwardedReply) => void>()
  private renewTimer: NodeJS.Timeout | undefined
  private handlers: ClusterHandlers | undefined
  private closed = false

  constructor(private readonly options: RedisClusterOptions) {
    this.redis = options.redis
    this.subscriber = options.redis.duplicate()
    this.leaseMs = options.leaseMs
    this.processId = options.processId ?? randomUUID()
    this.redis.defineCommand('holdoverAcquire', { numberOfKeys: 2, lua: ACQUIRE })
    this.redis.defineCommand('holdoverRenew', { numberOfKeys: 1, lua: RENEW })
    this.redis.defineCommand('holdoverRelease', { numberOfKeys: 1, lua: RELEASE })
    // A process's participants stand as long as its leases would: both are renewed together.
    this.presence = new RedisPresence({
      redis: this.redis,
      io: options.io,
      prefix: options.prefix,
      processId: this.processId,
      ttlMs: options.leaseMs,
      logger: options.logger,
      wallClock: options.wallClock,
    })
  }

  private get requests(): string {
    return `${this.options.prefix}requests:${this.processId}`
  }

  private get replies(): string {
    return `${this.options.prefix}replies:${this.processId}`
  }

  async start(handlers: ClusterHandlers): Promise<void> {
    this.handlers = handlers
    this.options.io.on('committed', (exerciseId, json) => {
      handlers.committed(exerciseId, JSON.parse(json) as HoldoverEvent[])
    })
    this.options.io.on('documentUpdate', (exerciseId, doc, update) => {
      handlers.documentUpdated(exerciseId, doc, new Uint8Array(update))
    })
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.requests) void this.answer(JSON.parse(text) as Envelope)
      else if (channel === this.replies) {
        const { id, reply } = JSON.parse(text) as { id: string; reply: ForwardedReply }
        this.pending.get(id)?.(reply)
      }
    })
    let wasDown = false
    this.subscriber.on('close', () => {
      wasDown = true
    })
    // ioredis resubscribes by itself; what was published meanwhile is caught up from the store.
    this.subscriber.on('ready', () => {
      if (wasDown && !this.closed) {
        wasDown = false
        handlers.reconnected()
      }
    })
    await this.subscriber.subscribe(this.requests, this.replies)
    this.presence.start()
    this.renewTimer = setInterval(() => void this.renewAll(), Math.max(50, this.leaseMs / 3))
    this.renewTimer.unref()
  }

  async acquire(exerciseId: string): Promise<Lease | null> {
    const owner = `${this.processId}`
    const fence = Number(
      await (
        this.redis as unknown as {
          holdoverAcquire(a: string, b: string, c: string, d: number): Promise<number>
        }
      ).holdoverAcquire(this.leaseKey(exerciseId), this.fenceKey(exerciseId), owner, this.leaseMs),
    )
    if (fence === 0) return null
    const listeners: (() => void)[] = []
    const lease: Lease = {
      exerciseId,
      fence,
      onLost: (listener) => listeners.push(listener),
      release: async () => {
        if (this.held.get(exerciseId)?.lease !== lease) return
        this.held.delete(exerciseId)
        await this.script('holdoverRelease', this.leaseKey(exerciseId), owner).catch(() => 0)
      },
    }
    // Measured from before the request: the lease cannot outlive this bound.
    this.held.set(exerciseId, {
      lease,
      owner,
      validUntil: this.options.wallClock() + this.leaseMs,
      lost: false,
      listeners,
    })
    return lease
  }

  async forward(request: ForwardedRequest, timeoutMs: number): Promise<ForwardedReply | null> {
    // Redis unreachable: nothing was sent, so the sender may be told nothing changed.
    const owner = await this.redis.get(this.leaseKey(request.exerciseId)).catch(() => null)
    if (!owner) return null
    const id = randomUUID()
    const answered = new Promise<ForwardedReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error('the owner did not answer in time'))
      }, timeoutMs)
      this.pending.set(id, (reply) => {
        clearTimeout(timer)
        this.pending.delete(id)
        resolve(reply)
      })
    })
    const envelope: Envelope = { id, replyTo: this.replies, request }
    const receivers = await this.redis
      .publish(`${this.options.prefix}requests:${owner}`, JSON.stringify(envelope))
      .catch(() => 0)
    if (receivers === 0) {
      // The owner is gone without releasing: nobody listens on its channel.
      this.pending.get(id)?.({ kind: 'not-owner' })
    }
    return answered
  }

  publish(exerciseId: string, events: readonly HoldoverEvent[]): void {
    this.options.io.serverSideEmit('committed', exerciseId, JSON.stringify(events))
  }

  publishDocument(exerciseId: string, doc: string, update: Uint8Array): void {
    this.options.io.serverSideEmit('documentUpdate', exerciseId, doc, update)
  }

  async unowned(exerciseIds: readonly string[]): Promise<string[]> {
    if (exerciseIds.length === 0) return []
    const owners = await this.redis.mget(exerciseIds.map((id) => this.leaseKey(id)))
    return exerciseIds.filter((_id, i) => owners[i] === null)
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.renewTimer) clearInterval(this.renewTimer)
    await Promise.all([
      ...[...this.held.values()].map((held) => held.lease.release()),
      this.presence.close(),
    ])
    this.subscriber.disconnect()
    this.redis.disconnect()
  }

  private async answer(envelope: Envelope): Promise<void> {
    let reply: ForwardedReply
    try {
      reply = (await this.handlers?.forwarded(envelope.request)) ?? { kind: 'not-owner' }
    } catch (error) {
      this.options.logger.error({ err: error }, 'forwarded request failed')
      reply = { kind: 'not-owner' }
    }
    await this.redis
      .publish(envelope.replyTo, JSON.stringify({ id: envelope.id, reply }))
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'reply not sent'))
  }

  private async renewAll(): Promise<void> {
    await Promise.all(
      [...this.held.entries()].map(async ([exerciseId, held]) => {
        const startedAt = this.options.wallClock()
        let renewed: boolean
        try {
          renewed =
            (await this.script('holdoverRenew', this.leaseKey(exerciseId), held.owner)) === 1
        } catch {
          // Redis unreachable: the lease holds until validUntil, and is lost after.
          renewed = false
          if (this.options.wallClock() < held.validUntil) return
        }
        if (this.held.get(exerciseId) !== held) return
        if (renewed) {
          held.validUntil = startedAt + this.leaseMs
          return
        }
        this.held.delete(exerciseId)
        held.lost = true
        this.options.logger.warn({ exerciseId }, 'lease lost')
        for (const listener of held.listeners) listener()
      }),
    )
  }

  private script(name: 'holdoverRenew' | 'holdoverRelease', key: string, owner: string) {
    return (
      this.redis as unknown as Record<string, (k: string, o: string, t: number) => Promise<number>>
    )[name]!(key, owner, this.leaseMs).then(Number)
  }

  private leaseKey(exerciseId: string): string {
    return `${this.options.prefix}lease:${exerciseId}`
  }

  private fenceKey(exerciseId: string): string {
    return `${this.options.prefix}fence:${exerciseId}`
  }
}
