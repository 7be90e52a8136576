/**
 * Fixed vocabularies and limits that scenarios, the clock and the wire share; free of zod, so the
 * client bundle stays small.
 */

export const SIDES = ['red', 'blue', 'observer'] as const
export type Side = (typeof SIDES)[number]

export const CHANNELS = [
  'email',
  'phone',
  'siem',
  'monitoring',
  'news',
  'social',
  'regulator',
  'radio',
  'chat',
  'briefing',
] as const
export type Channel = (typeof CHANNELS)[number]

export const LIMITS = {
  title: 200,
  body: 20_000,
  name: 80,
  chat: 4_000,
  notebookTemplate: 20_000,
} as const

/** The slowest and fastest the scenario clock runs: scenario seconds per wall second. */
export const MIN_SPEED = 1
export const MAX_SPEED = 3600

/** The most nodes, and samples per node, one `twin.view` request may ask curves for. */
export const MAX_SERIES_NODES = 50
export const MAX_SERIES_POINTS = 500
