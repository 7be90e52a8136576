import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestServer } from './startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from './startTestServer'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

describe('reconnecting', () => {
  it('gives a participant exactly the events it missed, no gap and no duplicate', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const blue = await connect(server, { token: participants.soc!.token })
    const first = await blue.waitForSnapshot()
    await facilitator.send({ type: 'inject.fire', injectId: 'siem-offset' })
    const seen = await blue.waitForEvent((e) => e.type === 'inject.delivered')
    blue.close() // the network drops

    await facilitator.send({ type: 'clock.start' })
    await facilitator.send({
      type: 'inject.send',
      to: 'soc',
      title: 'While you were away',
      body: '1',
    })
    await facilitator.send({ type: 'inject.send', to: 'red', title: 'Not for blue', body: '2' })
    await facilitator.send({ type: 'clock.setSpeed', speed: 60 })
    await facilitator.send({
      type: 'inject.send',
      to: 'soc',
      title: 'Second while away',
      body: '3',
    })
    await facilitator.send({ type: 'chat.send', channel: 'soc', text: 'control to soc' })

    const back = await connect(server, { token: participants.soc!.token, lastSeq: seen.seq })
    await back.waitForEvent((e) => e.type === 'chat.message')
    expect(back.snapshots).toEqual([])
    expect(back.events.map((e) => e.type)).toEqual([
      'clock.started',
      'inject.delivered', // the T+00:00 kickoff, fired as the clock starts
      'inject.delivered',
      'clock.speedChanged',
      'inject.delivered',
      'chat.message',
    ])
    const seqs = back.events.map((e) => e.seq)
    expect(seqs.every((seq) => seq > seen.seq)).toBe(true)
    expect([...new Set(seqs)]).toEqual(seqs)
    expect(JSON.stringify(back.events)).not.toContain('Not for blue')

    // Folding snapshot + first live events + the resumed ones equals a fresh snapshot.
    const fresh = await connect(server, { token: participants.soc!.token })
    const freshSnapshot = await fresh.waitForSnapshot()
    const { foldEvents } = await import('../../core/engine/reducer')
    const resumed = foldEvents([...blue.events, ...back.events], first.state)
    expect(resumed).toEqual(freshSnapshot.state)
    for (const client of [facilitator, back, fresh]) client.close()
  })

  it('gives the facilitator what it missed when it reopens with sinceSeq', async () => {
    const { exerciseId } = await setUpExercise(server, ['soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    const snapshot = await facilitator.waitForSnapshot()
    const other = await connect(server, { token: ADMIN_TOKEN })
    await other.send({ type: 'exercise.open', exerciseId })
    facilitator.close()
    await other.send({ type: 'clock.start' })
    await other.send({ type: 'clock.pause' })
    const back = await connect(server, { token: ADMIN_TOKEN })
    await back.send({ type: 'exercise.open', exerciseId, sinceSeq: snapshot.seq })
    await back.waitForEvent((e) => e.type === 'clock.paused')
    // The facilitator sees the kickoff's three deliveries (red, soc, ot) too, and the clock
    // plan's first step reached.
    expect(back.events.map((e) => [e.seq, e.type])).toEqual([
      [snapshot.seq + 1, 'clock.started'],
      [snapshot.seq + 2, 'inject.delivered'],
      [snapshot.seq + 3, 'inject.delivered'],
      [snapshot.seq + 4, 'inject.delivered'],
      [snapshot.seq + 5, 'clock.planStep'],
      [snapshot.seq + 6, 'clock.paused'],
    ])
    back.close()
    other.close()
  })
})
