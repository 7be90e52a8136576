/** The timing chain's shape as a scenario file writes it: nodes, their sources, tolerances and monitoring. */
import { z } from 'zod'
import { durationSchema, idSchema } from '../vocabulary/fieldSchemas'
import { NODE_KINDS, NTP_IMPLEMENTATIONS, OSCILLATORS, SECTORS } from './parameters'

export const OBSERVABLES = [
  'offset-vs-gnss',
  'offset-vs-independent',
  'cn0',
  'clock-class',
  'ntp-peers',
  'device',
] as const
export type ObservableKind = (typeof OBSERVABLES)[number]

const monitorObjectSchema = z.strictObject({
  observable: z.enum(OBSERVABLES),
  /** The reference an offset is measured against (default: the nearest receiver / fibre / lab). */
  against: idSchema.optional(),
  /** Offset alarms: |offset| beyond this raises an alert (default: the node's degraded limit). */
  alarmNs: z.number().positive().optional(),
  /** How long a condition must persist before the alert (default per observable). */
  delayS: durationSchema.optional(),
})

/** One monitoring point: an observable name, or an object with its alarm settings. */
export const monitorSchema = z.union([
  z
    .enum(OBSERVABLES)
    .transform((observable): z.output<typeof monitorObjectSchema> => ({ observable })),
  monitorObjectSchema,
])
export type Monitor = z.output<typeof monitorSchema>

export const ntpSettingsSchema = z.strictObject({
  /** Fewest truechimers needed to synchronise (ntpd `tos minsane`). */
  minsane: z.number().int().min(1).max(16).default(1),
  /** Survivors kept by clustering (ntpd `tos minclock`). */
  minclock: z.number().int().min(1).max(16).default(3),
  /** Root distance added by each network association (delay/2 + dispersion), ns. */
  linkDistanceNs: z.number().positive().optional(),
  /** The NTP software (default: w32time for domain controllers, ntpd for time servers, else chrony). */
  implementation: z.enum(NTP_IMPLEMENTATIONS).optional(),
  /** ntpd run as `ntpd -g` under a supervisor: a panic exit is restarted and the offset stepped. */
  supervised: z.boolean().default(false),
  /** Poll interval, s (default 64 for ntpd and chrony, 1024 for w32time); polls are staggered per host. */
  pollS: z.number().min(8).max(131_072).optional(),
  /** ntpd's leap-seconds file: a valid one makes it ignore leap flags from its servers. */
  leapFile: z.enum(['valid', 'expired', 'none']).default('none'),
  /**
   * chrony's `makestep threshold limit`: an offset beyond `thresholdS` is stepped at the poll
   * that sees it, but only in the first `limit` updates after the daemon starts (-1: always).
   * Default `1 3`, as the distributions' chrony.conf ships it.
   */
  makestep: z
    .strictObject({
      thresholdS: z.number().positive().max(1e6),
      limit: z.number().int().min(-1).max(1_000_000),
    })
    .optional(),
})

const directionSchema = z.strictObject({
  toleranceNs: z.number().positive().optional(),
  /** What breaks when the clock is off this way beyond the tolerance. */
  consequence: z.string().min(1).max(500).optional(),
})

export const chainNodeSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1).max(200),
  kind: z.enum(NODE_KINDS),
  description: z.string().max(20_000).default(''),
  /** Default per kind: maser (reference), rubidium (constellation), OCXO (PTP), else TCXO. */
  oscillator: z.enum(OSCILLATORS).optional(),
  /** Overrides the oscillator's holdover figures (TE = x0 + y0·t + ½·D·t²). */
  holdover: z.strictObject({ y0: z.number(), agingPerDay: z.number() }).optional(),
  /** Upstream node ids, most preferred first (NTP: all servers; the selection picks). */
  sources: z.array(idSchema).max(16).default([]),
  stratum: z.number().int().min(1).max(15).optional(),
  nts: z.boolean().default(false),
  ntp: ntpSettingsSchema.optional(),
  priority1: z.number().int().min(0).max(255).optional(),
  /** PTP profile of a grandmaster or boundary clock: IEEE 1588 default or ITU-T G.8275.1. */
  ptpProfile: z.enum(['default', 'g8275.1']).default('default'),
  /** G.8275.1 localPriority of the port facing each source (default 128; lower wins). */
  localPriority: z.record(idSchema, z.number().int().min(1).max(255)).default({}),
  /** G.8275.1: only the ports facing its sources may become slave; a master heard elsewhere is ignored. */
  masterOnly: z.boolean().default(false),
  /** G.8273.2 class of a boundary clock: its constant time error per hop (A 50, B 20, C 10 ns). */
  boundaryClass: z.enum(['A', 'B', 'C']).optional(),
  /** A receiver's output timescale: `gps` ignores the broadcast UTC parameters. */
  gnssOutput: z.enum(['utc', 'gps']).default('utc'),
  /** A consumer's tolerance and consequence with its clock ahead of UTC (set forward). */
  ahead: directionSchema.optional(),
  /** … and behind UTC (set back). */
  behind: directionSchema.optional(),
  priority2: z.number().int().min(0).max(255).optional(),
  /**
   * G.8275.1: the category of the frequency source a grandmaster holds over on once past its
   * holdover specification: 1 (SyncE traceable to a PRC, the default), 2 (SSU grade, such as a
   * local rubidium), 3 (an EEC crystal). It then announces clockClass 140, 150 or 160.
   */
  frequencyCategory: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  /** The clockClass a grandmaster announces while locked (default 6). */
  clockClass: z.number().int().min(0).max(255).optional(),
  sector: z.enum(SECTORS).optional(),
  toleranceNs: z.number().positive().optional(),
  degradedNs: z.number().positive().optional(),
  /** A constant offset of this node's link (uncorrected asymmetry, cable delay), ns. */
  biasNs: z.number().default(0),
  linkNoiseNs: z.number().min(0).optional(),
  /** Team ids whose monitoring sees this node's observables. */
  monitoredBy: z.array(idSchema).default([]),
  /** The observables that exist here; none makes the node a blind spot. */
  monitoring: z.array(monitorSchema).max(12).default([]),
})

/** The chain's shape only: a scenario that checks `monitoredBy` against its teams pairs it with `checkChain(chain, ctx, { teams })`. */
export const chainShapeSchema = z.strictObject({
  /** The UTC date and time of T+0: gives leap seconds their calendar (month ends, 30 June / 31 December). */
  startUtc: z.iso.datetime({ offset: true }).optional(),
  nodes: z.array(chainNodeSchema).min(1).max(5_000),
})

/** A chain as read from a scenario file (chainSchema.ts adds the reference checks). */
export type Chain = z.output<typeof chainShapeSchema>
export type ChainNode = z.output<typeof chainNodeSchema>
