import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { YjsMessage } from '../../core/documents/yjsMessage'
import { decodeYjsMessage, encodeYjsMessage } from '../../core/documents/yjsMessage'
import type { ProtocolError, YjsReply } from '../../core/protocol'
import type { YjsTransport } from '../shared/ExerciseConnection'
import { DocumentProvider } from './DocumentProvider'

const DOC = 'notebook:soc'
const OK: YjsReply = { ok: true }

/**
 * The server's side of the contract, in memory: answers step 1 with step 2 then its own step 1,
 * applies updates and relays them (and presence) to the other clients that have the doc open.
 */
class FakeServer {
  readonly doc = new Y.Doc()
  readonly awareness = new Awareness(new Y.Doc())
  readonly open = new Set<FakeTransport>()
  /** The next this-many updates (step 2 or update) are refused with this code. */
  refuse: { code: ProtocolError['code']; count: number } | null = null
  forbidden = false
  /** The next this-many awareness messages are refused as another's client id. */
  refuseAwareness = 0
  /** Acks withheld (as if lost); resolved with a timeout by `timeOut()`. */
  stalled = false
  private readonly stalledAcks: ((reply: YjsReply) => void)[] = []

  text(): string {
    return this.doc.getText('t').toString()
  }

  receive(from: FakeTransport, bytes: Uint8Array): Promise<YjsReply> {
    if (this.stalled) return new Promise((resolve) => this.stalledAcks.push(resolve))
    return Promise.resolve(this.handle(from, bytes))
  }

  timeOut(): void {
    for (const resolve of this.stalledAcks.splice(0)) {
      resolve({ ok: false, error: { code: 'internal', message: 'no answer in time' } })
    }
  }

  leave(from: FakeTransport): void {
    this.open.delete(from)
  }

  private handle(from: FakeTransport, bytes: Uint8Array): YjsReply {
    if (!from.yjsReady) return { ok: false, error: { code: 'internal', message: 'offline' } }
    if (this.forbidden) return { ok: false, error: { code: 'forbidden', message: 'Not yours.' } }
    const decoded = decodeYjsMessage(bytes)
    if (!decoded.ok) return { ok: false, error: { code: 'invalid', message: decoded.reason } }
    const message = decoded.message
    from.received.push(message)
    switch (message.type) {
      case 'sync-step1':
        this.open.add(from)
        from.deliver({
          type: 'sync-step2',
          update: Y.encodeStateAsUpdate(this.doc, message.stateVector),
        })
        from.deliver({ type: 'sync-step1', stateVector: Y.encodeStateVector(this.doc) })
        return OK
      case 'sync-step2':
      case 'update': {
        if (!this.open.has(from)) {
          return { ok: false, error: { code: 'not_joined', message: 'Open it first.' } }
        }
        if (this.refuse && this.refuse.count > 0) {
          this.refuse.count--
          return { ok: false, error: { code: this.refuse.code, message: 'Slow down.' } }
        }
        Y.applyUpdate(this.doc, message.update)
        for (const other of this.open) {
          if (other !== from) other.deliver({ type: 'update', update: message.update })
        }
        return OK
      }
      case 'awareness':
        if (this.refuseAwareness > 0) {
          this.refuseAwareness--
          return { ok: false, error: { code: 'forbidden', message: 'That id is another’s.' } }
        }
        applyAwarenessUpdate(this.awareness, message.update, from)
        for (const other of this.open) if (other !== from) other.deliver(message)
        return OK
    }
  }
}

/** One client's socket: delivers what the server sends, and can drop and come back. */
class FakeTransport implements YjsTransport {
  yjsReady = true
  /** Every message the server accepted from this client, decoded. */
  readonly received: YjsMessage[] = []
  private readonly messageListeners = new Set<(message: Uint8Array) => void>()
  private readonly closedListeners = new Set<(error: ProtocolError) => void>()
  private readonly readyListeners = new Set<(ready: boolean) => void>()

  constructor(private readonly server: FakeServer) {}

  sendYjs(doc: string, message: Uint8Array): Promise<YjsReply> {
    expect(doc).toBe(DOC)
    return this.server.receive(this, message)
  }

  leaveYjs(): Promise<YjsReply> {
    this.server.leave(this)
    return Promise.resolve(OK)
  }

  onYjs(_doc: string, listener: (message: Uint8Array) => void): () => void {
    this.messageListeners.add(listener)
    return () => this.messageListeners.delete(listener)
  }

  onYjsClosed(_doc: string, listener: (error: ProtocolError) => void): () => void {
    this.closedListeners.add(listener)
    return () => this.closedListeners.delete(listener)
  }

  onYjsReady(listener: (ready: boolean) => void): () => void {
    this.readyListeners.add(listener)
    return () => this.readyListeners.delete(listener)
  }

  deliver(message: YjsMessage): void {
    const bytes = encodeYjsMessage(message)
    queueMicrotask(() => {
      if (!this.yjsReady) return
      for (const listener of this.messageListeners) listener(bytes)
    })
  }

