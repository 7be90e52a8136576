/** The zod schemas of words every file format shares: ids, and lengths of scenario time. */
import { z } from 'zod'
import { parseScenarioTime } from './scenarioTime'

/** An id of a team, node, inject, attack…: what a scenario file names things by. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an id: lowercase letters, digits and dashes (at most 64)')

/** A length of scenario time: seconds, or `T+hh:mm[:ss]`. */
export const durationSchema = z.union([
  z.number().min(0),
  z.string().transform((text, ctx) => {
    const seconds = parseScenarioTime(text)
    if (seconds === null) {
      ctx.addIssue({ code: 'custom', message: 'seconds, or a duration such as T+01:30' })
      return z.NEVER
    }
    return seconds
  }),
])
