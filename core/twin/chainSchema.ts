/** The timing chain as a scenario file writes it, with its reference checks. */
import type { z } from 'zod'
import { chainShapeSchema } from './chainShape'
import { checkChain } from './checkChain'

/** The chain with its reference checks (sources, cycles, kind-specific fields, monitoring). */
export const chainSchema = chainShapeSchema.superRefine((chain, ctx) => checkChain(chain, ctx))

export type ChainInput = z.input<typeof chainSchema>
