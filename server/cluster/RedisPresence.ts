/**
 * Who follows an exercise on each process, over Redis: a hash per exercise, one field per process
 * holding its participants and the time (Redis's clock) they stand until. A process rewrites its
 * field when its participants change and on a heartbeat every third of the time to live; a
 * field not rewritten in time (its process died) is dropped by the next reader. A change is
 * announced to the others, which read the hash again; every process also reads the exercises it
 * has sockets in on each heartbeat, so a dead process's participants go within ttl + ttl/3, and
 * what was missed while Redis was away comes back by itself. Nothing here waits on an event's path:
 * writes and reads run beside it, one at a time per exercise, coalescing what changed meanwhile.
 */
import type { Redis } from 'ioredis'
import type { Logger } from '../log'
import type { ClusterPresence, Seats } from './Cluster'

// KEYS[1] the exercise's hash; ARGV[1] process id, ARGV[2] its seats as JSON ('' for none), ARGV[3] ttl ms.
const SHARE = `
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('HSET', KEYS[1], ARGV[1], string.format('%d', now + tonumber(ARGV[3])) .. ' ' .. ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`
// KEYS[1] the exercise's hash; ARGV[1] the reader's process id. Returns the others' fields, flat.
const READ = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local fields = redis.call('HGETALL', KEYS[1])
local live = {}
for i = 1, #fields, 2 do
  local value = fields[i + 1]
  local space = string.find(value, ' ', 1, true)
  if tonumber(string.sub(value, 1, space - 1)) < now then
    redis.call('HDEL', KEYS[1], fields[i])
  elseif fields[i] ~= ARGV[1] then
    table.insert(live, fields[i])
    table.insert(live, string.sub(value, space + 1))
  end
