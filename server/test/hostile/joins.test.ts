/**
 * A hostile caller at the join door: one code used to fill the exercise, wrong codes sent to lock
 * a room's address out. A room behind one NAT must still get in.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { newJoinCode } from '../../auth/ids'
import type { TestServer } from '../startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from '../startTestServer'

let server: TestServer | undefined
const folders: string[] = []
afterEach(async () => {
  await server?.destroy()
  server = undefined
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

type Joined = {
  status: number
  body: { token?: string; error?: { code: string; message: string } }
}

const join = (code: string, name = 'Player', headers: Record<string, string> = {}) =>
  fetch(`${server!.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code, name }),
  }).then(async (res): Promise<Joined> => ({ status: res.status, body: await res.json() }))

/** A code that is certainly not `code` and starts with `prefix` (four characters). */
function wrongCode(avoid: string[], prefix?: string): string {
  for (;;) {
    const candidate = newJoinCode()
    const code = prefix ? `${prefix}-${candidate.slice(5)}` : candidate
    if (!avoid.includes(code)) return code
  }
}

/** The shipped scenarios, with the drill's red cell seating `redSeats`. */
function scenariosWithRedSeats(redSeats: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'holdover-scenarios-'))
  folders.push(folder)
  cpSync('scenarios', folder, { recursive: true })
  const file = path.join(folder, 'drill-ntp-shift.yaml')
  const text = readFileSync(file, 'utf8').replace(
    '    name: Red cell\n',
    `    name: Red cell\n    maxParticipants: ${redSeats}\n`,
  )
  writeFileSync(file, text)
  return folder
}

describe('joining with a code', () => {
  it('seats a room of 60 joining with one code at once from one address', async () => {
    server = await startTestServer({ scenariosDir: scenariosWithRedSeats(80) })
    const { joinCodes } = await setUpExercise(server, [])
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => join(joinCodes.red!, `Analyst ${i}`)),
    )
    expect(answers.map((answer) => answer.status)).toEqual(Array(60).fill(201))
  })

  it('seats at most the scenario cap per team, says the team is full, and lets blue in after red was used 5,000 times', async () => {
    server = await startTestServer({ scenariosDir: scenariosWithRedSeats(40) })
    const { exerciseId, joinCodes } = await setUpExercise(server, [])
    const statuses = new Map<number, number>()
    let fullMessage = ''
    for (let sent = 0; sent < 5000; sent += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => join(joinCodes.red!)))
      for (const answer of batch) {
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
        if (answer.status === 409) fullMessage = answer.body.error!.message
      }
    }
    expect(statuses.get(201)).toBe(40)
    expect(fullMessage).toMatch(/Red cell is full \(40 participants\)/)
    const blue = await join(joinCodes.soc!, 'SOC analyst')
    expect(blue.status).toBe(201)
    const events = await server.http<{ type: string; teamId?: string }[]>(
      'GET',
      `/api/exercises/${exerciseId}/events`,
    )
    const joined = events.body.filter((event) => event.type === 'participant.joined')
    expect(joined.filter((event) => event.teamId === 'red')).toHaveLength(40)
  }, 60_000)

  it('seats 50 per team when the scenario names no cap, and a removed participant frees a seat', async () => {
    server = await startTestServer()
    const { joinCodes } = await setUpExercise(server, [])
    const seated = await Promise.all(Array.from({ length: 55 }, () => join(joinCodes.red!)))
    expect(seated.filter((answer) => answer.status === 201)).toHaveLength(50)
    expect(seated.filter((answer) => answer.status === 409)).toHaveLength(5)
    const first = seated.find((answer) => answer.status === 201)!.body as {
      participantId: string
      exerciseId: string
    }
    const white = await connect(server, { token: ADMIN_TOKEN })
    await white.send({ type: 'exercise.open', exerciseId: first.exerciseId })
    const removed = await white.send({
      type: 'participant.remove',
      participantId: first.participantId,
    })
    expect(removed.ok).toBe(true)
    expect((await join(joinCodes.red!)).status).toBe(201)
    white.close()
  })
})

describe('wrong codes', () => {
  it('do not lock out the right code from the same address', async () => {
    server = await startTestServer()
    const { joinCodes } = await setUpExercise(server, [])
    const codes = Object.values(joinCodes)
    for (let i = 0; i < 60; i++) expect((await join(wrongCode(codes))).status).toBe(404)
    expect((await join(joinCodes.soc!)).status).toBe(201)
  })

  it('close one code prefix after 30 a minute, leaving the others open', async () => {
    server = await startTestServer()
    const { joinCodes } = await setUpExercise(server, [])
    const codes = Object.values(joinCodes)
    const prefix = codes[0]!.slice(0, 4) === 'ZZZZ' ? 'YYYY' : 'ZZZZ'
    for (let i = 0; i < 30; i++) expect((await join(wrongCode(codes, prefix))).status).toBe(404)
    const blocked = await join(wrongCode(codes, prefix))
    expect(blocked.status).toBe(429)
    expect(blocked.body.error!.message).toMatch(/Too many wrong join codes/)
    expect((await join(joinCodes.soc!)).status).toBe(201)
  })

  it('still bound guessing from one address: 300 wrong codes a minute, whatever their prefixes', async () => {
    server = await startTestServer()
    const { joinCodes } = await setUpExercise(server, [])
    const codes = Object.values(joinCodes)
    const answers = await Promise.all(Array.from({ length: 320 }, () => join(wrongCode(codes))))
    expect(answers.filter((answer) => answer.status === 404)).toHaveLength(300)
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(20)
  })

  it('count per forwarded address only behind a configured proxy (HOLDOVER_TRUST_PROXY)', async () => {
    server = await startTestServer({ env: { HOLDOVER_TRUST_PROXY: '1' } })
    const { joinCodes } = await setUpExercise(server, [])
    const codes = Object.values(joinCodes)
    const prefix = 'ZZZZ'
    const from = (address: string) => ({ 'x-forwarded-for': address })
    for (let i = 0; i < 30; i++) await join(wrongCode(codes, prefix), 'P', from('203.0.113.7'))
    expect((await join(wrongCode(codes, prefix), 'P', from('203.0.113.7'))).status).toBe(429)
    expect((await join(wrongCode(codes, prefix), 'P', from('203.0.113.8'))).status).toBe(404)
  })

  it('ignore X-Forwarded-For by default: a client cannot choose the address it is counted under', async () => {
    server = await startTestServer()
    const { joinCodes } = await setUpExercise(server, [])
    const codes = Object.values(joinCodes)
    const prefix = 'ZZZZ'
    for (let i = 0; i < 30; i++) {
      await join(wrongCode(codes, prefix), 'P', { 'x-forwarded-for': `198.51.100.${i}` })
    }
    const spoofed = await join(wrongCode(codes, prefix), 'P', { 'x-forwarded-for': '192.0.2.1' })
    expect(spoofed.status).toBe(429)
  })
})
