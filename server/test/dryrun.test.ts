import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../core/protocol'
import { parseDuration } from '../cli/dryrun'

const dryrun = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/dryrun.ts', ...args], {
    encoding: 'utf8',
  })

describe('npm run dryrun', () => {
  it('reads durations as facilitators write them', () => {
    expect(parseDuration('72h')).toBe(259_200)
    expect(parseDuration('90m')).toBe(5400)
    expect(parseDuration('3d')).toBe(259_200)
    expect(parseDuration('T+01:30')).toBe(5400)
    expect(parseDuration('soon')).toBeNull()
  })

  it('prints what happens if nobody responds, and the same as wire events with --json', () => {
    const text = dryrun('scenarios/drill-ntp-shift.yaml', '--until', '40m')
    expect(text).toContain('T+00:10:00  inject    siem-offset')
    expect(text).toContain('T+00:40:00  inject    ot-question')
    expect(text).not.toContain('inject    red-progress')
    expect(text).toContain('T+00:35:00  decision  declare-major-incident')
    expect(text).toContain('not fired by T+00:40:00: red-progress, wrap-up, major-incident')
    expect(text).toContain('4 of 10 injects fired')
    const events = dryrun('scenarios/drill-ntp-shift.yaml', '--until', '40m', '--json')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as HoldoverEvent)
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
    expect(Object.keys(events[1]!).slice(0, 4)).toEqual(['seq', 'at', 't', 'type'])
    expect(events.filter((e) => e.type === 'inject.delivered').map((e) => e.t)).toEqual([
      0, 0, 0, 600, 2100, 2400,
    ])
  })
})
