/**
 * Soak: a crowd of participants plays a compressed exercise for minutes on end, once alone and
 * once with one hostile participant flooding every door (commands, twin reads, its notebook,
 * another team's notebook, joins, extra sockets), each run on a fresh server in its own process,
 * loopback only. It prints what the crowd noticed in both runs and checks the hardening's
 * promises: the crowd's p99 acknowledgement time within 1.5× of the calm run; no memory left
 * behind by the hostile one (a room keeps its whole log in memory, so the heap grows with what
 * the crowd records, about 400 B per chat message; the attacked run may grow at most 10 % of the
 * heap more than the calm one); nobody in the crowd disconnected or refused. Exits 1 when a
 * promise is broken.
 *
 *   npx tsx bench/soak.bench.ts [--participants 300] [--minutes 10] [--speed 600]
 *     [--scenario national-time-lab-intrusion] [--sites 10] [--warmup-s 60]
 */
import { fork } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parseDocument } from 'yaml'
import type { Snapshot } from '../core/protocol'
import { ADMIN_TOKEN } from '../server/test/startTestServer'
import { kb, ms, sleep, stats } from './notebook/measure'
import { children, startServerProcess } from './notebook/serverProcess'
import type { CrowdFigures, JoinTeam, Member } from './soak/crowd'
import { joinCrowd, joinPatiently, startCrowd } from './soak/crowd'
import type { HostilePlan, HostileReport } from './soak/hostile'
import { HOSTILE_CHILD, hostileChild } from './soak/hostile'
import { connected, openSocket, postJson, send } from './soak/net'

const { values: args } = parseArgs({
  options: {
    participants: { type: 'string', default: '300' },
    minutes: { type: 'string', default: '10' },
    speed: { type: 'string', default: '600' },
    scenario: { type: 'string', default: 'national-time-lab-intrusion' },
    sites: { type: 'string', default: '10' },
    'warmup-s': { type: 'string', default: '60' },
    'chat-every-s': { type: 'string', default: '8' },
    'hostile-sockets': { type: 'string', default: '50' },
  },
  allowPositionals: true,
  strict: false,
})
const option = (name: keyof typeof args) => Number(args[name])

const SHIPPED_SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url))
const FACILITATOR_SITE = '127.0.0.1'
const HOSTILE_SITE = '127.0.0.66'

interface RunResult {
  readonly crowd: CrowdFigures
  readonly heapAfterWarmUp: number
  readonly heapAtEnd: number
  readonly loopP99Ms: number
  readonly hostile: HostileReport | null
}

/**
 * The chosen shipped scenario with room for the crowd on every team (a team seats 50 unless its
 * scenario says more), in a folder of its own.
 */
function soakScenarios(root: string, scenarioId: string, seatsPerTeam: number): string {
  const dir = path.join(root, 'scenarios')
  mkdirSync(dir, { recursive: true })
  const file = path.join(SHIPPED_SCENARIOS, `${scenarioId}.yaml`)
  const doc = parseDocument(readFileSync(file, 'utf8'))
  const teams = doc.get('teams') as { items: { set(key: string, value: number): void }[] }
  for (const team of teams.items) team.set('maxParticipants', seatsPerTeam)
  writeFileSync(path.join(dir, `${scenarioId}.yaml`), doc.toString())
  return dir
}

