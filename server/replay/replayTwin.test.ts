import { describe, expect, it } from 'vitest'
import { LocalExercise } from '../../core/engine/LocalExercise'
import { EXAMPLE_RED, EXAMPLE_TEAMS } from '../../core/engine/twinViewExercise'
import type { TwinViewReply } from '../../core/protocol/twinView'
import { FACILITATOR } from '../../core/protocol/viewer'
import { testScenario } from '../../core/scenario/testScenario'
import { exampleAttacks, exampleChain } from '../../core/twin/exampleChain'
import { replayTwinAt } from './replayTwin'

const radioStatus = (reply: TwinViewReply) =>
  reply.ok && reply.audience === 'facilitator'
    ? reply.nodes.find((node) => node.id === 'radio-1')?.status
    : null

/** Red jams both core receivers with the clock never started: every event at T+00:00. */
function jammedWhilePaused(): LocalExercise {
  const exercise = new LocalExercise(
    testScenario({
      teams: EXAMPLE_TEAMS.map((id) => ({ id, name: id, side: id === 'red' ? 'red' : 'blue' })),
      chain: exampleChain,
      attacks: exampleAttacks,
    }),
    0,
  )
  exercise.execute(
    {
      type: 'inject.send',
      to: 'telco',
      title: 'Before',
      body: '',
      channel: 'email',
      from: 'Control',
    },
    500,
  )
  for (const target of ['rcv-core-1', 'rcv-core-2']) {
    exercise.execute({ type: 'attack.launch', attackId: 'jam-core', target }, 1000, EXAMPLE_RED)
  }
  return exercise
}

describe('the twin at a replay moment', () => {
  it('on a paused clock, is the moment of its event among the many at one scenario time', () => {
    const exercise = jammedWhilePaused()
    const log = exercise.history
    const before = log.events.findIndex((event) => event.type === 'attack.launched')
    expect(log.events[before]!.t).toBe(0)
    // Seq `before` is the last event ahead of the first launch, at the same T+00:00.
    expect(radioStatus(replayTwinAt(log, { seq: before }, FACILITATOR))).toBe('ok')
    expect(radioStatus(replayTwinAt(log, { seq: log.headSeq }, FACILITATOR))).not.toBe('ok')
  })

  it('past its event, takes in every later event up to the cursor, and never reads before it', () => {
    const exercise = jammedWhilePaused()
    const log = exercise.history
    const before = log.events.findIndex((event) => event.type === 'attack.launched')
    // A cursor a minute on from the same seq: the jamming, launched after it, is in force.
    expect(radioStatus(replayTwinAt(log, { seq: before, t: 60 }, FACILITATOR))).toBe('degraded')
    exercise.execute({ type: 'clock.jump', t: 3600 }, 2000)
    expect(replayTwinAt(log, { seq: log.headSeq, t: 10 }, FACILITATOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    })
  })
})
