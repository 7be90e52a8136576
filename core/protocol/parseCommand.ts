/** The boundary check for every client → server command: shape, type, then the command's own schema. */
import type { z } from 'zod'
import type { Command, CommandType } from './commands'
import { COMMAND_TYPES, commandSchemas } from './commands'
import type { ProtocolError } from './errors'
import { ERROR_CODES, protocolError } from './errors'
import { PROTOCOL_VERSION } from './version'

/** Validates an untrusted message as a command, or says precisely what is wrong with it. */
export function parseCommand(
  raw: unknown,
): { ok: true; command: Command } | { ok: false; error: ProtocolError } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(ERROR_CODES.invalid, 'A command is an object: { type, ...fields }.')
  }
  const type = (raw as { type?: unknown }).type
  if (typeof type !== 'string') {
    return fail(ERROR_CODES.invalid, 'A command needs a string "type", such as "clock.start".')
  }
  if (!Object.hasOwn(commandSchemas, type)) {
    return fail(
      ERROR_CODES.unknownCommand,
      `Unknown command type '${type.slice(0, 64)}'. This server speaks protocol ${PROTOCOL_VERSION} and knows: ${COMMAND_TYPES.join(', ')}. Are client and server versions aligned?`,
    )
  }
  const parsed = commandSchemas[type as CommandType].safeParse(raw)
  if (!parsed.success) return fail(ERROR_CODES.invalid, `${type}: ${describeIssues(parsed.error)}`)
  return { ok: true, command: parsed.data as Command }
}

/** A zod error as one readable line: `field: problem; field: problem`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ')
}

function fail(code: ProtocolError['code'], message: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: protocolError(code, message) }
}
