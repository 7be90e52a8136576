/**
 * The soak's clients on the wire: HTTP calls and sockets bound to a chosen loopback address, so
 * that participants arrive from several "sites" (127.0.0.x) the way rooms behind NATs do.
 */
import { request } from 'node:http'
import type { Socket } from 'socket.io-client'
import { io } from 'socket.io-client'
import type {
  ClientToServerEvents,
  CommandInput,
  CommandReply,
  ServerToClientEvents,
} from '../../core/protocol'

export type SoakSocket = Socket<ServerToClientEvents, ClientToServerEvents>

export interface HttpReply<T> {
  readonly status: number
  readonly body: T
  /** Seconds the server asks to wait (`Retry-After`), when it says. */
  readonly retryAfterS: number | null
}

/** A JSON call to `url` + `route` from `localAddress`. */
export function postJson<T>(
  url: string,
  route: string,
  body: unknown,
  options: { localAddress: string; token?: string },
): Promise<HttpReply<T>> {
  const payload = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${route}`,
      {
        method: 'POST',
        localAddress: options.localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          const retry = Number(res.headers['retry-after'])
          resolve({
            status: res.statusCode ?? 0,
            body: (text ? JSON.parse(text) : undefined) as T,
            retryAfterS: Number.isFinite(retry) ? retry : null,
          })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

/** A socket from `localAddress`, not yet connected; it never reconnects by itself. */
export function openSocket(url: string, token: string, localAddress: string): SoakSocket {
  return io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    localAddress,
  } as Parameters<typeof io>[1])
}

/** Resolves when `socket` connects; rejects with the server's reason when it is refused. */
export function connected(socket: SoakSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', (error) => reject(error))
  })
}

/** A command's outcome as the soak counts it: accepted, or refused with a code (`timeout` when no reply came). */
export type Outcome = { ok: true } | { ok: false; code: string; message: string }

/** Sends a command and resolves with its outcome; `timeout` after `timeoutMs` without a reply. */
export async function send(
  socket: SoakSocket,
  command: CommandInput | Record<string, unknown>,
  timeoutMs = 30_000,
): Promise<Outcome> {
  try {
    const reply: CommandReply = await socket.timeout(timeoutMs).emitWithAck('command', command)
    return reply.ok ? { ok: true } : { ok: false, ...reply.error }
  } catch {
    return { ok: false, code: 'timeout', message: `no reply in ${timeoutMs} ms` }
  }
}
