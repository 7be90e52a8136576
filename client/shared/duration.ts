/** Lengths of scenario time as people read them: durations in words, countdowns as a clock. */
import { formatScenarioTime } from '../../core/clock/scenarioTime'

const UNITS = [
  [86_400, 'd'],
  [3600, 'h'],
  [60, 'min'],
  [1, 's'],
] as const

/** A length of scenario time in words: `5 min`, `1 h 30 min`, `2 d 4 h`, `45 s`. */
export function formatDuration(seconds: number): string {
  let left = Math.max(0, Math.round(seconds))
  if (left === 0) return '0 s'
  const parts: string[] = []
  for (const [size, unit] of UNITS) {
    const count = Math.floor(left / size)
    left -= count * size
    if (count > 0) parts.push(`${count} ${unit}`)
  }
  return parts.join(' ')
}

/**
 * The scenario time left until `dueT` at `nowT`, as `in 00:04:30` (hours grow past 99), or `now`
 * once it is reached. Rounded up, so a countdown reads `in 00:00:01` until the very moment.
 */
export function formatCountdown(dueT: number, nowT: number): string {
  const left = Math.ceil(dueT - nowT)
  return left > 0 ? `in ${formatScenarioTime(left).slice(2)}` : 'now'
}
