import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { COMMAND_TYPES, type CommandType } from '../../core/protocol'
import type { TestServer } from './startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from './startTestServer'
import { TestDocClient } from './yjsClient'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

/** A well-formed command of every type: what is refused is refused for who sent it. */
const SAMPLES: Record<CommandType, Record<string, unknown>> = {
  'exercise.open': { type: 'exercise.open', exerciseId: 'x' },
  'clock.start': { type: 'clock.start' },
  'clock.pause': { type: 'clock.pause' },
  'clock.setSpeed': { type: 'clock.setSpeed', speed: 60 },
  'clock.jump': { type: 'clock.jump', t: 3600 },
  'clock.followPlan': { type: 'clock.followPlan' },
  'inject.fire': { type: 'inject.fire', injectId: 'siem-offset' },
  'inject.skip': { type: 'inject.skip', injectId: 'siem-offset' },
  'inject.delay': { type: 'inject.delay', injectId: 'siem-offset', by: 60 },
  'decision.open': { type: 'decision.open', decisionId: 'declare-major-incident' },
  'inject.send': { type: 'inject.send', to: 'soc', title: 'Fake', body: 'from an evaluator' },
  'attack.launch': { type: 'attack.launch', attackId: 'shift-upstream', target: 'up-5' },
  'action.take': { type: 'action.take', actionId: 'check-reference' },
  'decision.answer': {
    type: 'decision.answer',
    decisionId: 'declare-major-incident',
    optionId: 'declare',
  },
  'decision.extend': { type: 'decision.extend', decisionId: 'declare-major-incident', by: 60 },
  'observation.record': {
    type: 'observation.record',
    objectiveId: 'detect',
    teamId: 'soc',
    rating: 'S',
    text: 'Saw the offset, slow to escalate',
  },
  'chat.send': { type: 'chat.send', channel: 'soc', text: 'hello' },
  'exercise.end': { type: 'exercise.end' },
  'participant.remove': { type: 'participant.remove', participantId: 'someone' },
  'adjudication.require': { type: 'adjudication.require', attacks: true },
  'adjudication.rule': { type: 'adjudication.rule', requestId: 'r1', verdict: 'approve' },
  'channel.open': {
    type: 'channel.open',
    channelId: 'evaluator-bridge',
    name: 'A bridge an evaluator wants',
    teams: ['soc', 'ot'],
  },
  'channel.send': { type: 'channel.send', channelId: 'incident-bridge', text: 'hello' },
  'inject.acknowledge': { type: 'inject.acknowledge', deliveryId: 'd1' },
  'participant.move': { type: 'participant.move', participantId: 'someone', teamId: 'red' },
  'team.rotateCode': { type: 'team.rotateCode', teamId: 'soc' },
  'hotwash.submit': {
    type: 'hotwash.submit',
    wentWell: 'The bridge call',
    toImprove: 'Escalation',
    ratings: { detect: 4 },
    signed: false,
  },
}

async function joinEvaluator(code: string, name: string) {
  return server.http<{
    token: string
    exerciseId: string
    teamId: string | null
    participantId: string
    role: string
  }>('POST', '/api/join', { code, name }, null)
}

