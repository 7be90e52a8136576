/**
 * The soak's well-behaved participants: they join from a few sites, keep their console open and
 * talk in their team's chat every few seconds, as a busy exercise does. What they notice is what
 * the soak measures: how long each command waits for its acknowledgement, refusals, and whether
 * their connection ever drops.
 */
import { random, sleep } from '../notebook/measure'
import type { Outcome, SoakSocket } from './net'
import { connected, openSocket, postJson, send } from './net'

export interface Member {
  readonly name: string
  readonly teamId: string
  readonly site: string
  readonly socket: SoakSocket
}

export interface JoinTeam {
  readonly id: string
  readonly code: string
}

/** Joins `count` participants round-robin over `teams`, each from one of `sites`, and connects them. */
export async function joinCrowd(
  url: string,
  teams: readonly JoinTeam[],
  count: number,
  sites: readonly string[],
): Promise<Member[]> {
  const members: Member[] = []
  for (let i = 0; i < count; i++) {
    const team = teams[i % teams.length]!
    const site = sites[i % sites.length]!
    const name = `Member ${i + 1}`
    const token = await joinPatiently(url, team.code, name, site)
    const socket = openSocket(url, token, site)
    await connected(socket)
    members.push({ name, teamId: team.id, site, socket })
  }
  return members
}

/** Joins with `code`, waiting as the server asks when it says "too many" (a room joining at once). */
export async function joinPatiently(
  url: string,
  code: string,
  name: string,
  site: string,
): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const reply = await postJson<{ token?: string; error?: { message: string } }>(
      url,
      '/api/join',
      { code, name },
      { localAddress: site },
    )
    if (reply.status === 201 && reply.body.token) return reply.body.token
    if (reply.status !== 429) {
      throw new Error(`${name} could not join (${reply.status}): ${reply.body.error?.message}`)
    }
    await sleep(Math.max(1, reply.retryAfterS ?? 1) * 1000)
  }
  throw new Error(`${name} could not join: the server kept answering 429`)
}

export interface CrowdFigures {
  /** Acknowledgement times of the commands sent while measuring, ms. */
  readonly latenciesMs: number[]
  /** Refused commands while measuring, by error code. */
  readonly refused: Record<string, number>
  /** Connections that dropped while the crowd was running. */
  readonly disconnects: number
  /** Event batches the crowd received while measuring. */
  readonly batches: number
}

export interface Crowd {
  /** From now on, what the crowd notices counts. */
  measure(): void
  /** Stops the crowd's activity (connections stay open) and gives the figures. */
  stop(): Promise<CrowdFigures>
}

/**
 * Sets every member talking: a chat message every `chatEveryMs` (± half, seeded), one command
 * in flight per member at most, as a person types.
 */
export function startCrowd(
  members: readonly Member[],
  options: { seed: number; chatEveryMs: number },
): Crowd {
  const latenciesMs: number[] = []
  const refused: Record<string, number> = {}
  let measuring = false
  let running = true
  let disconnects = 0
  let batches = 0
  const count = (outcome: Outcome, startedAt: number) => {
    if (!measuring) return
    latenciesMs.push(performance.now() - startedAt)
    if (!outcome.ok) refused[outcome.code] = (refused[outcome.code] ?? 0) + 1
  }
  const loops = members.map(async (member, index) => {
    const next = random(options.seed + index)
    member.socket.on('disconnect', () => {
      if (running) disconnects += 1
    })
    member.socket.on('events', () => {
      if (measuring) batches += 1
    })
    await sleep(next() * options.chatEveryMs)
    let said = 0
    while (running && member.socket.connected) {
      said += 1
      const startedAt = performance.now()
      const outcome = await send(member.socket, {
        type: 'chat.send',
        channel: member.teamId,
        text: `${member.name}: check ${said} of the time sources at the edge site`,
      })
      count(outcome, startedAt)
      await sleep(options.chatEveryMs * (0.5 + next()))
    }
  })
  return {
    measure() {
      measuring = true
    },
    async stop() {
      measuring = false
      running = false
      await Promise.all(loops)
      return { latenciesMs, refused, disconnects, batches }
    },
  }
}
