/** Structured logs (pino): JSON lines, or readable lines when a person watches the terminal. */
import { pino } from 'pino'

export type Logger = pino.Logger

/** The server's logger at `level`; pretty-printed on a terminal unless LOG_FORMAT=json. */
export function createLogger(
  level: string,
  pretty = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json',
): Logger {
  return pino({
    level,
    base: { service: 'holdover' },
    redact: ['token', 'auth.token', '*.token'],
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
  })
}
