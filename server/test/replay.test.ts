import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReplayMoment as Moment, ReplayTimeline as Replay } from '../../core/protocol/replay'
import type { TestServer } from './startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from './startTestServer'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

/** An exercise in which the facilitator sent one secret to the SOC, then something to everyone. */
async function playedExercise() {
  const played = await setUpExercise(server, ['red', 'soc', 'ot'])
  const white = await connect(server, { token: ADMIN_TOKEN })
  await white.send({ type: 'exercise.open', exerciseId: played.exerciseId })
  const secret = await white.send({
    type: 'inject.send',
    to: 'soc',
    title: 'Secret for the SOC',
    body: 'Only soc may read this.',
  })
  expect(secret.ok).toBe(true)
  expect((await white.send({ type: 'clock.start' })).ok).toBe(true)
  white.close()
  return played
}

const replayOf = (exerciseId: string, token?: string | null, as = 'facilitator') =>
  server.http<Replay>('GET', `/api/exercises/${exerciseId}/replay?as=${as}`, undefined, token)

const stateAt = (exerciseId: string, query: string, token?: string | null) =>
  server.http<Moment>('GET', `/api/exercises/${exerciseId}/replay/state?${query}`, undefined, token)

const makeLink = (exerciseId: string) =>
  server.http<{ id: string; token: string; url: string }>(
    'POST',
    `/api/exercises/${exerciseId}/replay-links`,
  )

describe('replay links', () => {
  it('open the replay and documents of their exercise only, and stop at once when revoked', async () => {
    const { exerciseId } = await playedExercise()
    const link = await makeLink(exerciseId)
    expect(link.status).toBe(201)
    expect(link.body.url).toContain(`/replay/${exerciseId}?token=`)
    expect((await replayOf(exerciseId, link.body.token)).status).toBe(200)
    // In the query, as a page opened from the link sends it.
    const byQuery = await server.http(
      'GET',
      `/api/exercises/${exerciseId}/replay/state?seq=1&token=${encodeURIComponent(link.body.token)}`,
      undefined,
      null,
    )
    expect(byQuery.status).toBe(200)
    const notebook = await server.http<{ text: string }>(
      'GET',
      `/api/exercises/${exerciseId}/documents/notebook:soc`,
      undefined,
      link.body.token,
    )
    expect(notebook.status).toBe(200)
    expect(notebook.body.text).toContain('incident log')
    const report = await server.http<{ overview: { title: string } }>(
      'GET',
      `/api/exercises/${exerciseId}/report`,
      undefined,
      link.body.token,
    )
    expect(report.status).toBe(200)
    expect(report.body.overview.title).toBeTruthy()

    // Nothing but the replay: no event log, no exercise record, no other exercise.
    const other = await setUpExercise(server, [])
    expect((await replayOf(other.exerciseId, link.body.token)).status).toBe(403)
    for (const route of [`/api/exercises/${exerciseId}/events`, `/api/exercises/${exerciseId}`]) {
      expect((await server.http('GET', route, undefined, link.body.token)).status).toBe(403)
    }
    expect(
      (await server.http('POST', `/api/exercises/${exerciseId}/replay-links`, {}, link.body.token))
        .status,
    ).toBe(403)

    const listed = await server.http<{ id: string }[]>(
      'GET',
      `/api/exercises/${exerciseId}/replay-links`,
    )
    expect(listed.body.map((l) => l.id)).toEqual([link.body.id])
    expect(JSON.stringify(listed.body)).not.toContain(link.body.token)

    const revoked = await server.http(
      'DELETE',
      `/api/exercises/${exerciseId}/replay-links/${encodeURIComponent(link.body.token)}`,
    )
    expect(revoked.status).toBe(204)
    expect((await replayOf(exerciseId, link.body.token)).status).toBe(401)
    expect(
      (
        await server.http(
          'GET',
          `/api/exercises/${exerciseId}/documents/notebook:soc`,
          undefined,
          link.body.token,
        )
      ).status,
    ).toBe(401)

    // Revoked by its id from the list, as the facilitator's panel does.
    const second = await makeLink(exerciseId)
    expect(
      (await server.http('DELETE', `/api/exercises/${exerciseId}/replay-links/${second.body.id}`))
        .status,
    ).toBe(204)
    expect((await replayOf(exerciseId, second.body.token)).status).toBe(401)
  })

  it('refuse a participant and anyone without a token', async () => {
    const { exerciseId, participants } = await playedExercise()
    const member = participants.soc!.token
    expect((await replayOf(exerciseId, member)).status).toBe(403)
    expect((await stateAt(exerciseId, 'seq=1', member)).status).toBe(403)
    expect((await makeLink(exerciseId)).status).toBe(201)
    expect(
      (await server.http('POST', `/api/exercises/${exerciseId}/replay-links`, {}, member)).status,
    ).toBe(403)
    expect((await replayOf(exerciseId, null)).status).toBe(401)
    expect(
      (
        await server.http(
          'GET',
          `/api/exercises/${exerciseId}/documents/notebook:soc`,
          undefined,
          member,
        )
      ).status,
    ).toBe(403)
  })
})

