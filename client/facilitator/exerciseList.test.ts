import { describe, expect, it } from 'vitest'
import type { ExerciseListing } from './exerciseList'
import { exportFileName, readImportFile, shownExercises, statusLabel } from './exerciseList'

const row = (id: string, createdAt: number, archivedAt: number | null = null): ExerciseListing => ({
  id,
  title: id,
  scenarioId: 'drill',
  scenarioTitle: 'Drill',
  createdAt,
  lastActivityAt: createdAt,
  archivedAt,
  status: 'paused',
  participants: 0,
  joinCodes: {},
})

describe('shownExercises', () => {
  it('leaves archived exercises out unless asked, newest first', () => {
    const rows = [row('old', 1), row('archived', 3, 5), row('new', 2)]
    expect(shownExercises(rows, false).map((r) => r.id)).toEqual(['new', 'old'])
    expect(shownExercises(rows, true).map((r) => r.id)).toEqual(['archived', 'new', 'old'])
  })
})

describe('statusLabel', () => {
  it('words each status', () => {
    expect(statusLabel('not-started')).toBe('Not started')
    expect(statusLabel('ended')).toBe('Ended')
  })
})

describe('exportFileName', () => {
  it('names the file after the title and the day it was created', () => {
    expect(
      exportFileName({ title: 'Tuesday drill: NTP / GNSS', createdAt: Date.UTC(2026, 11, 1) }),
    ).toBe('holdover-tuesday-drill-ntp-gnss-2026-12-01.json')
    expect(exportFileName({ title: '***', createdAt: 0 })).toBe('holdover-exercise-1970-01-01.json')
  })
})

describe('readImportFile', () => {
  it('says clearly when a file is not an export', () => {
    expect(readImportFile('not json')).toEqual({
      ok: false,
      message: 'This file is not a Holdover export: it is not JSON.',
    })
    expect(readImportFile('[1]')).toMatchObject({ ok: false })
    expect(readImportFile('{"format":"holdover.exercise"}')).toEqual({
      ok: true,
      body: { format: 'holdover.exercise' },
    })
  })
})
