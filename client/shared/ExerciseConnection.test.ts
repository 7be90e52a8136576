import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import * as Y from 'yjs'
import {
  decodeYjsMessage,
  encodeYjsMessage,
  type YjsMessage,
} from '../../core/documents/yjsMessage'
import { parseScenario } from '../../core/scenario/parseScenario'
import { exampleAttacks, exampleChain } from '../../core/twin/exampleChain'
import type { TestClient, TestServer } from '../../server/test/startTestServer'
import {
  ADMIN_TOKEN,
  connect,
  setUpExercise,
  startTestServer,
} from '../../server/test/startTestServer'
import type { ExerciseView } from './ExerciseConnection'
import { ExerciseConnection, YJS_NOT_CONNECTED } from './ExerciseConnection'

const parsedDrill = parseScenario(
  readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'),
  'drill-ntp-shift.yaml',
)
if (!parsedDrill.ok) throw new Error('the drill does not parse')
const drill = parsedDrill.scenario

let server: TestServer
const opened: { close(): void }[] = []

beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  for (const connection of opened.splice(0)) connection.close()
  await server.destroy()
})

function open(token: string, openExerciseId?: string): ExerciseConnection {
  const connection = new ExerciseConnection({
    url: server.url,
    token,
    ...(openExerciseId ? { openExerciseId } : {}),
  })
  opened.push(connection)
  return connection
}

async function facilitatorClient(exerciseId: string): Promise<TestClient> {
  const client = await connect(server, { token: ADMIN_TOKEN })
  opened.push(client)
  await client.send({ type: 'exercise.open', exerciseId })
  return client
}

function until(
  connection: ExerciseConnection,
  predicate: (view: ExerciseView) => boolean,
  timeoutMs = 4000,
): Promise<ExerciseView> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const view = connection.getView()
      if (!predicate(view)) return
      clearTimeout(timer)
      stop()
      resolve(view)
    }
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`timed out; last status ${connection.getView().status.state}`))
    }, timeoutMs)
    const stop = connection.subscribe(check)
    check()
  })
}

/** Cuts the transport under the connection, as a network drop would. */
function dropTransport(connection: ExerciseConnection): void {
  const socket = (connection as unknown as { socket: { io: { engine: { close(): void } } } }).socket
  socket.io.engine.close()
}

function countSnapshots(connection: ExerciseConnection): () => number {
  let snapshots = 0
  const socket = (
    connection as unknown as { socket: { on(event: 'snapshot', listener: () => void): void } }
  ).socket
  socket.on('snapshot', () => snapshots++)
  return () => snapshots
}