describe('evaluators', () => {
  it('join with the exercise’s evaluator code, several of them, as evaluators of no team', async () => {
    const { exerciseId } = await setUpExercise(server, [])
    const record = await server.http<{ evaluatorCode: string }>(
      'GET',
      `/api/exercises/${exerciseId}`,
    )
    expect(record.body.evaluatorCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    const first = await joinEvaluator(record.body.evaluatorCode, 'Ada')
    const second = await joinEvaluator(record.body.evaluatorCode, 'Grace')
    for (const joined of [first, second]) {
      expect(joined.status).toBe(201)
      expect(joined.body).toMatchObject({ exerciseId, teamId: null, role: 'evaluator' })
    }
    expect(first.body.participantId).not.toBe(second.body.participantId)
  })

  it('see what the facilitator sees, are refused every control command, and their observations reach only the white cell', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const record = await server.http<{ evaluatorCode: string }>(
      'GET',
      `/api/exercises/${exerciseId}`,
    )
    const joined = await joinEvaluator(record.body.evaluatorCode, 'Ada')
    const evaluator = await connect(server, { token: joined.body.token })
    const snapshot = await evaluator.waitForSnapshot()
    // The facilitator's view: the whole scenario, MSEL and objectives included.
    expect(snapshot.state.scenario?.injects.length).toBeGreaterThan(0)
    expect(snapshot.state.scenario?.objectives.map((o) => o.id)).toContain('detect')

    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId })
    await facilitator.waitForSnapshot()
    const red = await connect(server, { token: participants.red!.token })
    const soc = await connect(server, { token: participants.soc!.token })
    await Promise.all([red.waitForSnapshot(), soc.waitForSnapshot()])

    const logLength = async () =>
      (await server.http<unknown[]>('GET', `/api/exercises/${exerciseId}/events`)).body.length
    // Two evaluators share the attempts, each within a person's command budget, so every
    // refusal below is for the role, never for the pace.
    const grace = await joinEvaluator(record.body.evaluatorCode, 'Grace')
    const second = await connect(server, { token: grace.body.token })
    await second.waitForSnapshot()
    const before = await logLength()
    const controls = COMMAND_TYPES.filter(
      (type) => type !== 'observation.record' && type !== 'exercise.open',
    )
    for (const [index, type] of controls.entries()) {
      const reply = await (index % 2 === 0 ? evaluator : second).send(SAMPLES[type])
      expect(reply, type).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    const elsewhere = await evaluator.send({ type: 'exercise.open', exerciseId: 'another' })
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await logLength()).toBe(before)

    expect((await evaluator.send(SAMPLES['observation.record'])).ok).toBe(true)
    const seen = await facilitator.waitForEvent((e) => e.type === 'observation.recorded')
    expect(seen).toMatchObject({
      objectiveId: 'detect',
      teamId: 'soc',
      rating: 'S',
      authorId: joined.body.participantId,
      authorName: 'Ada',
    })
    // The log keeps it with its author; a later event everyone sees proves the teams had their chance.
    const log = await server.http<{ type: string; authorName?: string }[]>(
      'GET',
      `/api/exercises/${exerciseId}/events`,
    )
    expect(log.body.filter((e) => e.type === 'observation.recorded')).toMatchObject([
      { authorName: 'Ada' },
    ])
    await facilitator.send({ type: 'clock.start' })
    await Promise.all([
      red.waitForEvent((e) => e.type === 'clock.started'),
      soc.waitForEvent((e) => e.type === 'clock.started'),
    ])
    for (const team of [red, soc]) {
      expect(team.events.some((e) => e.type === 'observation.recorded')).toBe(false)
      expect(JSON.stringify(team.events)).not.toContain('slow to escalate')
      const again = await connect(server, {
        token: team === red ? participants.red!.token : participants.soc!.token,
      })
      const fresh = await again.waitForSnapshot()
      expect(fresh.state.observations).toEqual([])
      again.close()
    }
    for (const client of [evaluator, facilitator, red, soc]) client.close()
  })

  it('read a team notebook as the white cell does, and cannot change a word of it', async () => {
    const { exerciseId } = await setUpExercise(server, [])
    const record = await server.http<{ evaluatorCode: string }>(
      'GET',
      `/api/exercises/${exerciseId}`,
    )
    const joined = await joinEvaluator(record.body.evaluatorCode, 'Ada')
    const evaluator = await connect(server, { token: joined.body.token })
    await evaluator.waitForSnapshot()
    const notebook = new TestDocClient(evaluator.socket, 'notebook:soc')
    expect(await notebook.open()).toEqual({ ok: true })
    await notebook.waitFor(() => notebook.doc.getXmlFragment('default').length > 0, 'the template')
    notebook.appendParagraph('an evaluator writing')
    await notebook.waitFor(() => notebook.updateReplies.length > 0, 'the reply')
    expect(notebook.updateReplies[0]).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const read = await server.http<{ text: string }>(
      'GET',
      `/api/exercises/${exerciseId}/documents/notebook:soc`,
    )
    expect(read.body.text).not.toContain('an evaluator writing')
    evaluator.close()
  })
})
