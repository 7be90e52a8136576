/** Edit propagation: editors type in turn; the time from an edit to every other editor holding it. */
import type * as Y from 'yjs'
import { NOTEBOOK_FIELD } from '../../core/documents/documentName'
import { documentText } from '../../core/documents/documentText'
import { Deliveries, type EditorSession } from './editors'
import { cpuMs, newParagraph, random, sleep, trace, typist } from './measure'
import type { LoopDelay } from './serverProcess'

/** Editors type in turn, paced at `perSecond` edits in all; at most `maxInFlight` unfinished. */
export async function propagation(
  session: EditorSession,
  rounds: number,
  perSecond: number,
  maxInFlight: number,
): Promise<PropagationResult> {
  const { editors } = session
  const docs = editors.map((editor) => editor.doc)
  trace(`${session.server.kind}: ${editors.length} editors open`)
  // Every editor gets its own paragraph, one after another, before anything is measured.
  const texts: Y.XmlText[] = []
  const setup = new Deliveries(docs)
  for (const [i, doc] of docs.entries()) {
    texts.push(newParagraph(doc.getXmlFragment(NOTEBOOK_FIELD), `editor ${i}: `))
    setup.sent(-1, i)
    await setup.below(1, 20_000)
  }
  for (const editor of editors) await editor.settled('setup')
  trace('paragraphs made')

  setup.close()

  const typing = editors.map((_, i) => typist(1000 + i))
  const chunk = random(7)
  const interval = 1000 / perSecond
  /** `count` edits, round-robin, paced; `onSent` learns of each one. */
  const type = async (deliveries: Deliveries, count: number, onSent?: (editor: number) => void) => {
    const start = performance.now()
    for (let index = 0; index < count; index++) {
      const wait = start + index * interval - performance.now()
      if (wait > 1) await sleep(wait)
      await deliveries.below(maxInFlight, 10_000)
      const i = index % editors.length
      editors[i]!.check('edits')
      const text = texts[i]!
      text.insert(text.length, typing[i]!(2 + Math.floor(chunk() * 4)))
      deliveries.sent(index, i)
      onSent?.(i)
    }
  }
  // One round unmeasured: the same work warms up the JIT of both processes first.
  const warmUp = new Deliveries(docs)
  await type(warmUp, editors.length)
  await warmUp.below(1, 10_000)
  warmUp.close()
  for (const editor of editors) await editor.settled('warm-up')
  trace('warmed up')

  const deliveries = new Deliveries(docs)
  const acks: number[] = []
  const unacked = editors.map(() => [] as number[])
  editors.forEach((editor, i) => {
    editor.onAck = (at) => {
      const sentAt = unacked[i]!.shift()
      if (sentAt !== undefined) acks.push(at - sentAt)
    }
  })
  const total = rounds * editors.length
  // The server's CPU use while nobody types (its clock ticks), subtracted below.
  const idleFrom = (await session.server.cpu()).ms
  const idleStart = performance.now()
  await sleep(1000)
  const idlePerMs = ((await session.server.cpu()).ms - idleFrom) / (performance.now() - idleStart)
  const serverCpu = (await session.server.cpu()).ms
  const clientCpu = cpuMs()
  const start = performance.now()
  await type(deliveries, total, (i) => unacked[i]!.push(deliveries.lastLocalAt[i]!))
  await deliveries.below(1, 10_000)
  for (const editor of editors) await editor.settled('edits')
  const wallMs = performance.now() - start
  const serverAfter = await session.server.cpu()
  const cpu = {
    wallMs,
    loop: serverAfter.loop,
    serverMs: serverAfter.ms - serverCpu - idlePerMs * wallMs,
    idlePct: 100 * idlePerMs,
    clientMs: cpuMs() - clientCpu,
  }
  for (const editor of editors) editor.onAck = undefined
  deliveries.close()
  trace('edits done')

  // Nothing lost: every editor and a fresh client hold the same text, with every edit in it.
  const expected = documentText(docs[0]!)
  for (const [i, doc] of docs.entries()) {
    if (documentText(doc) !== expected) throw new Error(`editor ${i} diverged from editor 0`)
  }
  for (const [i, text] of texts.entries()) {
    if (!expected.includes(text.toString())) throw new Error(`editor ${i}'s paragraph is missing`)
  }
  const fresh = await session.serverText()
  trace('verified')
  if (fresh !== expected) throw new Error('a fresh client got a different text from the server')
  if (deliveries.samples.length !== total * (editors.length - 1)) {
    throw new Error(
      `${deliveries.samples.length} deliveries, expected ${total * (editors.length - 1)}`,
    )
  }
  return { deliveries: deliveries.samples, acks, cpu, edits: total }
}

export interface PropagationResult {
  readonly deliveries: number[]
  readonly acks: number[]
  readonly edits: number
  /** Wall time of the edits, and the CPU time each process used meanwhile (ms). */
  readonly cpu: {
    wallMs: number
    serverMs: number
    clientMs: number
    idlePct: number
    loop: LoopDelay
  }
}

export function cpuLine(result: PropagationResult): string {
  const { wallMs, serverMs, clientMs, idlePct, loop } = result.cpu
  const pct = (cpu: number) => `${((100 * cpu) / wallMs).toFixed(0)}%`
  return `CPU/edit: server ${((1000 * serverMs) / result.edits).toFixed(0)} µs (${pct(serverMs)} of a core, beyond ${idlePct.toFixed(1)}% idle), clients ${((1000 * clientMs) / result.edits).toFixed(0)} µs (${pct(clientMs)}); server loop delay p50 ${loop.p50.toFixed(1)} p99 ${loop.p99.toFixed(1)} max ${loop.max.toFixed(0)} ms`
}

// ---------------------------------------------------------------------------------------------
// 3. Memory per open notebook
// ---------------------------------------------------------------------------------------------
