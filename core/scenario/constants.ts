/** Fixed vocabularies and size limits of scenarios and messages; free of zod, so the client bundle stays small. */

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
