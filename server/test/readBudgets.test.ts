/**
 * The read-only routes' budgets: a replay link hammering the costliest twin reads is refused with
 * 429 and `retry-after`, while another link and the white cell still read; the replay as a person
 * plays and scrubs it, seen by the white cell, is never refused. The budgets refill by a clock the
 * test moves by hand, so nothing here depends on how fast the machine is.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { twinReadCost } from '../../core/engine/twinView'
import type { TwinViewReply } from '../../core/protocol'
import type { ReplayTimeline } from '../../core/protocol/replay'
import { MAX_SERIES_NODES, MAX_SERIES_POINTS } from '../../core/vocabulary/constants'
import { READ_BUDGET } from '../http/ReadBudgets'
import { CHAIN_TEAMS, type ChainScenarioDir, exampleChainScenarioDir } from './exampleChainScenario'
import { ADMIN_TOKEN, connect, startTestServer, type TestServer } from './startTestServer'

type TwinRead = Extract<TwinViewReply, { ok: true; audience: 'facilitator' }>
type ApiError = { error: { code: string; message: string } }

let server: TestServer
let scenarios: ChainScenarioDir
/** The budgets' clock, epoch ms: moved by the tests only. */
let now = 1_700_000_000_000

beforeAll(() => {
  scenarios = exampleChainScenarioDir({
    id: 'budget-test',
    title: 'Budget test',
    duration: 'T+08:00',
  })
})
afterAll(() => scenarios.remove())
beforeEach(async () => {
  server = await startTestServer({ scenariosDir: scenarios.dir, budgetClock: () => now })
})
afterEach(async () => {
  await server.destroy()
})

/** An exercise played to T+06:00 and paused, with two replay links; its head and its nodes. */
async function playedExercise() {
  const created = await server.http<{ id: string }>('POST', '/api/exercises', {
    scenarioId: 'budget-test',
  })
  const exerciseId = created.body.id
  const white = await connect(server, { token: ADMIN_TOKEN })
  await white.send({ type: 'exercise.open', exerciseId })
  await white.waitForSnapshot()
  expect((await white.send({ type: 'clock.start' })).ok).toBe(true)
  expect((await white.send({ type: 'clock.jump', t: 6 * 3600 })).ok).toBe(true)
  expect((await white.send({ type: 'clock.pause' })).ok).toBe(true)
  white.close()
  const link = async () =>
    (await server.http<{ token: string }>('POST', `/api/exercises/${exerciseId}/replay-links`, {}))
      .body.token
  const links = [await link(), await link()] as const
  const { headSeq, timeline } = (
    await server.http<ReplayTimeline>('GET', `/api/exercises/${exerciseId}/replay`)
  ).body
  const twin = await server.http<TwinRead>(
    'GET',
    `/api/exercises/${exerciseId}/replay/twin?seq=${headSeq}`,
  )
  const nodeIds = twin.body.nodes.map((node) => node.id).slice(0, MAX_SERIES_NODES)
  expect(nodeIds.length).toBeGreaterThan(10)
  return { exerciseId, links, headSeq, timeline, nodeIds }
}

