import { describe, expect, it } from 'vitest'
import { outOfToleranceOf, type StatusChange, timeOutOfTolerance } from './outOfTolerance'

const change = (nodeId: string, status: StatusChange['status'], t: number): StatusChange => ({
  nodeId,
  status,
  t,
})

describe('timeOutOfTolerance', () => {
  it('sums the spells a node spent failed, and counts the open one up to now', () => {
    const log = [
      change('radio-1', 'degraded', 100),
      change('radio-1', 'failed', 1_000),
      change('radio-1', 'degraded', 1_600),
      change('radio-1', 'failed', 3_000),
    ]
    const table = timeOutOfTolerance(log, 4_000)
    expect(outOfToleranceOf(table, 'radio-1')).toEqual({
      seconds: 600 + 1_000,
      failedSinceT: 3_000,
    })
  })

  it('keeps nodes apart, and a node never recorded has spent nothing out of tolerance', () => {
    const log = [
      change('radio-1', 'failed', 10),
      change('pmu-1', 'failed', 20),
      change('radio-1', 'ok', 30),
    ]
    const table = timeOutOfTolerance(log, 50)
    expect(outOfToleranceOf(table, 'radio-1')).toEqual({ seconds: 20, failedSinceT: null })
    expect(outOfToleranceOf(table, 'pmu-1')).toEqual({ seconds: 30, failedSinceT: 20 })
    expect(outOfToleranceOf(table, 'kdc')).toEqual({ seconds: 0, failedSinceT: null })
  })

  it('does not count degraded time, nor a repeated failed entry twice', () => {
    const log = [
      change('gm-1', 'degraded', 0),
      change('gm-1', 'failed', 100),
      change('gm-1', 'failed', 150),
      change('gm-1', 'degraded', 200),
    ]
    expect(outOfToleranceOf(timeOutOfTolerance(log, 1_000), 'gm-1').seconds).toBe(100)
  })

  it('never runs backwards when a change is stamped after the time asked for', () => {
    const log = [change('kdc', 'failed', 500), change('kdc', 'ok', 900)]
    expect(outOfToleranceOf(timeOutOfTolerance(log, 700), 'kdc').seconds).toBe(200)
    expect(outOfToleranceOf(timeOutOfTolerance(log, 400), 'kdc').seconds).toBe(0)
  })
})