  setReady(ready: boolean): void {
    this.yjsReady = ready
    if (!ready) this.server.leave(this)
    for (const listener of this.readyListeners) listener(ready)
  }

  close(error: ProtocolError): void {
    this.server.leave(this)
    for (const listener of this.closedListeners) listener(error)
  }

  sentOf(type: YjsMessage['type']): YjsMessage[] {
    return this.received.filter((message) => message.type === type)
  }
}

let server: FakeServer
const made: { destroy(): void }[] = []

function client(
  options: { loaded?: Promise<unknown>; transport?: FakeTransport; sendsPresence?: boolean } = {},
) {
  const transport = options.transport ?? new FakeTransport(server)
  const doc = new Y.Doc()
  const provider = new DocumentProvider({
    doc,
    name: DOC,
    transport,
    ...(options.loaded ? { loaded: options.loaded } : {}),
    ...(options.sendsPresence === undefined ? {} : { sendsPresence: options.sendsPresence }),
  })
  made.push(provider, doc)
  const type = (text: string) => {
    const shared = doc.getText('t')
    shared.insert(shared.length, text)
  }
  return { doc, provider, transport, type, text: () => doc.getText('t').toString() }
}

/** Lets deliveries, acks and due timers run. */
const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms)

beforeEach(() => {
  vi.useFakeTimers()
  server = new FakeServer()
})
afterEach(() => {
  for (const thing of made.splice(0)) thing.destroy()
  vi.useRealTimers()
})

