/** The boundary check of a `twin.view` request. */
import { z } from 'zod'
import { MAX_SERIES_NODES, MAX_SERIES_POINTS } from '../vocabulary/constants'
import { idSchema } from '../vocabulary/fieldSchemas'

export const twinViewRequestSchema = z.strictObject({
  t: z
    .number()
    .min(0)
    .max(366 * 86_400)
    .optional(),
  series: z
    .strictObject({
      nodeIds: z.array(idSchema).min(1).max(MAX_SERIES_NODES),
      fromT: z
        .number()
        .min(0)
        .max(366 * 86_400),
      toT: z
        .number()
        .min(0)
        .max(366 * 86_400),
      points: z.number().int().min(2).max(MAX_SERIES_POINTS),
    })
    .optional(),
})