end
return live`

/** What RedisPresence needs to announce a change to the other processes, and hear of theirs. */
export interface PresenceEmitter {
  serverSideEmit(event: 'presence', exerciseId: string): boolean
  on(event: 'presence', listener: (exerciseId: string) => void): unknown
}

export interface RedisPresenceOptions {
  readonly redis: Redis
  readonly io: PresenceEmitter
  readonly prefix: string
  readonly processId: string
  /** How long a process's participants stand without a heartbeat, ms. */
  readonly ttlMs: number
  readonly logger: Logger
  readonly wallClock: () => number
}

/** One exercise this process has sockets in. */
interface Watched {
  readonly listeners: Set<(elsewhere: Seats) => void>
  elsewhere: Seats
  /** Wall time of the last successful read: past the ttl, what it said is no longer believed. */
  readAt: number
}

/** Runs `task` once at a time per key; asked again meanwhile, it runs once more after. */
class OneAtATime {
  private readonly running = new Set<string>()
  private readonly again = new Set<string>()

  run(key: string, task: () => Promise<void>): void {
    if (this.running.has(key)) {
      this.again.add(key)
      return
    }
    this.running.add(key)
    void task().finally(() => {
      this.running.delete(key)
      if (this.again.delete(key)) this.run(key, task)
    })
  }
}

export class RedisPresence implements ClusterPresence {
  /** Exercise id → this process's participants in it, as JSON ('' once none, until told). */
  private readonly mine = new Map<string, string>()
  private readonly watched = new Map<string, Watched>()
  /** Exercises whose change the others have not been told of yet. */
  private readonly unannounced = new Set<string>()
  private readonly writes = new OneAtATime()
  private readonly reads = new OneAtATime()
  private heartbeat: NodeJS.Timeout | undefined

  constructor(private readonly options: RedisPresenceOptions) {
    options.redis.defineCommand('holdoverPresenceShare', { numberOfKeys: 1, lua: SHARE })
    options.redis.defineCommand('holdoverPresenceRead', { numberOfKeys: 1, lua: READ })
  }

  start(): void {
    this.options.io.on('presence', (exerciseId) => {
      if (this.watched.has(exerciseId)) this.read(exerciseId)
    })
    this.heartbeat = setInterval(() => this.beat(), Math.max(50, this.options.ttlMs / 3))
    this.heartbeat.unref()
  }

  share(exerciseId: string, here: Seats): void {
    this.mine.set(exerciseId, here.size === 0 ? '' : JSON.stringify(Object.fromEntries(here)))
    this.unannounced.add(exerciseId)
    this.write(exerciseId)
  }

  follow(exerciseId: string, changed: (elsewhere: Seats) => void): () => void {
    let watched = this.watched.get(exerciseId)
    if (!watched) {
      watched = { listeners: new Set(), elsewhere: new Map(), readAt: this.options.wallClock() }
      this.watched.set(exerciseId, watched)
    }
    const listeners = watched.listeners
    listeners.add(changed)
    this.read(exerciseId)
    return () => {
      listeners.delete(changed)
      if (listeners.size === 0 && this.watched.get(exerciseId)?.listeners === listeners) {
        this.watched.delete(exerciseId)
      }
    }
  }

  /** Takes this process's participants out of every exercise (a goodbye: no waiting for the ttl). */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat)
    const exercises = [...this.mine.keys()]
    this.mine.clear()
    await Promise.all(
      exercises.map(async (exerciseId) => {
        try {
          await this.command('Share', exerciseId, '')
          this.options.io.serverSideEmit('presence', exerciseId)
        } catch {
          // Redis away: the field runs out by itself.
        }
      }),
    )
  }

  private beat(): void {
    for (const exerciseId of this.mine.keys()) this.write(exerciseId)
    for (const [exerciseId, watched] of this.watched) {
      if (this.options.wallClock() - watched.readAt > this.options.ttlMs) {
        // Redis has not answered for longer than the others' seats last: only this process counts.
        watched.readAt = this.options.wallClock()
        this.update(watched, new Map())
      }
      this.read(exerciseId)
    }
  }

  private write(exerciseId: string): void {
    this.writes.run(exerciseId, async () => {
      const seats = this.mine.get(exerciseId)
      if (seats === undefined) return
      const announce = this.unannounced.delete(exerciseId)
      try {
        await this.command('Share', exerciseId, seats)
      } catch (error) {
        // Kept in `mine`: the next heartbeat tries again.
        this.options.logger.debug({ err: error, exerciseId }, 'presence not shared')
        if (announce) this.unannounced.add(exerciseId)
        return
      }
      if (seats === '' && this.mine.get(exerciseId) === '') this.mine.delete(exerciseId)
      if (announce) this.options.io.serverSideEmit('presence', exerciseId)
    })
  }

  private read(exerciseId: string): void {
    this.reads.run(exerciseId, async () => {
      const startedAt = this.options.wallClock()
      let fields: string[]
      try {
        fields = (await this.command('Read', exerciseId, '')) as string[]
      } catch (error) {
        this.options.logger.debug({ err: error, exerciseId }, 'presence not read')
        return
      }
      const watched = this.watched.get(exerciseId)
      if (!watched) return
      watched.readAt = startedAt
      const elsewhere = new Map<string, string>()
      for (let i = 1; i < fields.length; i += 2) {
        const seats = JSON.parse(fields[i]!) as Record<string, string>
        for (const [participantId, teamId] of Object.entries(seats)) {
          elsewhere.set(participantId, teamId)
        }
      }
      this.update(watched, elsewhere)
    })
  }

  private update(watched: Watched, elsewhere: Seats): void {
    if (sameSeats(watched.elsewhere, elsewhere)) return
    watched.elsewhere = elsewhere
    for (const listener of [...watched.listeners]) listener(elsewhere)
  }

  private command(name: 'Share' | 'Read', exerciseId: string, seats: string): Promise<unknown> {
    const key = `${this.options.prefix}presence:${exerciseId}`
    const redis = this.options.redis as unknown as Record<
      string,
      (...args: (string | number)[]) => Promise<unknown>
    >
    return name === 'Share'
      ? redis.holdoverPresenceShare!(key, this.options.processId, seats, this.options.ttlMs)
      : redis.holdoverPresenceRead!(key, this.options.processId)
  }
}

function sameSeats(a: Seats, b: Seats): boolean {
  if (a.size !== b.size) return false
  for (const [participantId, teamId] of a) if (b.get(participantId) !== teamId) return false
  return true
}