describe('DocumentProvider', () => {
  it('syncs two clients through the server and reports saved once every change is acked', async () => {
    server.doc.getText('t').insert(0, 'Template. ')
    const a = client()
    const b = client()
    expect(a.provider.getStatus().state).not.toBe('saved')
    await settle()
    expect(a.text()).toBe('Template. ')
    expect(a.provider.getStatus()).toEqual({ state: 'saved' })

    a.type('Alice here. ')
    expect(a.provider.getStatus().state).toBe('syncing')
    await settle()
    expect(a.provider.getStatus()).toEqual({ state: 'saved' })
    b.type('Bob too.')
    await settle()
    expect(a.text()).toBe('Template. Alice here. Bob too.')
    expect(b.text()).toBe(a.text())
    expect(server.text()).toBe(a.text())
  })

  it('sends nothing before the local copy is loaded, then opens with it', async () => {
    let markLoaded = () => {}
    const loaded = new Promise<void>((resolve) => {
      markLoaded = resolve
    })
    const a = client({ loaded })
    a.type('typed offline last time')
    await settle()
    expect(a.transport.received).toEqual([])
    expect(a.provider.getStatus()).toEqual({ state: 'loading' })
    markLoaded()
    await settle()
    expect(server.text()).toBe('typed offline last time')
    expect(a.transport.sentOf('update')).toEqual([])
    expect(a.provider.getStatus()).toEqual({ state: 'saved' })
  })

  it('keeps edits made offline and merges both sides on reconnect, once each', async () => {
    const a = client()
    const b = client()
    await settle()
    a.type('one ')
    await settle()

    a.transport.setReady(false)
    expect(a.provider.getStatus()).toEqual({ state: 'offline' })
    a.type('two ')
    b.type('three ')
    await settle(5000)
    expect(a.provider.getStatus()).toEqual({ state: 'offline' })
    expect(server.text()).not.toContain('two')

    a.transport.setReady(true)
    await settle()
    expect(a.provider.getStatus()).toEqual({ state: 'saved' })
    for (const text of [a.text(), b.text(), server.text()]) {
      expect(text.match(/one /g)).toHaveLength(1)
      expect(text.match(/two /g)).toHaveLength(1)
      expect(text.match(/three /g)).toHaveLength(1)
    }
    expect(a.text()).toBe(b.text())
  })

  it('resyncs after an update refused as too fast: the edit reaches the server a second later', async () => {
    const a = client()
    const b = client()
    await settle()
    server.refuse = { code: 'rate_limited', count: 1 }
    a.type('kept')
    await settle()
    expect(server.text()).toBe('')
    expect(a.provider.getStatus()).toEqual({ state: 'syncing', problem: null })
    a.type(' and more') // held until the resync's step 2, which carries both
    await settle(1000)
    expect(server.text()).toBe('kept and more')
    expect(b.text()).toBe('kept and more')
    expect(a.provider.getStatus()).toEqual({ state: 'saved' })
  })

  it('resyncs when an ack never comes', async () => {
    const a = client()
    await settle()
    server.stalled = true
    a.type('lost ack')
    await settle()
    expect(a.provider.getStatus().state).toBe('syncing')
    server.stalled = false
    server.timeOut()
    await settle(1000)
    expect(server.text()).toBe('lost ack')
    expect(a.provider.getStatus()).toEqual({ state: 'saved' })
  })

  it('backs off when refusals go on, and says why when the change is invalid', async () => {
    const a = client()
    await settle()
    server.refuse = { code: 'invalid', count: 3 }
    a.type('x')
    await settle()
    // A first refusal may be a gap behind an earlier refused update: resync before worrying anyone.
    expect(a.provider.getStatus()).toEqual({ state: 'syncing', problem: null })
    const stepsBefore = a.transport.sentOf('sync-step1').length
    await settle(1000) // first retry, refused again
    expect(a.provider.getStatus()).toEqual({
      state: 'syncing',
      problem: 'The server refused a change: Slow down.',
    })
    await settle(1999) // the second waits 2 s
    expect(a.transport.sentOf('sync-step1').length).toBe(stepsBefore + 1)
    await settle(1)
    expect(a.transport.sentOf('sync-step1').length).toBe(stepsBefore + 2)
    await settle(4000)
    expect(server.text()).toBe('x')
    expect(a.provider.getStatus()).toEqual({ state: 'saved' })
  })

  it('stops at forbidden and says so', async () => {
    server.forbidden = true
    const a = client()
    await settle()
    expect(a.provider.getStatus()).toEqual({ state: 'forbidden', reason: 'Not yours.' })
    a.type('nope')
    await settle(10_000)
    expect(a.transport.received).toEqual([])
  })

  it('reopens after the server lets go of the document, showing its message meanwhile', async () => {
    const a = client()
    await settle()
    a.transport.close({ code: 'internal', message: 'The notebook could not be recorded.' })
    a.type('after the close')
    await settle()
    expect(a.provider.getStatus()).toEqual({
      state: 'syncing',
      problem: 'The notebook could not be recorded.',
    })
    await settle(1000)
    expect(server.text()).toBe('after the close')
    expect(a.provider.getStatus()).toEqual({ state: 'saved' })
  })

  it('relays presence, clears the others on disconnect, and announces itself again on reconnect', async () => {
    const a = client()
    const b = client()
    await settle()
    a.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#1f5f7a' })
    b.provider.awareness.setLocalStateField('user', { name: 'Bob', color: '#9b2c23' })
    await settle(300)
    const names = (provider: DocumentProvider) =>
      [...provider.awareness.getStates().values()]
        .map((state) => (state.user as { name?: string } | undefined)?.name)
        .sort()
    expect(names(a.provider)).toEqual(['Alice', 'Bob'])
    expect(names(b.provider)).toEqual(['Alice', 'Bob'])

    b.transport.setReady(false)
    expect(names(b.provider)).toEqual(['Bob'])
    const before = b.transport.sentOf('awareness').length
    b.transport.setReady(true)
    await settle(300)
    expect(b.transport.sentOf('awareness').length).toBe(before + 1)
    // a heard b's state again (and b hears a's at a's next renewal)
    expect(names(a.provider)).toEqual(['Alice', 'Bob'])
  })

  it('coalesces presence to at most one message per 200 ms', async () => {
    const a = client()
    await settle()
    const before = a.transport.sentOf('awareness').length
    for (let i = 0; i < 50; i++) {
      a.provider.awareness.setLocalStateField('cursor', { at: i })
      await settle(20) // a second of caret moves, 50 a second
    }
    await settle(200)
    const sent = a.transport.sentOf('awareness').length - before
    expect(sent).toBeGreaterThanOrEqual(4)
    expect(sent).toBeLessThanOrEqual(6)
    // The last state is the one the server holds.
    const held = server.awareness.getStates().get(a.doc.clientID)
    expect(held?.cursor).toEqual({ at: 49 })
  })

  it('keeps the document open when presence is refused, and sends presence again later', async () => {
    // A reconnect after a silent drop: the server still holds this client id for the old socket.
    server.refuseAwareness = 1
    const a = client()
    a.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#1f5f7a' })
    await settle(300)
    expect(server.awareness.getStates().has(a.doc.clientID)).toBe(false)
    a.type('still syncing')
    await settle()
    expect(a.provider.getStatus()).toEqual({ state: 'saved' })
    expect(server.text()).toBe('still syncing')
    await settle(3000)
    expect(server.awareness.getStates().get(a.doc.clientID)?.user).toEqual({
      name: 'Alice',
      color: '#1f5f7a',
    })
  })

  it('a read-only view shows the others but puts no caret of its own', async () => {
    const writer = client()
    writer.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#1f5f7a' })
    const view = client({ sendsPresence: false })
    view.provider.awareness.setLocalStateField('user', { name: 'White cell', color: '#000000' })
    await settle(300)
    expect(server.awareness.getStates().get(writer.doc.clientID)?.user).toMatchObject({
      name: 'Alice',
    })
    expect(server.awareness.getStates().has(view.doc.clientID)).toBe(false)
    expect(view.provider.awareness.getStates().get(writer.doc.clientID)?.user).toMatchObject({
      name: 'Alice',
    })
  })

  it('leaves the document on destroy', async () => {
    const a = client()
    await settle()
    expect(server.open.has(a.transport)).toBe(true)
    a.provider.destroy()
    expect(server.open.has(a.transport)).toBe(false)
  })
})
