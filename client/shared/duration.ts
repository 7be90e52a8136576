/** Lengths of scenario time as people read them: durations in words, countdowns as a clock. */
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'

export { formatDuration } from '../../core/vocabulary/scenarioTime'

/**
 * The scenario time left until `dueT` at `nowT`, as `in 00:04:30` (hours grow past 99), or `now`
 * once it is reached. Rounded up, so a countdown reads `in 00:00:01` until the very moment.
 */
export function formatCountdown(dueT: number, nowT: number): string {
  const left = Math.ceil(dueT - nowT)
  return left > 0 ? `in ${formatScenarioTime(left).slice(2)}` : 'now'
}
