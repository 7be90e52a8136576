/**
 * A hostile caller at the facilitator's door: short admin tokens, and wrong tokens sent as fast
 * as a script can, over HTTP and in the socket handshake.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FREE_SIGN_IN_FAILURES } from '../../auth/SignInThrottle'
import type { TestServer } from '../startTestServer'
import { ADMIN_TOKEN, connect, setUpExercise, startTestServer } from '../startTestServer'

const run = promisify(execFile)

describe('the admin token', () => {
  it('refuses to start with one shorter than 24 characters, saying how to make one', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'holdover-short-'))
    try {
      const started = run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: {
          ...process.env,
          PORT: '0',
          HOLDOVER_DATA_DIR: dataDir,
          HOLDOVER_ADMIN_TOKEN: 'hunter2-but-longer',
        },
        timeout: 20_000,
      })
      const failure = await started.then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      )
      expect(failure?.code).toBe(1)
      expect(failure?.stderr).toContain(
        'HOLDOVER_ADMIN_TOKEN is 18 characters; it must be at least 24',
      )
      expect(failure?.stderr).toContain('openssl rand -base64 32')
      expect(failure?.stderr).not.toMatch(/\n\s+at /)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('wrong admin tokens', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startTestServer()
  })
  afterEach(async () => {
    await server.destroy()
  })

  const wrong = (i: number) => `wrong-admin-token-number-${i}`

  it('over HTTP: a few are free, then the address waits a second, then longer, and the real token gets in once it has', async () => {
    for (let i = 0; i < FREE_SIGN_IN_FAILURES; i++) {
      expect((await server.http('GET', '/api/exercises', undefined, wrong(i))).status).toBe(403)
    }
    // The first one past the free ones is answered, and closes the address for a second.
    expect((await server.http('GET', '/api/exercises', undefined, wrong(99))).status).toBe(403)
    const res = await fetch(`${server.url}/api/exercises`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    expect(res.status).toBe(429)
    const waitS = Number(res.headers.get('retry-after'))
    expect(waitS).toBeGreaterThanOrEqual(1)
    expect(waitS).toBeLessThanOrEqual(60)
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /Too many wrong admin tokens from this address; try again in \d+ s\./,
    )
    await new Promise((resolve) => setTimeout(resolve, waitS * 1000 + 50))
    expect((await server.http('GET', '/api/exercises')).status).toBe(200)
    // The right token wipes the slate: mistakes are free again.
    for (let i = 0; i < FREE_SIGN_IN_FAILURES; i++) {
      expect((await server.http('GET', '/api/exercises', undefined, wrong(i))).status).toBe(403)
    }
    expect((await server.http('GET', '/api/exercises')).status).toBe(200)
  })

  it('in the socket handshake: the same count, and participants from the address still connect', async () => {
    const { participants } = await setUpExercise(server, ['soc'])
    for (let i = 0; i <= FREE_SIGN_IN_FAILURES; i++) {
      await expect(connect(server, { token: wrong(i) })).rejects.toThrow(/Invalid token/)
    }
    await expect(connect(server, { token: ADMIN_TOKEN })).rejects.toThrow(
      /Too many wrong admin tokens from this address/,
    )
    // HTTP shares the count: the address is throttled there too.
    expect((await server.http('GET', '/api/exercises')).status).toBe(429)
    const soc = await connect(server, { token: participants.soc!.token })
    await soc.waitForSnapshot()
    soc.close()
  })
})
