/** The address a request comes from, believing only as many proxies as were configured. */
import type { IncomingMessage } from 'node:http'
import { ipKeyGenerator } from 'express-rate-limit'

/**
 * The client's address, as Express's numeric `trust proxy` computes `req.ip`: the address
 * `hops` steps back along X-Forwarded-For from the peer, never past the first entry.
 */
export function clientAddress(request: Pick<IncomingMessage, 'headers' | 'socket'>, hops: number) {
  const peer = request.socket.remoteAddress ?? ''
  if (hops === 0) return peer
  const header = request.headers['x-forwarded-for']
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .reverse()
  const chain = [peer, ...forwarded]
  return chain[Math.min(hops, chain.length - 1)] ?? peer
}

/** The key an address is limited under: itself, or its /56 for IPv6 (one household's prefix). */
export function addressKey(address: string): string {
  return ipKeyGenerator(address)
}
