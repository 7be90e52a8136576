import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExerciseListing } from '../http/exerciseAdmin'
import type { TestServer } from './startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from './startTestServer'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await server.destroy()
})

const list = async () => (await server.http<ExerciseListing[]>('GET', '/api/exercises')).body

describe('the exercise list', () => {
  it('shows each exercise with its scenario title, status and participants', async () => {
    const { exerciseId } = await setUpExercise(server, ['red', 'soc'])
    const [listed] = await list()
    expect(listed).toMatchObject({
      id: exerciseId,
      scenarioId: 'drill-ntp-shift',
      scenarioTitle: server.scenarios.get('drill-ntp-shift')!.title,
      status: 'not-started',
      participants: 2,
      archivedAt: null,
    })
    expect(listed!.lastActivityAt).toBeGreaterThanOrEqual(listed!.createdAt)

    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    try {
      expect(await facilitator.send({ type: 'exercise.open', exerciseId })).toMatchObject({
        ok: true,
      })
      await facilitator.send({ type: 'clock.start' })
      expect((await list())[0]?.status).toBe('running')
      await facilitator.send({ type: 'clock.pause' })
      expect((await list())[0]?.status).toBe('paused')
      await facilitator.send({ type: 'exercise.end' })
      expect((await list())[0]?.status).toBe('ended')
    } finally {
      facilitator.close()
    }
  })

  it('archives and restores an exercise, and refuses a bad request clearly', async () => {
    const { exerciseId } = await setUpExercise(server, [])
    const archived = await server.http<{ archivedAt: number }>(
      'PUT',
      `/api/exercises/${exerciseId}/archived`,
      { archived: true },
    )
    expect(archived.status).toBe(200)
    expect((await list())[0]?.archivedAt).toBe(archived.body.archivedAt)
    await server.http('PUT', `/api/exercises/${exerciseId}/archived`, { archived: false })
    expect((await list())[0]?.archivedAt).toBeNull()

    expect(
      await server.http('PUT', `/api/exercises/${exerciseId}/archived`, { archived: 'yes' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'invalid' } } })
    expect(
      await server.http('PUT', '/api/exercises/nope/archived', { archived: true }),
    ).toMatchObject({ status: 404 })
    expect(
      await server.http('PUT', `/api/exercises/${exerciseId}/archived`, { archived: true }, null),
    ).toMatchObject({ status: 401 })
    expect((await list())[0]?.archivedAt).toBeNull()
  })

  it('deletes an exercise with its log and codes, but never a running one', async () => {
    const { exerciseId, joinCodes } = await setUpExercise(server, ['soc'])
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    try {
      await facilitator.send({ type: 'exercise.open', exerciseId })
      await facilitator.send({ type: 'clock.start' })
      expect(await server.http('DELETE', `/api/exercises/${exerciseId}`)).toMatchObject({
        status: 409,
        body: { error: { message: expect.stringContaining('pause or end it') } },
      })
      expect(await list()).toHaveLength(1)
      await facilitator.send({ type: 'clock.pause' })
    } finally {
      facilitator.close()
    }

    expect(
      await server.http('DELETE', `/api/exercises/${exerciseId}`, undefined, null),
    ).toMatchObject({ status: 401 })
    expect((await server.http('DELETE', `/api/exercises/${exerciseId}`)).status).toBe(204)
    expect(await list()).toEqual([])
    expect((await server.http('GET', `/api/exercises/${exerciseId}/events`)).status).toBe(404)
    expect(
      await server.http('POST', '/api/join', { code: joinCodes.soc, name: 'Late' }, null),
    ).toMatchObject({ status: 404 })
    expect((await server.http('DELETE', `/api/exercises/${exerciseId}`)).status).toBe(404)
    // A facilitator who opens it now is told it is gone.
    const again = await connect(server, { token: ADMIN_TOKEN })
    try {
      expect(await again.send({ type: 'exercise.open', exerciseId })).toMatchObject({ ok: false })
    } finally {
      again.close()
    }
  })
})
