/** Server heap per open notebook, on either server. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { NOTEBOOK_FIELD, notebookName } from '../../core/documents/documentName'
import type { TestClient } from '../../server/test/startTestServer'
import { TestDocClient } from '../../server/test/yjsClient'
import { connectParticipant, createExercise, HoldoverAcks, join } from './editors'
import { newParagraph, sleep, trace, typist, until } from './measure'
import { startServerProcess, TEAMS } from './serverProcess'

export const FILL_PARAGRAPHS = 20
export const FILL_CHARS = 1000

/** Fills a notebook with ~20 KB of text, one paragraph per update, at most 10 updates a second. */
export async function fill(doc: Y.Doc, seed: number): Promise<void> {
  const fragment = doc.getXmlFragment(NOTEBOOK_FIELD)
  const type = typist(seed)
  for (let i = 0; i < FILL_PARAGRAPHS; i++) {
    newParagraph(fragment, type(FILL_CHARS))
    await sleep(100)
  }
}

export interface MemoryResult {
  readonly perNotebook: number
  readonly externalPerNotebook: number
  readonly stateBytes: number
  readonly gc: boolean
}

export async function holdoverMemory(count: number, dataDir: string): Promise<MemoryResult> {
  // count + 1 notebooks (the first warms the server up), one team's notebook per participant.
  // Creating an exercise seeds (and loads, for a while) its notebooks: a restart unloads them.
  const setup = await startServerProcess('holdover', dataDir)
  const tokens: { token: string; team: string }[] = []
  try {
    for (let e = 0; tokens.length < count + 1; e++) {
      const exercise = await createExercise(setup.url)
      for (const team of TEAMS) {
        if (tokens.length >= count + 1) break
        const joined = await join(setup.url, exercise.joinCodes[team]!, `${team} ${e}`)
        tokens.push({ token: joined.token, team })
      }
    }
  } finally {
    await setup.stop()
  }
  const server = await startServerProcess('holdover', dataDir)
  const sockets: TestClient[] = []
  try {
    const participants: { socket: TestClient; team: string }[] = []
    for (const { token, team } of tokens) {
      const socket = await connectParticipant(server.url, token)
      sockets.push(socket)
      participants.push({ socket, team })
    }
    const openAndFill = async ({ socket, team }: (typeof participants)[number], seed: number) => {
      const client = new TestDocClient(socket.socket, notebookName(team))
      const acks = new HoldoverAcks(client)
      const opened = await client.open()
      if (!opened.ok) throw new Error(`open refused: ${opened.error.message}`)
      await fill(client.doc, seed)
      await acks.settled(`fill of ${client.name}`)
      return client
    }
    await openAndFill(participants[0]!, 0)
    trace('holdover: notebooks ready')
    const before = await server.heap()
    const clients = await Promise.all(participants.slice(1).map((p, i) => openAndFill(p, i + 1)))
    const after = await server.heap()
    return {
      perNotebook: (after.heapUsed - before.heapUsed) / count,
      externalPerNotebook: (after.external - before.external) / count,
      stateBytes: Y.encodeStateAsUpdate(clients[0]!.doc).length,
      gc: after.gc,
    }
  } finally {
    for (const socket of sockets) socket.close()
    await server.stop()
  }
}

export async function hocuspocusMemory(count: number): Promise<MemoryResult> {
  const server = await startServerProcess('hocuspocus')
  const url = `ws://127.0.0.1:${server.port}`
  const sockets: HocuspocusProviderWebsocket[] = []
  const providers: HocuspocusProvider[] = []
  try {
    for (let i = 0; i <= count; i++) {
      sockets.push(
        new HocuspocusProviderWebsocket({
          url,
          WebSocketPolyfill: WebSocket,
          messageReconnectTimeout: 600_000,
        }),
      )
    }
    await until(
      () => sockets.every((socket) => socket.status === 'connected'),
      'Hocuspocus sockets to connect',
    )
    const openAndFill = async (socket: HocuspocusProviderWebsocket, i: number) => {
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: `${notebookName(TEAMS[i % TEAMS.length]!)}#${i}`,
        document: new Y.Doc(),
        awareness: null,
      })
      providers.push(provider)
      provider.attach()
      await until(() => provider.synced, `notebook #${i} to sync`)
      await fill(provider.document, i)
      await until(() => provider.unsyncedChanges === 0, `notebook #${i} to be applied`)
      return provider
    }
    await openAndFill(sockets[0]!, 0)
    trace('hocuspocus: notebooks ready')
    const before = await server.heap()
    const opened = await Promise.all(
      sockets.slice(1).map((socket, i) => openAndFill(socket, i + 1)),
    )
    const after = await server.heap()
    return {
      perNotebook: (after.heapUsed - before.heapUsed) / count,
      externalPerNotebook: (after.external - before.external) / count,
      stateBytes: Y.encodeStateAsUpdate(opened[0]!.document).length,
      gc: after.gc,
    }
  } finally {
    for (const provider of providers) provider.destroy()
    for (const socket of sockets) socket.destroy()
    await server.stop()
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Loading a long log
// ---------------------------------------------------------------------------------------------
