import { describe, expect, it } from 'vitest'
import type { AlertRecord } from '../../core/protocol/state'
import {
  activeAlertsByNode,
  facilitatorDisplay,
  nodeAccessibleName,
  redDisplay,
  teamDisplay,
} from './nodeDisplay'
import { formatTimeError } from './twinLabels'

const alert = (
  alertId: string,
  nodeId: string,
  raised: boolean,
  seq: number,
  teamId = 'telco',
): AlertRecord => ({
  seq,
  alertId,
  nodeId,
  teamId,
  raised,
  observable: 'clock-class',
  message: 'clockClass 7',
  t: seq * 10,
  at: 0,
})

describe('what each audience sees of a node', () => {
  it('the facilitator sees ground truth, with the mode, and prefers a fresh read to the log', () => {
    const shown = facilitatorDisplay(
      { status: 'failed', mode: 'holdover' },
      { status: 'degraded', mode: 'holdover' },
    )
    expect(shown).toMatchObject({ state: 'failed', text: 'failed', detail: 'holdover' })
    expect(nodeAccessibleName('Radio site 1', shown)).toBe('Radio site 1: failed, holdover')
    expect(facilitatorDisplay(undefined, { status: 'degraded', mode: 'stepping' })).toMatchObject({
      state: 'degraded',
      detail: 'waiting to step',
    })
    expect(facilitatorDisplay(undefined, undefined)).toMatchObject({ state: 'ok', text: 'ok' })
  })

  it('red sees only what the nodes it reached reported', () => {
    expect(redDisplay({ status: 'failed', mode: 'panicked' })).toMatchObject({
      state: 'failed',
      detail: 'panicked',
    })
    expect(nodeAccessibleName('Boundary clock', redDisplay(undefined))).toBe(
      'Boundary clock: no report',
    )
  })

  it('a blue team sees alarms, never a status', () => {
    expect(teamDisplay(true, 0)).toMatchObject({ state: 'no-alarm', text: 'no alarm' })
    expect(teamDisplay(true, 2)).toMatchObject({ state: 'alarm', text: 'alarm (2 alerts)' })
    expect(teamDisplay(false, 0)).toMatchObject({ state: 'unmonitored', detail: null })
    for (const shown of [teamDisplay(true, 0), teamDisplay(true, 1), teamDisplay(false, 0)]) {
      expect(nodeAccessibleName('x', shown)).not.toMatch(/\b(ok|degraded|failed)\b/)
    }
  })
})

describe('activeAlertsByNode', () => {
  it('keeps the alerts raised and not cleared since, per node', () => {
    const active = activeAlertsByNode([
      alert('gm-1/degraded-class', 'gm-1', true, 1),
      alert('bc-1/degraded-class', 'bc-1', true, 2),
      alert('gm-1/new-grandmaster', 'gm-1', true, 3),
      alert('bc-1/degraded-class', 'bc-1', false, 4),
      alert('gm-1/degraded-class', 'gm-1', false, 5),
      alert('gm-1/degraded-class', 'gm-1', true, 6),
    ])
    expect(active.get('gm-1')?.map((a) => a.seq)).toEqual([6, 3])
    expect(active.has('bc-1')).toBe(false)
  })

  it('tells the same alert of two teams apart', () => {
    const active = activeAlertsByNode([
      alert('gm-1/offset', 'gm-1', true, 1, 'telco'),
      alert('gm-1/offset', 'gm-1', true, 2, 'lab'),
      alert('gm-1/offset', 'gm-1', false, 3, 'lab'),
    ])
    expect(active.get('gm-1')?.map((a) => a.teamId)).toEqual(['telco'])
  })
})

describe('formatTimeError', () => {
  it('picks the unit that reads best and keeps the sign of an offset', () => {
    expect(formatTimeError(1_500)).toBe('1.50 µs')
    expect(formatTimeError(212_400_000, { signed: true })).toBe('+212 ms')
    expect(formatTimeError(-360e9)).toBe('−360 s')
    expect(formatTimeError(42)).toBe('42.0 ns')
    expect(formatTimeError(0.5)).toBe('0.50 ns')
    expect(formatTimeError(Number.NaN)).toBe('—')
  })
})
