/**
 * PostgreSQL briefly unreachable: commands are refused with a clear "nothing was changed, try
 * again", nothing unacknowledged reaches the log, and the exercise goes on once it is back.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../../core/protocol'
import { createTestSchema, postgresReachable, TEST_DATABASE_URL } from '../../store/testDatabase'
import { ADMIN_TOKEN, connect, startTestServer, type TestServer } from '../startTestServer'
import { startTcpProxy, type TcpProxy } from './tcpProxy'

const available = await postgresReachable()

describe.skipIf(!available)('PostgreSQL unreachable for a while', { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('refuses commands meanwhile, changing nothing, and takes them again when it is back', async () => {
    const schema = await createTestSchema()
    cleanups.push(() => schema.drop())
    const target = new URL(TEST_DATABASE_URL)
    const proxy: TcpProxy = await startTcpProxy({
      host: target.hostname,
      port: Number(target.port || 5432),
    })
    cleanups.push(() => proxy.close())
    const url = new URL(schema.url)
    url.host = `127.0.0.1:${proxy.port}`
    const server: TestServer = await startTestServer({
      env: { HOLDOVER_DATABASE_URL: url.toString() },
    })
    cleanups.push(() => server.destroy())
    const created = await server.http<{ id: string }>('POST', '/api/exercises', {
      scenarioId: 'drill-ntp-shift',
    })
    expect(created.status).toBe(201)
    const facilitator = await connect(server, { token: ADMIN_TOKEN })
    cleanups.push(async () => facilitator.close())
    await facilitator.send({ type: 'exercise.open', exerciseId: created.body.id })
    const chat = (text: string) => facilitator.send({ type: 'chat.send', channel: 'soc', text })
    expect((await chat('before the outage')).ok).toBe(true)

    await proxy.cut()
    const during = await chat('during the outage')
    expect(during).toMatchObject({
      ok: false,
      error: {
        code: 'internal',
        message: expect.stringMatching(/nothing was changed\. Try again/),
      },
    })

    await proxy.restore()
    expect((await chat('after the outage')).ok).toBe(true)
    const log = await server.http<HoldoverEvent[]>(
      'GET',
      `/api/exercises/${created.body.id}/events`,
    )
    expect(log.status).toBe(200)
    const chats = log.body.filter((e) => e.type === 'chat.message').map((e) => e.text)
    expect(chats).toEqual(['before the outage', 'after the outage'])
    expect(log.body.map((e) => e.seq)).toEqual(log.body.map((_, i) => i + 1))
    // The facilitator saw exactly what was recorded, in order.
    const seen = facilitator.events.filter((e) => e.type === 'chat.message').map((e) => e.text)
    expect(seen).toEqual(chats)
  })
})
