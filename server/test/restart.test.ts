import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../core/protocol'
import { ADMIN_TOKEN, connect } from './startTestServer'
import { TestDocClient } from './yjsClient'

/** Runs the real server as its own process, so that it can be killed without warning. */
async function spawnServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOLDOVER_DATA_DIR: dataDir,
      HOLDOVER_ADMIN_TOKEN: ADMIN_TOKEN,
      HOLDOVER_CLIENT_DIR: path.join(dataDir, 'no-client'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 45_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /running at (http:\/\/\S+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)))
  })
  return { child, url }
}

const api = async <T>(
  url: string,
  method: string,
  route: string,
  body?: unknown,
  token: string | null = ADMIN_TOKEN,
) => {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return (await res.json()) as T
}

const dirs: string[] = []
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A server on a new data folder, both cleaned up after the test. */
async function firstServer(prefix: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `${prefix}-`))
  dirs.push(dataDir)
  const first = await spawnServer(dataDir)
  children.push(first.child)
  return { dataDir, first }
}

/** Creates an exercise of the drill on `url`. */
function createDrill(url: string) {
  return api<{ id: string; joinCodes: Record<string, string> }>(url, 'POST', '/api/exercises', {
    scenarioId: 'drill-ntp-shift',
  })
}

describe('a killed server', { timeout: 120_000 }, () => {
  it('loses nothing it acknowledged, and participants come back as they were', async () => {
    const { dataDir, first } = await firstServer('holdover-kill')
    const created = await createDrill(first.url)
    const blue = await api<{ token: string; participantId: string }>(
      first.url,
      'POST',
      '/api/join',
      { code: created.joinCodes.soc, name: 'Ana (SOC)' },
      null,
    )
    const facilitator = await connect(first, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId: created.id })
    const acknowledged: HoldoverEvent[] = []
    for (const command of [
      { type: 'clock.start' },
      { type: 'inject.fire', injectId: 'siem-offset' },
      { type: 'inject.send', to: 'soc', title: 'Acknowledged before the kill', body: 'keep me' },
      // Slow enough that the drill's first hold (T+01:00) and decision are far off.
      { type: 'clock.setSpeed', speed: 10 },
      { type: 'chat.send', channel: 'soc', text: 'last words' },
    ]) {
      const reply = await facilitator.send(command)
      expect(reply.ok).toBe(true)
      if (reply.ok) acknowledged.push(...reply.events)
    }
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))
    facilitator.close()

    const second = await spawnServer(dataDir)
    children.push(second.child)
    const log = await api<HoldoverEvent[]>(second.url, 'GET', `/api/exercises/${created.id}/events`)
    for (const event of acknowledged) expect(log).toContainEqual(event)
    expect(log.filter((e) => e.type === 'participant.joined')).toHaveLength(1)
    const seqs = log.map((e) => e.seq)
    expect(seqs).toEqual(seqs.map((_, i) => i + 1))

    const back = await connect(second, { token: blue.token })
    const snapshot = await back.waitForSnapshot()
    expect(snapshot.state.participants[blue.participantId]?.name).toBe('Ana (SOC)')
    expect(snapshot.state.deliveries.map((d) => d.title)).toContain('Acknowledged before the kill')
    expect(snapshot.state.chat.map((m) => m.text)).toEqual(['last words'])
    expect(snapshot.state.clock).toMatchObject({ running: true, speed: 10 })
    back.close()
  })

  it('catches up on restart: what fell due while it was down fires once, at its own time', async () => {
    const { dataDir, first } = await firstServer('holdover-catchup')
    const created = await createDrill(first.url)
    const facilitator = await connect(first, { token: ADMIN_TOKEN })
    await facilitator.send({ type: 'exercise.open', exerciseId: created.id })
    await facilitator.send({ type: 'clock.setSpeed', speed: 3600 })
    await facilitator.send({ type: 'clock.start' })
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))
    facilitator.close()
    // Down for two wall seconds: at 3600× the drill runs to its decision (T+00:35), which
    // opens on the way and slows the clock to 1×; what is due later waits for it.
    await new Promise((resolve) => setTimeout(resolve, 2000))

    const second = await spawnServer(dataDir)
    children.push(second.child)
    const log = await api<HoldoverEvent[]>(second.url, 'GET', `/api/exercises/${created.id}/events`)
    const delivered = log.filter((e) => e.type === 'inject.delivered')
    const expected: [string, number][] = [
      ['kickoff', 0],
      ['siem-offset', 600],
      ['helpdesk-logins', 2100],
    ]
    for (const [injectId, t] of expected) {
      const deliveries = delivered.filter((e) => e.injectId === injectId)
      expect(deliveries.length, injectId).toBeGreaterThan(0)
      expect(
        new Set(deliveries.map((e) => e.teamId)).size,
        `${injectId} delivered once per team`,
      ).toBe(deliveries.length)
      expect(deliveries.every((e) => e.t === t)).toBe(true)
    }
    expect(log.filter((e) => e.type === 'decision.opened')).toMatchObject([
      { decisionId: 'declare-major-incident', t: 2100 },
    ])
    expect(delivered.some((e) => e.injectId === 'wrap-up')).toBe(false)
    const slowed = log.filter((e) => e.type === 'clock.speedChanged').at(-1)
    expect(slowed).toMatchObject({ speed: 1, reason: 'decision', t: 2100 })
  })

  it('keeps every acknowledged notebook update through a kill -9', async () => {
    const { dataDir, first } = await firstServer('holdover-kill-notebook')
    const created = await createDrill(first.url)
    const blue = await api<{ token: string }>(
      first.url,
      'POST',
      '/api/join',
      { code: created.joinCodes.soc, name: 'Ana (SOC)' },
      null,
    )
    const member = await connect(first, { token: blue.token })
    await member.waitForSnapshot()
    const notebook = new TestDocClient(member.socket, 'notebook:soc')
    expect(await notebook.open()).toEqual({ ok: true })
    const lines = Array.from({ length: 40 }, (_, i) => `log line ${i} before the kill`)
    for (const line of lines) notebook.appendParagraph(line)
    // Every edit's own acknowledgement (the replies also hold the answer to sync step 2).
    await notebook.waitFor(
      () => notebook.updateReplies.length >= lines.length,
      'every edit acknowledged',
      30_000,
    )
    expect(notebook.updateReplies.every((reply) => reply.ok)).toBe(true)
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))
    member.close()

    const second = await spawnServer(dataDir)
    children.push(second.child)
    const read = await api<{ text: string }>(
      second.url,
      'GET',
      `/api/exercises/${created.id}/documents/notebook:soc`,
    )
    for (const line of lines) expect(read.text).toContain(line)
    expect(read.text.split('incident log').length).toBe(2)
  })
})
