/** Structured logs (pino, JSON lines on stdout). */
import { pino } from 'pino'

export type Logger = pino.Logger

/** The server's logger at `level`. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'holdover' }, redact: ['token', 'auth.token', '*.token'] })
}