async function run(hostile: boolean): Promise<RunResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'holdover-soak-'))
  const scenariosDir = soakScenarios(
    dataDir,
    String(args.scenario),
    Math.ceil(option('participants') / 2) + 1,
  )
  const server = await startServerProcess('holdover', dataDir, scenariosDir)
  const members: Member[] = []
  let facilitator: ReturnType<typeof openSocket> | null = null
  try {
    const created = await postJson<{ id: string; joinCodes: Record<string, string> }>(
      server.url,
      '/api/exercises',
      { scenarioId: args.scenario },
      { localAddress: FACILITATOR_SITE, token: ADMIN_TOKEN },
    )
    if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`)
    const teams: JoinTeam[] = Object.entries(created.body.joinCodes).map(([id, code]) => ({
      id,
      code,
    }))
    const sites = Array.from({ length: option('sites') }, (_, i) => `127.0.0.${10 + i}`)
    members.push(...(await joinCrowd(server.url, teams, option('participants'), sites)))

    facilitator = openSocket(server.url, ADMIN_TOKEN, FACILITATOR_SITE)
    await connected(facilitator)
    const snapshot = new Promise<Snapshot>((resolve) => facilitator?.once('snapshot', resolve))
    await send(facilitator, { type: 'exercise.open', exerciseId: created.body.id })
    const nodeIds = ((await snapshot).state.scenario?.chain?.nodes ?? []).map((node) => node.id)
    await send(facilitator, { type: 'clock.setSpeed', speed: option('speed') })
    const started = await send(facilitator, { type: 'clock.start' })
    if (!started.ok) throw new Error(`clock.start refused: ${started.message}`)

    let stopHostile: (() => Promise<HostileReport>) | null = null
    if (hostile) {
      const [own, other] = [teams.find((team) => team.id !== 'red') ?? teams[0]!, teams[0]!]
      const token = await joinPatiently(server.url, own.code, 'Hostile', HOSTILE_SITE)
      stopHostile = await forkHostile({
        url: server.url,
        token,
        code: own.code,
        wrongCode: `${own.code.slice(0, -1)}${own.code.endsWith('A') ? 'B' : 'A'}`,
        teamId: own.id,
        otherTeamId: other.id === own.id ? (teams[1]?.id ?? own.id) : other.id,
        site: HOSTILE_SITE,
        nodeIds,
        sockets: option('hostile-sockets'),
      })
    }
    const crowd = startCrowd(members, { seed: 7, chatEveryMs: option('chat-every-s') * 1000 })
    await sleep(option('warmup-s') * 1000)
    const heapAfterWarmUp = (await server.heap()).heapUsed
    await server.cpu()
    crowd.measure()
    await sleep(option('minutes') * 60_000)
    const figures = await crowd.stop()
    const { loop } = await server.cpu()
    const hostileReport = stopHostile ? await stopHostile() : null
    const heapAtEnd = (await server.heap()).heapUsed
    return {
      crowd: figures,
      heapAfterWarmUp,
      heapAtEnd,
      loopP99Ms: loop.p99,
      hostile: hostileReport,
    }
  } finally {
    facilitator?.close()
    for (const member of members) member.socket.close()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Starts the hostile participant in its own process; the function returned stops it. */
async function forkHostile(plan: HostilePlan): Promise<() => Promise<HostileReport>> {
  const child = fork(fileURLToPath(import.meta.url), [HOSTILE_CHILD], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string } & T) => {
        if (message.type !== type) return
        child.off('message', onMessage)
        resolve(message)
      }
      child.on('message', onMessage)
      child.once('exit', (code) => reject(new Error(`hostile process exited (${code})`)))
    })
  const started = next('started')
  child.send({ type: 'plan', plan })
  await started
  return async () => {
    const report = next<{ report: HostileReport }>('report')
    child.send({ type: 'stop' })
    return (await report).report
  }
}

function printRun(name: string, result: RunResult): void {
  const s = stats(result.crowd.latenciesMs)
  const growth = result.heapAtEnd / result.heapAfterWarmUp - 1
  console.log(`${name}:`)
  console.log(
    `  crowd acknowledgements   p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (${s.count} commands)`,
  )
  console.log(
    `  crowd refused            ${JSON.stringify(result.crowd.refused)}   disconnected: ${result.crowd.disconnects}   event batches received: ${result.crowd.batches}`,
  )
  console.log(
    `  server heap              ${kb(result.heapAfterWarmUp)} after warm-up → ${kb(result.heapAtEnd)} at the end (${(growth * 100).toFixed(1)} %, ${((result.heapAtEnd - result.heapAfterWarmUp) / Math.max(1, s.count)).toFixed(0)} B per crowd command recorded)   event-loop delay p99 ${ms(result.loopP99Ms)}`,
  )
  if (result.hostile) {
    for (const [door, count] of Object.entries(result.hostile)) {
      console.log(
        `  hostile ${door.padEnd(16)} accepted ${String(count.accepted).padStart(6)}   refused ${JSON.stringify(count.refused)}`,
      )
    }
  }
}

async function main(): Promise<void> {
  console.log(
    `soak: ${args.participants} participants from ${args.sites} sites, ${args.scenario} at ${args.speed}×, one chat message every ~${args['chat-every-s']} s each, ${args['warmup-s']} s warm-up then ${args.minutes} min measured, without and with one hostile participant (${args['hostile-sockets']} sockets)`,
  )
  const calm = await run(false)
  printRun('calm', calm)
  const attacked = await run(true)
  printRun('with the hostile participant', attacked)

  const p99 = (result: RunResult) => stats(result.crowd.latenciesMs).p99
  // A room keeps its exercise's whole log in memory, so the heap grows with what the crowd has
  // recorded (every chat message) in both runs alike; what the hostile participant must not do
  // is make it grow more.
  const grown = (result: RunResult) => result.heapAtEnd - result.heapAfterWarmUp
  const extraGrowth = grown(attacked) - grown(calm)
  const ratio = p99(attacked) / p99(calm)
  const checks: [string, boolean][] = [
    [`crowd p99 within 1.5× of the calm run (${ratio.toFixed(2)}×)`, ratio <= 1.5],
    [
      `the hostile participant leaves no memory behind: heap growth after warm-up within 10 % of the calm run's (${kb(extraGrowth)} more, ${((extraGrowth / calm.heapAfterWarmUp) * 100).toFixed(1)} % of the heap)`,
      extraGrowth < 0.1 * calm.heapAfterWarmUp,
    ],
    [
      `nobody in the crowd disconnected (${calm.crowd.disconnects + attacked.crowd.disconnects})`,
      calm.crowd.disconnects + attacked.crowd.disconnects === 0,
    ],
    [
      `no command of the crowd refused (${JSON.stringify(attacked.crowd.refused)})`,
      Object.keys(calm.crowd.refused).length + Object.keys(attacked.crowd.refused).length === 0,
    ],
  ]
  for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`)
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1
}

if (process.argv.includes(HOSTILE_CHILD)) {
  hostileChild()
} else {
  main()
    .catch((error) => {
      console.error(error)
      process.exitCode = 1
    })
    .finally(() => {
      for (const child of children) child.kill()
    })
}
