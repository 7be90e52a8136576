/** How the notebook writes the moment something happened: scenario time and the wall time in UTC. */
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'

/** `T+01:05:00 (14:32 UTC)`: scenario time `tSeconds` and wall time `wallMs` (epoch ms). */
export function scenarioStamp(tSeconds: number, wallMs: number): string {
  const wall = new Date(wallMs)
  const hours = String(wall.getUTCHours()).padStart(2, '0')
  const minutes = String(wall.getUTCMinutes()).padStart(2, '0')
  return `${formatScenarioTime(tSeconds)} (${hours}:${minutes} UTC)`
}

/**
 * The file name of a notebook downloaded at scenario time `tSeconds`, after the team's name:
 * `northmere-soc-notebook-T+01h05m00s.md` (no colons, which some systems refuse in file names).
 */
export function notebookFileName(teamName: string, tSeconds: number): string {
  const team =
    teamName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'team'
  const [hours, minutes, seconds] = formatScenarioTime(tSeconds).slice(2).split(':')
  return `${team}-notebook-T+${hours}h${minutes}m${seconds}s.md`
}
