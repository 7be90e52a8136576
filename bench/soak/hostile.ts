/**
 * The soak's hostile participant: one valid token and a script, flooding every door at once,
 * as fast as the server answers. It runs in its own process (forked from soak.bench.ts), so its
 * own work does not stall the crowd's event loop, and reports what each door let through.
 */
import * as Y from 'yjs'
import { encodeAwarenessEntries } from '../../core/documents/awarenessMessage'
import { NOTEBOOK_FIELD, notebookName } from '../../core/documents/documentName'
import { encodeYjsMessage } from '../../core/documents/yjsMessage'
import { sleep } from '../notebook/measure'
import type { SoakSocket } from './net'
import { connected, openSocket, postJson, send } from './net'

export const HOSTILE_CHILD = '--soak-hostile'

export interface HostilePlan {
  readonly url: string
  readonly token: string
  /** Its own team's join code (joins that succeed) and a code one letter off (joins that fail). */
  readonly code: string
  readonly wrongCode: string
  readonly teamId: string
  /** Another team, whose notebook it tries to open. */
  readonly otherTeamId: string
  readonly site: string
  /** Node ids to ask the twin about (the scenario file is public). */
  readonly nodeIds: readonly string[]
  /** Sockets it tries to hold on its one token. */
  readonly sockets: number
}

/** What one door let through: accepted, and refused by code. */
export interface DoorCount {
  accepted: number
  refused: Record<string, number>
}

export type HostileReport = Record<string, DoorCount>

type Door =
  | 'sockets'
  | 'reconnects'
  | 'commands'
  | 'twinReads'
  | 'notebook'
  | 'otherNotebook'
  | 'joins'

/** Floods until `signal` aborts, then closes everything and reports. */
export async function runHostile(plan: HostilePlan, signal: AbortSignal): Promise<HostileReport> {
  const report: HostileReport = {}
  const tally = (door: Door, ok: boolean, code = 'refused') => {
    const count = report[door] ?? { accepted: 0, refused: {} }
    report[door] = count
    if (ok) count.accepted += 1
    else count.refused[code] = (count.refused[code] ?? 0) + 1
  }
  const sockets: SoakSocket[] = []
  for (let i = 0; i < plan.sockets && !signal.aborted; i++) {
    const socket = openSocket(plan.url, plan.token, plan.site)
    try {
      await connected(socket)
      sockets.push(socket)
      tally('sockets', true)
    } catch (error) {
      socket.close()
      tally('sockets', false, (error as Error).message.slice(0, 60))
    }
  }
  const floods: Promise<void>[] = []
  const flood = (work: () => Promise<void>) =>
    floods.push(
      (async () => {
        while (!signal.aborted) {
          await work()
          // A refusal answers at once; yield so the process stays responsive to "stop".
          await new Promise<void>((resolve) => setImmediate(resolve))
        }
      })(),
    )
  const notebook = notebookName(plan.teamId)
  const junk = new Y.Doc()
  let typed = 0
  const open = encodeYjsMessage({ type: 'sync-step1', stateVector: Y.encodeStateVector(junk) })
  for (let i = 0; i < sockets.length; i++) {
    const socket = sockets[i]!
    tally('notebook', (await emitYjs(socket, notebook, open)).ok)
    flood(async () => {
      const socket = sockets[i]!
      const outcome = await send(socket, {
        type: 'chat.send',
        channel: plan.teamId,
        text: 'x'.repeat(1900),
      })
      tally('commands', outcome.ok, outcome.ok ? undefined : outcome.code)
    })
    flood(async () => {
      const socket = sockets[i]!
      const reply = await socket
        .timeout(30_000)
        .emitWithAck('twin.view', {
          series: { nodeIds: plan.nodeIds.slice(0, 50), fromT: 0, toT: 366 * 86_400, points: 500 },
        })
        .catch(() => ({ ok: false as const, error: { code: 'timeout' } }))
      tally('twinReads', reply.ok, reply.ok ? undefined : reply.error.code)
    })
    flood(async () => {
      const socket = sockets[i]!
      // Real updates, each a new paragraph of 2 KB: the notebook's budget must hold them back.
      const before = Y.encodeStateVector(junk)
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(`${typed++} ${'y'.repeat(2000)}`)])
      junk.getXmlFragment(NOTEBOOK_FIELD).push([paragraph])
      const update = Y.encodeStateAsUpdate(junk, before)
      const reply = await emitYjs(socket, notebook, encodeYjsMessage({ type: 'update', update }))
      tally('notebook', reply.ok, reply.code)
      const awareness = encodeAwarenessEntries([
        { clientId: junk.clientID, clock: typed, state: { user: { name: 'not me' } } },
      ])
      const shown = await emitYjs(
        socket,
        notebook,
        encodeYjsMessage({ type: 'awareness', update: awareness }),
      )
      tally('notebook', shown.ok, shown.code)
    })
    flood(async () => {
      const socket = sockets[i]!
      const reply = await emitYjs(
        socket,
        notebookName(plan.otherTeamId),
        encodeYjsMessage({ type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) }),
      )
      tally('otherNotebook', reply.ok, reply.code)
    })
  }
  // Cut off, it comes straight back, as a script would.
  flood(async () => {
    await sleep(1000)
    for (let i = 0; i < sockets.length && !signal.aborted; i++) {
      if (sockets[i]!.connected) continue
      const socket = openSocket(plan.url, plan.token, plan.site)
      try {
        await connected(socket)
        sockets[i]!.close()
        sockets[i] = socket
        tally('reconnects', true)
      } catch (error) {
        socket.close()
        tally('reconnects', false, (error as Error).message.slice(0, 60))
      }
    }
  })
  flood(async () => {
    for (const code of [plan.code, plan.wrongCode]) {
      const reply = await postJson<unknown>(
        plan.url,
        '/api/join',
        { code, name: 'Flood' },
        { localAddress: plan.site },
      ).catch(() => ({ status: 0 }))
      tally('joins', reply.status === 201, String(reply.status))
    }
  })
  await Promise.all(floods)
  for (const socket of sockets) socket.close()
  return report
}

async function emitYjs(
  socket: SoakSocket,
  doc: string,
  message: Uint8Array,
): Promise<{ ok: boolean; code?: string }> {
  try {
    const reply = await socket.timeout(30_000).emitWithAck('yjs', doc, message)
    return reply.ok ? { ok: true } : { ok: false, code: reply.error.code }
  } catch {
    return { ok: false, code: 'timeout' }
  }
}

/** The child's side: waits for its plan, floods until told to stop, sends the report. */
export function hostileChild(): void {
  const stop = new AbortController()
  let running: Promise<HostileReport> | null = null
  process.on('disconnect', () => process.exit(1))
  process.on('message', async (message: { type: 'plan'; plan: HostilePlan } | { type: 'stop' }) => {
    if (message.type === 'plan') {
      running = runHostile(message.plan, stop.signal)
      process.send?.({ type: 'started' })
    } else if (message.type === 'stop' && running) {
      stop.abort()
      const report = await running
      // Give the closes a moment to leave before the process goes.
      await sleep(100)
      process.send?.({ type: 'report', report }, () => process.exit(0))
    }
  })
}
