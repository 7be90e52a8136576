import { describe, expect, it } from 'vitest'
import { notebookFileName, scenarioStamp } from './scenarioStamp'

describe('scenarioStamp', () => {
  it('writes scenario time and the wall time in UTC', () => {
    expect(scenarioStamp(3900, Date.UTC(2026, 11, 1, 14, 32, 59))).toBe('T+01:05:00 (14:32 UTC)')
  })

  it('counts whole seconds, pads hours, and shows days of scenario time as hours', () => {
    expect(scenarioStamp(0.9, Date.UTC(2026, 0, 1, 0, 5))).toBe('T+00:00:00 (00:05 UTC)')
    expect(scenarioStamp(3 * 86_400 + 61, Date.UTC(2026, 0, 1, 9, 0))).toBe(
      'T+72:01:01 (09:00 UTC)',
    )
  })
})

describe('notebookFileName', () => {
  it('names the file after the team and the scenario time, without colons', () => {
    expect(notebookFileName('Northmere SOC', 3900)).toBe('northmere-soc-notebook-T+01h05m00s.md')
  })

  it('keeps only letters and digits of the team name, accents folded', () => {
    expect(notebookFileName('  Équipe / OT: "ingénierie"  ', 5)).toBe(
      'equipe-ot-ingenierie-notebook-T+00h00m05s.md',
    )
    expect(notebookFileName('✦✦', 0)).toBe('team-notebook-T+00h00m00s.md')
  })
})