describe("an evaluator's seat", () => {
  const joinAsEvaluator = async (exerciseId: string) => {
    const record = await server.http<{ evaluatorCode: string }>(
      'GET',
      `/api/exercises/${exerciseId}`,
    )
    const joined = await server.http<{ token: string }>(
      'POST',
      '/api/join',
      { code: record.body.evaluatorCode, name: 'Ada' },
      null,
    )
    expect(joined.status).toBe(201)
    return joined.body.token
  }

  it("opens its own exercise's report and replay, as the white cell's, and no other's", async () => {
    const { exerciseId } = await playedExercise()
    const seat = await joinAsEvaluator(exerciseId)
    const report = await server.http<{ overview: { title: string } }>(
      'GET',
      `/api/exercises/${exerciseId}/report`,
      undefined,
      seat,
    )
    expect(report.status).toBe(200)
    expect(report.body.overview.title).toBeTruthy()
    const replay = await replayOf(exerciseId, seat)
    expect(replay.status).toBe(200)
    expect(replay.body.timeline.some((e) => e.label.includes('Secret for the SOC'))).toBe(true)

    const other = await setUpExercise(server, [])
    const elsewhere = await replayOf(other.exerciseId, seat)
    expect(elsewhere.status).toBe(403)
    expect(JSON.stringify(elsewhere.body)).toContain('another exercise')
    // Only the facilitator hands out links, and a seat never travels in a URL.
    expect(
      (await server.http('POST', `/api/exercises/${exerciseId}/replay-links`, {}, seat)).status,
    ).toBe(403)
    const inQuery = await server.http(
      'GET',
      `/api/exercises/${exerciseId}/report?token=${encodeURIComponent(seat)}`,
      undefined,
      null,
    )
    expect(inQuery.status).toBe(401)
  })

  it("refuses a team's seat with a reason, and a forged seat as unauthorized", async () => {
    const { exerciseId, participants } = await playedExercise()
    const member = await server.http(
      'GET',
      `/api/exercises/${exerciseId}/report`,
      undefined,
      participants.soc!.token,
    )
    expect(member.status).toBe(403)
    expect(JSON.stringify(member.body)).toContain("team's seat")
    const forged = await server.http(
      'GET',
      `/api/exercises/${exerciseId}/report`,
      undefined,
      'hp1.e30.bad',
    )
    expect(forged.status).toBe(401)
  })
})

describe('the replay', () => {
  it('lists every event with names, kinds and teams', async () => {
    const { exerciseId } = await playedExercise()
    const replay = await replayOf(exerciseId)
    expect(replay.status).toBe(200)
    expect(replay.body.headSeq).toBe(
      replay.body.timeline.filter((e) => e.kind !== 'notebook').length,
    )
    const secret = replay.body.timeline.find((e) => e.label.includes('Secret for the SOC'))
    expect(secret).toMatchObject({ kind: 'inject', teams: ['soc'] })
    expect(replay.body.timeline.some((e) => e.label === 'soc player joined Northmere SOC')).toBe(
      true,
    )
    expect(
      replay.body.timeline.some((e) => e.kind === 'clock' && e.label === 'Clock started'),
    ).toBe(true)
  })

  it("rebuilds a team's view at a moment with none of another team's material", async () => {
    const { exerciseId } = await playedExercise()
    const { timeline, headSeq } = (await replayOf(exerciseId)).body
    const secretSeq = timeline.find((e) => e.label.includes('Secret for the SOC'))!.seq

    const before = await stateAt(exerciseId, `seq=${secretSeq - 1}&as=soc`)
    expect(before.body.state.deliveries.map((d) => d.title)).not.toContain('Secret for the SOC')
    const soc = await stateAt(exerciseId, `seq=${secretSeq}&as=soc`)
    expect(soc.body.seq).toBe(secretSeq)
    expect(soc.body.state.deliveries.map((d) => d.title)).toContain('Secret for the SOC')

    const red = await stateAt(exerciseId, `seq=${headSeq}&as=red`)
    expect(red.status).toBe(200)
    expect(JSON.stringify(red.body.state)).not.toContain('Secret for the SOC')
    expect(Object.values(red.body.state.participants).map((p) => p.teamId)).toEqual(['red'])
    expect(red.body.state.seed).toBe(0)

    const redTimeline = (await replayOf(exerciseId, ADMIN_TOKEN, 'red')).body.timeline
    expect(redTimeline.some((e) => e.label.includes('Secret for the SOC'))).toBe(false)
    expect(redTimeline.some((e) => e.teams.includes('soc'))).toBe(false)
    expect(redTimeline.some((e) => e.label === 'Clock started')).toBe(true)

    const white = await stateAt(exerciseId, `seq=${headSeq}`)
    expect(white.body.state.deliveries.map((d) => d.title)).toContain('Secret for the SOC')
  })

  it('says the exercise ended once it has, for every audience, and names what a team saw', async () => {
    const { exerciseId } = await playedExercise()
    expect((await replayOf(exerciseId)).body.ended).toBe(false)
    expect((await replayOf(exerciseId, ADMIN_TOKEN, 'soc')).body.ended).toBe(false)
    const white = await connect(server, { token: ADMIN_TOKEN })
    await white.send({ type: 'exercise.open', exerciseId })
    expect((await white.send({ type: 'exercise.end' })).ok).toBe(true)
    white.close()
    for (const as of ['facilitator', 'soc']) {
      const replay = (await replayOf(exerciseId, ADMIN_TOKEN, as)).body
      expect(replay.ended, as).toBe(true)
      expect(replay.timeline.map((e) => e.label)).toContain('Exercise ended')
      expect(replay.timeline.map((e) => e.label)).toContain('soc player joined Northmere SOC')
    }
  })

  it('answers a clear 4xx to a bad seq or audience', async () => {
    const { exerciseId } = await playedExercise()
    const { headSeq } = (await replayOf(exerciseId)).body
    for (const query of ['', 'seq=0', 'seq=abc', `seq=${headSeq + 1}`, 'seq=1&as=Not A Team']) {
      const answer = await stateAt(exerciseId, query)
      expect(answer.status, query).toBe(400)
    }
    expect((await stateAt(exerciseId, 'seq=1&as=nobody')).status).toBe(404)
    expect((await stateAt('missing', 'seq=1')).status).toBe(404)
  })
})
