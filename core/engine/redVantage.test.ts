import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../protocol/events'
import type { Viewer } from '../protocol/viewer'
import { parseScenario } from '../scenario/parseScenario'
import { viewEvents } from '../visibility/viewEvent'
import { foldVisible } from './foldVisible'
import { LocalExercise } from './LocalExercise'

const red: Viewer = { role: 'participant', participantId: 'r', teamId: 'red', side: 'red' }
const soc: Viewer = { role: 'participant', participantId: 's', teamId: 'soc', side: 'blue' }
const MIN = 60_000

/** The drill: red rewrites up-7 at T+00:01; the script shifts the other three at T+00:10. */
function drill(): LocalExercise {
  const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
  if (!parsed.ok) throw new Error('the drill scenario does not parse')
  const exercise = new LocalExercise(parsed.scenario, 0)
  exercise.execute({ type: 'clock.start' }, 0)
  const launched = exercise.execute(
    { type: 'attack.launch', attackId: 'shift-upstream', target: 'up-7' },
    MIN,
    red,
  )
  expect(launched.ok).toBe(true)
  return exercise
}

const changes = (events: readonly HoldoverEvent[], nodeId: string) =>
  events.flatMap((e) =>
    e.type === 'twin.statusChanged' && e.nodeId === nodeId ? [`${e.previous}>${e.status}`] : [],
  )

describe('what red sees of the twin', () => {
  it('sees its shift take hold on the clients of the upstream it rewrites', () => {
    const exercise = drill()
    exercise.tick(30 * MIN)
    const seen = viewEvents(exercise.log, red)
    for (const client of ['ntp1-corp', 'ntp2-corp', 'vpn-gw']) {
      expect(changes(seen, client), client).toEqual(['ok>degraded', 'degraded>failed'])
    }
    // Two hops away, beyond what it can probe: the domain steps too, but red is not told.
    expect(changes(exercise.log, 'ad-domain')).not.toEqual([])
    expect(changes(seen, 'ad-domain')).toEqual([])
  })

  it('does not notice the SOC pinning ntp1 to the reference, and still sees ntp2', () => {
    const exercise = drill()
    exercise.tick(30 * MIN)
    const pinned = exercise.execute(
      { type: 'action.take', actionId: 'pin-to-reference', target: 'ntp1-corp' },
      30 * MIN,
      soc,
    )
    expect(pinned.ok).toBe(true)
    exercise.tick(60 * MIN)
    // The truth: ntp1 steps back after its 900 s stepout.
    expect(changes(exercise.log, 'ntp1-corp')).toEqual([
      'ok>degraded',
      'degraded>failed',
      'failed>ok',
    ])
    const seen = viewEvents(exercise.log, red)
    expect(changes(seen, 'ntp1-corp')).toEqual(['ok>degraded', 'degraded>failed'])
    expect(seen.some((e) => e.type === 'action.taken')).toBe(false)
    // A snapshot folded from what red may see tells the same story.
    const redState = foldVisible(exercise.log, red)
    expect(redState.nodeStatus['ntp1-corp']?.status).toBe('failed')
    expect(redState.nodeStatus['ntp2-corp']?.status).toBe('failed')
    expect(JSON.stringify(redState)).not.toContain('pin-to-reference')
  })

  it('sees nothing before it has attacked', () => {
    const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
    if (!parsed.ok) throw new Error('the drill scenario does not parse')
    const exercise = new LocalExercise(parsed.scenario, 0)
    exercise.execute({ type: 'clock.start' }, 0)
    exercise.tick(60 * MIN)
    expect(changes(exercise.log, 'ntp1-corp').length).toBeGreaterThan(0)
    expect(viewEvents(exercise.log, red).some((e) => e.type === 'twin.statusChanged')).toBe(false)
  })
})
