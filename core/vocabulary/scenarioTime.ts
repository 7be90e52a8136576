/** Scenario time is counted in seconds from T+0 and written as T+hh:mm or T+hh:mm:ss. */

const SCENARIO_TIME = /^T\+(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$/

/** Parses `T+01:30` or `T+01:30:15` into seconds; returns null when the text is not a scenario time. */
export function parseScenarioTime(text: string): number | null {
  const match = SCENARIO_TIME.exec(text.trim())
  if (!match) return null
  const [, hours, minutes, seconds] = match
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0)
}

/** Formats seconds of scenario time as `T+hh:mm:ss` (whole seconds, rounded down). */
export function formatScenarioTime(tSeconds: number): string {
  const whole = Math.max(0, Math.floor(tSeconds))
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const seconds = whole % 60
  return `T+${pad(hours)}:${pad(minutes)}:${pad(seconds)}`
}

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

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