describe('read budgets of the replay and the report', () => {
  it('refuses a link hammering 50 × 500 twin curves with 429 and retry-after, while another link and the facilitator still read', async () => {
    const { exerciseId, links, headSeq, nodeIds } = await playedExercise()
    const [hammer, other] = links
    const costliest = `/api/exercises/${exerciseId}/replay/twin?seq=${headSeq}&nodes=${nodeIds.join(',')}&points=${MAX_SERIES_POINTS}`
    const cost = twinReadCost({
      series: { nodeIds, fromT: 0, toT: 0, points: MAX_SERIES_POINTS },
    })
    const affordable = Math.floor(READ_BUDGET.reader.burst / cost)

    const statuses: number[] = []
    let refused: { status: number; retryAfter: string | null; body: ApiError } | undefined
    for (let i = 0; i < affordable + 5; i++) {
      const res = await fetch(`${server.url}${costliest}`, {
        headers: { authorization: `Bearer ${hammer}` },
      })
      statuses.push(res.status)
      if (res.status === 429 && !refused) {
        refused = {
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          body: (await res.json()) as ApiError,
        }
      } else {
        await res.arrayBuffer()
      }
    }
    // The link's burst buys exactly so many reads; every one after is refused.
    expect(statuses.slice(0, affordable).every((status) => status === 200)).toBe(true)
    expect(statuses.slice(affordable).every((status) => status === 429)).toBe(true)
    expect(Number(refused?.retryAfter)).toBeGreaterThanOrEqual(1)
    expect(refused?.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(
        /Too many replay and report requests with this replay link; try again in \d+ s\./,
      ),
    })

    // The other link and the white cell have budgets of their own.
    const otherRead = await server.http<TwinRead>('GET', costliest, undefined, other)
    expect(otherRead.status).toBe(200)
    expect(otherRead.body.series).toHaveLength(nodeIds.length)
    expect((await server.http('GET', costliest)).status).toBe(200)
    expect(
      (
        await server.http(
          'GET',
          `/api/exercises/${exerciseId}/replay/state?seq=${headSeq}`,
          undefined,
          other,
        )
      ).status,
    ).toBe(200)

    // Once the wait it was told is over, the hammering link reads again.
    now += Number(refused?.retryAfter) * 1000
    expect((await server.http('GET', costliest, undefined, hammer)).status).toBe(200)
  })

  it('never refuses a replay link seen as the white cell, played at 600× and scrubbed', async () => {
    const { exerciseId, links, timeline, nodeIds } = await playedExercise()
    const [token] = links
    const base = `/api/exercises/${exerciseId}`
    const refusals: string[] = []
    const read = async (route: string) => {
      const res = await fetch(`${server.url}${base}${route}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      await res.arrayBuffer()
      if (res.status !== 200) refusals.push(`${res.status} ${route}`)
    }
    // A moved cursor: the state at its event, and each team's notebook as it read then.
    const seek = (seq: number, at: number) =>
      Promise.all([
        read(`/replay/state?seq=${seq}`),
        ...CHAIN_TEAMS.map((team) => read(`/documents/notebook:${team}?at=${at}`)),
      ])
    const plotted = nodeIds.slice(0, 10).join(',')
    const entryAt = (i: number) => timeline[i % timeline.length]!

    await read('/replay?as=facilitator')
    // Playing at 600×: the cursor moves every 250 ms, the twin is read every 2.5 moves.
    for (let step = 0; step < 50; step++) {
      now += 250
      const entry = entryAt(step)
      await seek(entry.seq, entry.at)
      if (step % 5 === 0 || step % 5 === 2) {
        await read(`/replay/twin?seq=${entry.seq}&t=${entry.t}&nodes=${plotted}&points=300`)
      }
    }
    // A drag of the scrubber: a seek on every move, 60 moves a second for two seconds.
    for (let move = 0; move < 120; move++) {
      now += 1000 / 60
      const entry = entryAt(move)
      await seek(entry.seq, entry.at)
    }
    // Then the report, in each format a facilitator downloads.
    for (const format of ['json', 'md', 'html']) await read(`/report?format=${format}`)

    expect(refusals).toEqual([])
  })

  it('charges tokens that open nothing to their address, and never holds up a link that opens', async () => {
    const { exerciseId, links } = await playedExercise()
    const route = `/api/exercises/${exerciseId}/replay/state?seq=1`
    const [revoked, valid] = links
    expect(
      (await server.http('DELETE', `/api/exercises/${exerciseId}/replay-links/${revoked}`)).status,
    ).toBe(204)
    const statuses: number[] = []
    for (let i = 0; i < READ_BUDGET.refusedTokens.burst; i++) {
      statuses.push((await server.http('GET', route, undefined, revoked)).status)
    }
    expect(statuses.every((status) => status === 401)).toBe(true)
    const refused = await server.http<ApiError>('GET', route, undefined, revoked)
    expect(refused.status).toBe(429)
    expect(refused.body.error.message).toMatch(/Too many refused tokens from this address/)
    // Another link from the same address still reads, and so does the facilitator.
    expect((await server.http('GET', route, undefined, valid)).status).toBe(200)
    expect((await server.http('GET', route)).status).toBe(200)
  })
})
