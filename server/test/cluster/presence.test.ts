/**
 * Who is online across two processes: every client sees the union, its own team's share of it,
 * and a process killed without a goodbye has its participants dropped within the bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresReachable } from '../../store/testDatabase'
import { ADMIN_TOKEN, connect, type TestClient } from '../startTestServer'
import {
  type ClusterProcess,
  redisReachable,
  startCluster,
  TEST_REDIS_URL,
  type TestCluster,
} from './startCluster'
import { startTcpProxy, type TcpProxy } from './tcpProxy'

const available = (await postgresReachable()) && (await redisReachable())

/** Resolves once the latest presence `client` was told lists exactly `expected` (or already does). */
function untilOnline(client: TestClient, expected: string[], timeoutMs: number): Promise<void> {
  const wanted = JSON.stringify([...expected].sort())
  const matches = () => JSON.stringify(client.presences.at(-1)?.online) === wanted
  return new Promise((resolve, reject) => {
    if (matches()) return resolve()
    const timer = setTimeout(() => {
      client.socket.off('presence', check)
      reject(
        new Error(`told ${JSON.stringify(client.presences.map((p) => p.online))}, not ${wanted}`),
      )
    }, timeoutMs)
    function check() {
      if (!matches()) return
      clearTimeout(timer)
      client.socket.off('presence', check)
      resolve()
    }
    client.socket.on('presence', check)
  })
}

describe.skipIf(!available)('presence on two processes', { timeout: 180_000 }, () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startCluster(2, { leaseMs: 1500 })
  }, 180_000)
  afterAll(async () => {
    await cluster?.destroy()
  })

  it('shows everyone online anywhere, each team its own, and forgets a killed process', async () => {
    const [a, b] = cluster.processes as [ClusterProcess, ClusterProcess]
    const created = await cluster.createExercise(a)
    const exerciseId = created.id
    const join = async (through: ClusterProcess, team: string, name: string) => {
      return cluster.join(through, created.joinCodes[team], name)
    }
    const ana = await join(a, 'soc', 'Ana (SOC)')
    const bea = await join(b, 'soc', 'Bea (SOC)')
    const rex = await join(b, 'red', 'Rex (red)')

    const facilitator = await connect(a, { token: ADMIN_TOKEN })
    expect((await facilitator.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    const watcher = await connect(b, { token: ADMIN_TOKEN })
    expect((await watcher.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    const anaOnA = await connect(a, { token: ana.token })
    const beaOnB = await connect(b, { token: bea.token })
    const rexOnB = await connect(b, { token: rex.token })
    await Promise.all([anaOnA, beaOnB, rexOnB].map((client) => client.waitForSnapshot()))

    const everyone = [ana.participantId, bea.participantId, rex.participantId]
    // A process's broadcast no longer overwrites the other's: both facilitators keep the union.
    await untilOnline(facilitator, everyone, 10_000)
    await untilOnline(watcher, everyone, 10_000)
    // Bea on B sees Ana on A, her teammate, and never red's Rex beside her on B.
    await untilOnline(beaOnB, [ana.participantId, bea.participantId], 10_000)
    await untilOnline(anaOnA, [ana.participantId, bea.participantId], 10_000)
    await untilOnline(rexOnB, [rex.participantId], 10_000)
    for (const client of [anaOnA, beaOnB]) {
      expect(client.presences.every((p) => !p.online.includes(rex.participantId))).toBe(true)
    }
    expect(rexOnB.presences.every((p) => p.online.every((id) => id === rex.participantId))).toBe(
      true,
    )
    expect(facilitator.presences.every((p) => p.exerciseId === exerciseId)).toBe(true)

    // Rex closes his only socket on B: gone from both processes' facilitators.
    rexOnB.close()
    await untilOnline(facilitator, [ana.participantId, bea.participantId], 10_000)
    await untilOnline(watcher, [ana.participantId, bea.participantId], 10_000)

    // B dies without a goodbye: its seats stand at most ttl (the lease time) after its last
    // heartbeat, and A reads again every third of it; the rest is slack for a loaded machine.
    await cluster.kill(b)
    await untilOnline(facilitator, [ana.participantId], 2 * cluster.leaseMs + 5000)
    await untilOnline(anaOnA, [ana.participantId], 5000)
    facilitator.close()
    anaOnA.close()
  })
})

describe.skipIf(!available)('presence while Redis is away', { timeout: 180_000 }, () => {
  let proxy: TcpProxy
  let cluster: TestCluster
  beforeAll(async () => {
    const target = new URL(TEST_REDIS_URL)
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) })
    cluster = await startCluster(2, { leaseMs: 1500, redisUrl: `redis://127.0.0.1:${proxy.port}` })
  }, 180_000)
  afterAll(async () => {
    await cluster?.destroy()
    await proxy?.close()
  })

  it("falls back to this process's own participants, and shows the others again once it is back", async () => {
    const [a, b] = cluster.processes as [ClusterProcess, ClusterProcess]
    const created = await cluster.createExercise(a)
    const exerciseId = created.id
    const join = async (team: string, name: string) =>
      await cluster.join(a, created.joinCodes[team], name)
    const ana = await join('soc', 'Ana (SOC)')
    const rex = await join('red', 'Rex (red)')
    const facilitator = await connect(a, { token: ADMIN_TOKEN })
    expect((await facilitator.send({ type: 'exercise.open', exerciseId })).ok).toBe(true)
    const anaOnA = await connect(a, { token: ana.token })
    const rexOnB = await connect(b, { token: rex.token })
    await untilOnline(facilitator, [ana.participantId, rex.participantId], 10_000)

    await proxy.cut()
    // What A cannot confirm any more stands no longer than it would for a dead process.
    await untilOnline(facilitator, [ana.participantId], 2 * cluster.leaseMs + 5000)
    await proxy.restore()
    await untilOnline(facilitator, [ana.participantId, rex.participantId], 30_000)
    rexOnB.close()
    await untilOnline(facilitator, [ana.participantId], 10_000)
    for (const client of [facilitator, anaOnA]) client.close()
  })
})
