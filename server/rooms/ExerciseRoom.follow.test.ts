/**
 * A room that follows another process's owner: it folds what the owner committed once each, in
 * order, filling gaps from the store; it forwards what it is sent; it takes over caught up; and an
 * owner that lost its lease to a newer one can no longer write.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../core/protocol'
import { FACILITATOR } from '../../core/protocol/viewer'
import type { ForwardedRequest } from '../cluster/Cluster'
import { UpdateWriter } from '../documents/UpdateWriter'
import { SqliteStore } from '../store/SqliteStore'
import { createTestExercise } from '../store/testExercise'
import type { RoomDeps } from './ExerciseRoom'
import { ExerciseRoom } from './ExerciseRoom'

let dir: string
let store: SqliteStore
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'holdover-follow-'))
  store = new SqliteStore(path.join(dir, 'db'))
  await createTestExercise(store)
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A room whose facilitator broadcasts land in `published`, and whose forwards go to `forward`. */
function open(published: HoldoverEvent[], more: Partial<RoomDeps> = {}) {
  return ExerciseRoom.load('ex', {
    store,
    writer: new UpdateWriter(store),
    publish: (_exerciseId, key, events) => {
      if (key === 'facilitator') published.push(...events)
    },
    wallClock: () => 1000,
    logger: pino({ level: 'silent' }),
    ...more,
  })
}

const chat = (text: string) => ({ type: 'chat.send', channel: 'blue', text }) as const

describe('a following room', () => {
  it('folds the owner’s events once each and in order, filling a gap from the store', async () => {
    const owned: HoldoverEvent[] = []
    const owner = await open(owned)
    const followed: HoldoverEvent[] = []
    const follower = await open(followed, { forward: async () => null })
    for (const text of ['one', 'two', 'three']) await owner.execute(chat(text), FACILITATOR)
    const [one, two, three] = owned as [HoldoverEvent, HoldoverEvent, HoldoverEvent]
    // The message with `two` was lost on the way; `three` arrives, then `one` again, late.
    await follower.receive([three])
    await follower.receive([one])
    await follower.receive([two, three])
    expect(followed).toEqual([one, two, three])
    expect(follower.seq).toBe(owner.seq)
    expect(follower.current.chat.map((m) => m.text)).toEqual(['one', 'two', 'three'])
  })

  it('forwards commands to the owner and does not tick or append itself', async () => {
    const requests: ForwardedRequest[] = []
    const owner = await open([])
    const follower = await open([], {
      forward: async (request) => {
        requests.push(request)
        return owner.handleForwarded(request)
      },
    })
    const reply = await follower.execute(chat('through the owner'), FACILITATOR)
    expect(reply.ok).toBe(true)
    expect(requests.map((r) => r.kind)).toEqual(['command'])
    // The follower read what its command made before answering.
    expect(follower.current.chat.map((m) => m.text)).toEqual(['through the owner'])
    const log = await store.readEvents('ex')
    expect(log.filter((e) => e.type === 'chat.message')).toHaveLength(1)
  })

  it('says nothing changed when no process can take the command', async () => {
    const follower = await open([], { forward: async () => null })
    const reply = await follower.execute(chat('nobody home'), FACILITATOR)
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(reply.ok || reply.error.message).toMatch(/nothing was changed/)
    expect((await store.readEvents('ex')).some((e) => e.type === 'chat.message')).toBe(false)
  })

  it('takes over caught up, and the old owner, fenced out, writes nothing more', async () => {
    let lost = 0
    const old = await open([], { forward: async () => null, ownershipLost: () => lost++ })
    await old.becomeOwner(1)
    expect((await old.execute(chat('from the first owner'), FACILITATOR)).ok).toBe(true)
    const successor = await open([], { forward: async () => null })
    expect((await old.execute(chat('still the first'), FACILITATOR)).ok).toBe(true)
    await successor.becomeOwner(2)
    expect(successor.current.chat.map((m) => m.text)).toEqual([
      'from the first owner',
      'still the first',
    ])
    expect((await successor.execute(chat('from the successor'), FACILITATOR)).ok).toBe(true)
    // The first owner wakes from a pause, still believing it owns the exercise.
    const stale = await old.execute(chat('after the pause'), FACILITATOR)
    expect(stale).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(old.isOwner).toBe(false)
    expect(lost).toBe(1)
    const texts = (await store.readEvents('ex')).flatMap((e) =>
      e.type === 'chat.message' ? [e.text] : [],
    )
    expect(texts).toEqual(['from the first owner', 'still the first', 'from the successor'])
  })
})