describe('ExerciseConnection', () => {
  it('resumes a participant from its last seq after a drop: no gap, no duplicate', async () => {
    const { exerciseId, participants } = await setUpExercise(server, ['red', 'soc'])
    const control = await facilitatorClient(exerciseId)
    const blue = open(participants.soc!.token)
    const snapshots = countSnapshots(blue)
    await until(blue, (view) => view.held !== null && view.status.state === 'connected')
    expect((await control.send({ type: 'inject.fire', injectId: 'siem-offset' })).ok).toBe(true)
    await until(blue, (view) => view.held?.state.deliveries.length === 1)

    dropTransport(blue)
    await until(blue, (view) => view.status.state === 'reconnecting')
    // While blue is away: one inject for blue, one for red only.
    expect((await control.send({ type: 'inject.fire', injectId: 'helpdesk-logins' })).ok).toBe(true)
    expect((await control.send({ type: 'inject.fire', injectId: 'red-progress' })).ok).toBe(true)

    const view = await until(
      blue,
      (current) =>
        current.status.state === 'connected' && current.held?.state.deliveries.length === 2,
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    const deliveries = blue.getView().held!.state.deliveries
    expect(deliveries.map((delivery) => delivery.injectId)).toEqual([
      'siem-offset',
      'helpdesk-logins',
    ])
    expect(view.held!.lastSeq).toBeGreaterThanOrEqual(deliveries[1]!.seq)
    // The reconnect sent its last seq, so the server answered with events, not a snapshot.
    expect(snapshots()).toBe(1)
  })

  it('reopens the facilitator’s exercise from its last seq after a drop', async () => {
    const { exerciseId } = await setUpExercise(server, ['soc'])
    const control = await facilitatorClient(exerciseId)
    const white = open(ADMIN_TOKEN, exerciseId)
    const snapshots = countSnapshots(white)
    const first = await until(white, (view) => view.held !== null)
    // The facilitator gets the whole scenario, every scripted inject included.
    expect(first.held!.state.scenario?.injects.map((inject) => inject.id)).toEqual(
      drill.injects.map((inject) => inject.id),
    )

    dropTransport(white)
    await until(white, (view) => view.status.state === 'reconnecting')
    expect((await control.send({ type: 'clock.start' })).ok).toBe(true)
    const view = await until(
      white,
      (current) =>
        current.status.state === 'connected' && current.held?.state.clock.running === true,
    )
    // The kickoff inject fired on start, once per team it is addressed to.
    await until(white, (current) => (current.held?.state.deliveries.length ?? 0) >= 3)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const deliveries = white.getView().held!.state.deliveries
    expect(deliveries.map((delivery) => [delivery.injectId, delivery.teamId])).toEqual([
      ['kickoff', 'red'],
      ['kickoff', 'soc'],
      ['kickoff', 'ot'],
    ])
    expect(view.held!.lastSeq).toBeGreaterThan(first.held!.lastSeq)
    expect(snapshots()).toBe(1)
  })

  it('reports a refused handshake with the server’s reason and does not retry', async () => {
    const connection = open('not-a-token')
    const view = await until(connection, (current) => current.status.state === 'refused')
    expect(view.status).toEqual({
      state: 'refused',
      reason: expect.stringContaining('Invalid token'),
    })
  })

  it('shows why a sixth tab of one participant is refused, and does not retry', async () => {
    const { participants } = await setUpExercise(server, ['soc'])
    const tabs = Array.from({ length: 5 }, () => open(participants.soc!.token))
    for (const tab of tabs) await until(tab, (view) => view.held !== null)
    const sixth = open(participants.soc!.token)
    const view = await until(sixth, (current) => current.status.state === 'refused')
    expect(view.status).toEqual({
      state: 'refused',
      reason: expect.stringContaining('5 connections open'),
    })
    // The five open tabs are unaffected.
    expect(tabs.every((tab) => tab.getView().status.state === 'connected')).toBe(true)
  })

  it('answers a command with the server’s reply, and refuses politely when offline', async () => {
    const { participants } = await setUpExercise(server, ['soc'])
    const blue = open(participants.soc!.token)
    await until(blue, (view) => view.held !== null)
    const refused = await blue.send({ type: 'clock.start' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const chat = await blue.send({ type: 'chat.send', channel: 'soc', text: 'Seen it.' })
    expect(chat.ok).toBe(true)
    await until(blue, (view) => view.held?.state.chat.length === 1)
    blue.close()
    expect(await blue.send({ type: 'chat.send', channel: 'soc', text: 'x' })).toMatchObject({
      ok: false,
    })
  })
})

describe('ExerciseConnection: shared documents', () => {
  it('opens a notebook once the exercise is open, on the same socket, and stops when closed', async () => {
    const { participants } = await setUpExercise(server, ['soc'])
    const blue = open(participants.soc!.token)
    const readiness: boolean[] = []
    blue.onYjsReady((ready) => readiness.push(ready))
    expect(blue.yjsReady).toBe(false)
    expect(await blue.sendYjs('notebook:soc', new Uint8Array([0, 0, 0]))).toBe(YJS_NOT_CONNECTED)
    await until(blue, (view) => view.held !== null)
    expect(blue.yjsReady).toBe(true)

    const received: YjsMessage[] = []
    const stop = blue.onYjs('notebook:soc', (bytes) => {
      const decoded = decodeYjsMessage(bytes)
      if (decoded.ok) received.push(decoded.message)
    })
    const doc = new Y.Doc()
    const step1 = encodeYjsMessage({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) })
    expect(await blue.sendYjs('notebook:soc', step1)).toEqual({ ok: true })
    await expect.poll(() => received.map((message) => message.type)).toContain('sync-step1')
    expect(received[0]?.type).toBe('sync-step2')
    // Another team's notebook is refused, and says why.
    expect(await blue.sendYjs('notebook:red', step1)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await blue.leaveYjs('notebook:soc')).toEqual({ ok: true })
    stop()

    blue.close()
    expect(readiness).toEqual([true, false])
    expect(blue.yjsReady).toBe(false)
    expect(await blue.sendYjs('notebook:soc', step1)).toBe(YJS_NOT_CONNECTED)
  })

  it('is not ready while the transport is down, and ready again after the reconnect', async () => {
    const { participants } = await setUpExercise(server, ['soc'])
    const blue = open(participants.soc!.token)
    await until(blue, (view) => view.held !== null && view.status.state === 'connected')
    const readiness: boolean[] = []
    blue.onYjsReady((ready) => readiness.push(ready))
    dropTransport(blue)
    await until(blue, (view) => view.status.state === 'reconnecting')
    expect(blue.yjsReady).toBe(false)
    await until(blue, (view) => view.status.state === 'connected')
    await expect.poll(() => blue.yjsReady).toBe(true)
    expect(readiness).toEqual([false, true])
  })
})

describe('ExerciseConnection.readTwin', () => {
  let scenariosDir: string
  let twinServer: TestServer

  beforeEach(async () => {
    scenariosDir = mkdtempSync(path.join(tmpdir(), 'holdover-client-twin-'))
    writeFileSync(
      path.join(scenariosDir, 'twin.yaml'),
      stringify({
        id: 'twin-client',
        title: 'Twin for the client',
        summary: 'The example chain.',
        duration: 'T+12:00',
        sources: ['docs/twin.md'],
        teams: ['red', 'lab', 'telco', 'grid-ops', 'soc', 'trading'].map((id) => ({
          id,
          name: id,
          side: id === 'red' ? 'red' : 'blue',
        })),
        chain: exampleChain,
        attacks: exampleAttacks,
      }),
    )
    twinServer = await startTestServer({ scenariosDir })
  })
  afterEach(async () => {
    await twinServer.destroy()
    rmSync(scenariosDir, { recursive: true, force: true })
  })

  it('reads the twin as each side may see it, and refuses when offline', async () => {
    const created = await twinServer.http<{ id: string; joinCodes: Record<string, string> }>(
      'POST',
      '/api/exercises',
      { scenarioId: 'twin-client' },
    )
    const joined = await twinServer.http<{ token: string }>(
      'POST',
      '/api/join',
      { code: created.body.joinCodes.telco, name: 'Tess' },
      null,
    )
    const connection = (token: string, exerciseId?: string) => {
      const made = new ExerciseConnection({
        url: twinServer.url,
        token,
        ...(exerciseId ? { openExerciseId: exerciseId } : {}),
      })
      opened.push(made)
      return made
    }
    const white = connection(ADMIN_TOKEN, created.body.id)
    const telco = connection(joined.body.token)
    await until(white, (view) => view.held !== null)
    await until(telco, (view) => view.held !== null)

    const truth = await white.readTwin({
      series: { nodeIds: ['gm-1'], fromT: 0, toT: 60, points: 5 },
    })
    expect(truth).toMatchObject({ ok: true, audience: 'facilitator' })
    if (!truth.ok || truth.audience !== 'facilitator') return
    expect(truth.chain).toHaveLength(exampleChain.nodes.length)
    expect(truth.nodes.find((node) => node.id === 'radio-1')?.status).toBe('ok')
    expect(truth.series[0]?.points).toHaveLength(5)

    const seen = await telco.readTwin({})
    expect(seen).toMatchObject({ ok: true, audience: 'team' })
    expect('nodes' in seen).toBe(false)
    expect(JSON.stringify(seen)).not.toContain('trading-venue')

    telco.close()
    expect(await telco.readTwin({})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Not connected') },
    })
  })
})
