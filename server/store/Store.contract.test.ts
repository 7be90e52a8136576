/** One contract for every store: SQLite (the embedded default) and PostgreSQL behave alike. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent } from '../../core/protocol/events'
import { openStore } from './openStore'
import type { Store } from './Store'
import { EVALUATOR_SEAT, StaleOwnerError } from './Store'
import { createTestSchema, postgresReachable, type TestSchema } from './testDatabase'
import { createTestExercise } from './testExercise'

/** A store kind: how to open it (again, on the same data) and how to clean up after. */
interface StoreKind {
  readonly name: string
  setUp(): Promise<void>
  open(): Promise<Store>
  tearDown(): Promise<void>
}

function sqliteKind(): StoreKind {
  let dir = ''
  return {
    name: 'SQLite',
    async setUp() {
      dir = mkdtempSync(path.join(tmpdir(), 'holdover-store-'))
    },
    open: () => openStore({ dataDir: dir, databaseUrl: undefined }),
    async tearDown() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function postgresKind(): StoreKind {
  let schema: TestSchema | undefined
  return {
    name: 'PostgreSQL',
    async setUp() {
      schema = await createTestSchema()
    },
    open: () => openStore({ dataDir: '/nonexistent', databaseUrl: schema!.url }),
    async tearDown() {
      await schema?.drop()
    },
  }
}

const hasPostgres = await postgresReachable()

function chat(seq: number, text = `message ${seq}`): HoldoverEvent {
  return {
    type: 'chat.sent',
    seq,
    at: 1000 + seq,
    t: seq,
    channel: 'white',
    from: 'facilitator',
    text,
  } as unknown as HoldoverEvent
}

const update = (id: number, at: number, byte: number) => ({
  exerciseId: 'ex',
  doc: 'notebook:blue',
  id,
  at,
  t: id,
  author: 'p1',
  update: new Uint8Array([byte, id]),
})

describe.each([sqliteKind(), ...(hasPostgres ? [postgresKind()] : [])])(
  'the $name store',
  (kind) => {
    let store: Store

    beforeEach(async () => {
      await kind.setUp()
      store = await kind.open()
    })
    afterEach(async () => {
      await store.close()
      await kind.tearDown()
    })

    it('keeps an exercise with its join codes in order, finds its codes, archives and deletes it', async () => {
      await store.createExercise(
        {
          id: 'ex',
          title: 'Night shift',
          scenarioId: 's',
          createdAt: 1_764_000_000_000,
          joinCodes: { red: 'RED-1', blue: 'BLUE-1', observers: 'OBS-1' },
          evaluatorCode: 'EVAL-1',
        },
        [chat(1)],
      )
      const record = await store.getExercise('ex')
      expect(record).toEqual({
        id: 'ex',
        title: 'Night shift',
        scenarioId: 's',
        createdAt: 1_764_000_000_000,
        joinCodes: { red: 'RED-1', blue: 'BLUE-1', observers: 'OBS-1' },
        evaluatorCode: 'EVAL-1',
        archivedAt: null,
      })
      expect(Object.keys(record!.joinCodes)).toEqual(['red', 'blue', 'observers'])
      expect(await store.findJoinCode('BLUE-1')).toEqual({ exerciseId: 'ex', teamId: 'blue' })
      expect(await store.findJoinCode('EVAL-1')).toEqual({
        exerciseId: 'ex',
        teamId: EVALUATOR_SEAT,
      })
      expect(await store.findJoinCode('nope')).toBeNull()
      // A new code for one team: the old one opens nothing, the team keeps its place.
      await store.replaceJoinCode('ex', 'blue', 'BLUE-2')
      expect(await store.findJoinCode('BLUE-1')).toBeNull()
      expect(await store.findJoinCode('BLUE-2')).toEqual({ exerciseId: 'ex', teamId: 'blue' })
      expect((await store.getExercise('ex'))!.joinCodes).toEqual({
        red: 'RED-1',
        blue: 'BLUE-2',
        observers: 'OBS-1',
      })
      expect(Object.keys((await store.getExercise('ex'))!.joinCodes)).toEqual([
        'red',
        'blue',
        'observers',
      ])
      expect(await store.setArchived('ex', 1_764_000_100_000)).toBe(true)
      expect((await store.listExercises()).map((e) => [e.id, e.archivedAt])).toEqual([
        ['ex', 1_764_000_100_000],
      ])
      expect(await store.setArchived('missing', 5)).toBe(false)
      expect(await store.deleteExercise('ex')).toBe(true)
      expect(await store.getExercise('ex')).toBeNull()
      expect(await store.findJoinCode('BLUE-1')).toBeNull()
      expect(await store.readEvents('ex')).toEqual([])
      expect(await store.deleteExercise('ex')).toBe(false)
    })

    it('lists exercises newest first', async () => {
      for (const [id, createdAt] of [
        ['a', 1],
        ['b', 3],
        ['c', 2],
      ] as const) {
        await store.createExercise({ id, title: id, scenarioId: 's', createdAt, joinCodes: {} }, [])
      }
      expect((await store.listExercises()).map((e) => e.id)).toEqual(['b', 'c', 'a'])
    })

    it('appends events in order and reads ranges of them back as they were', async () => {
      await createTestExercise(store)
      await store.append('ex', [chat(2), chat(3, 'ünïcode ✓ "quoted"')])
      await store.append('ex', [chat(4)])
      const all = await store.readEvents('ex')
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4])
      expect(all[2]).toEqual(chat(3, 'ünïcode ✓ "quoted"'))
      expect((await store.readEvents('ex', 3)).map((e) => e.seq)).toEqual([3, 4])
      expect((await store.readEvents('ex', 2, 1)).map((e) => e.seq)).toEqual([2])
    })

    it('refuses a batch with a seq already taken, and keeps nothing of it', async () => {
      await createTestExercise(store)
      await store.append('ex', [chat(2)])
      await expect(store.append('ex', [chat(3), chat(2, 'again')])).rejects.toThrow()
      expect((await store.readEvents('ex')).map((e) => e.seq)).toEqual([1, 2])
      expect((await store.readEvents('ex'))[1]).toEqual(chat(2))
    })

    it('refuses an append with a fence older than one already used, and keeps nothing of it', async () => {
      await createTestExercise(store)
      await store.append('ex', [chat(2)], 5)
      await store.append('ex', [chat(3)], 5)
      const stale = store.append('ex', [chat(4, 'from a paused old owner')], 4)
      await expect(stale).rejects.toBeInstanceOf(StaleOwnerError)
      await store.append('ex', [chat(4, 'from the new owner')], 6)
      await expect(store.append('ex', [chat(5)], 5)).rejects.toBeInstanceOf(StaleOwnerError)
      const log = await store.readEvents('ex')
      expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4])
      expect(log[3]).toEqual(chat(4, 'from the new owner'))
    })

    it('keeps document updates and checkpoints, and reads them by id and by time', async () => {
      await createTestExercise(store)
      await store.appendDocumentUpdates([update(1, 100, 7), update(2, 200, 8)])
      await store.appendDocumentUpdates([update(3, 300, 9)])
      const all = await store.readDocumentUpdates('ex', 'notebook:blue')
      expect(all).toEqual([update(1, 100, 7), update(2, 200, 8), update(3, 300, 9)])
      expect(
        (await store.readDocumentUpdates('ex', 'notebook:blue', { afterId: 1 })).map((u) => u.id),
      ).toEqual([2, 3])
      expect(
        (await store.readDocumentUpdates('ex', 'notebook:blue', { untilAt: 200 })).map((u) => u.id),
      ).toEqual([1, 2])
      // Two processes that both think update 3 is next: the second is numbered 4, nothing is lost.
      await store.appendDocumentUpdates([update(3, 400, 1), { ...update(3, 400, 2), doc: 'other' }])
      expect(
        (await store.readDocumentUpdates('ex', 'notebook:blue', { afterId: 2 })).map((u) => [
          u.id,
          u.update[0],
        ]),
      ).toEqual([
        [3, 9],
        [4, 1],
      ])
      expect((await store.readDocumentUpdates('ex', 'other')).map((u) => u.id)).toEqual([1])
      expect(await store.latestCheckpoint('ex', 'notebook:blue')).toBeNull()
      const early = { uptoId: 1, at: 100, state: new Uint8Array([1, 2, 3]) }
      const late = { uptoId: 3, at: 300, state: new Uint8Array([4, 5]) }
      await store.saveCheckpoint('ex', 'notebook:blue', early)
      await store.saveCheckpoint('ex', 'notebook:blue', late)
      expect(await store.latestCheckpoint('ex', 'notebook:blue')).toEqual(late)
      expect(await store.latestCheckpoint('ex', 'notebook:blue', 250)).toEqual(early)
      expect(await store.listDocuments('ex')).toEqual(['notebook:blue', 'other'])
    })

    it('lists the exercises marked live, new ones included until their room says otherwise', async () => {
      await createTestExercise(store, 'running')
      await createTestExercise(store, 'paused')
      expect(await store.liveExercises()).toEqual(['paused', 'running'])
      await store.markLive('paused', false)
      expect(await store.liveExercises()).toEqual(['running'])
      await store.markLive('paused', true)
      await store.markLive('running', false)
      expect(await store.liveExercises()).toEqual(['paused'])
    })

    it('keeps replay links by the hash of their token, lists, revokes and deletes them with the exercise', async () => {
      await createTestExercise(store)
      await createTestExercise(store, 'other')
      const link = (id: string, exerciseId = 'ex', createdAt = 10) => ({
        id,
        exerciseId,
        tokenHash: `hash-${id}`,
        createdAt,
      })
      await store.createReplayLink(link('b', 'ex', 20))
      await store.createReplayLink(link('a', 'ex', 10))
      await store.createReplayLink(link('c', 'other'))
      expect((await store.listReplayLinks('ex')).map((l) => l.id)).toEqual(['a', 'b'])
      expect(await store.findReplayLink('hash-b')).toEqual(link('b', 'ex', 20))
      expect(await store.findReplayLink('b')).toBeNull()
      // Another exercise's link is not this one's to revoke.
      expect(await store.deleteReplayLink('ex', 'hash-c')).toBe(false)
      expect(await store.deleteReplayLink('ex', 'hash-b')).toBe(true)
      expect(await store.findReplayLink('hash-b')).toBeNull()
      expect(await store.deleteReplayLink('ex', 'a')).toBe(true)
      expect(await store.listReplayLinks('ex')).toEqual([])
      await store.createReplayLink(link('d'))
      expect(await store.deleteExercise('ex')).toBe(true)
      expect(await store.findReplayLink('hash-d')).toBeNull()
      expect(await store.findReplayLink('hash-c')).toEqual(link('c', 'other'))
    })

    it('keeps the first secret proposed, for every later caller', async () => {
      expect(await store.sharedSecret('signing-key', 'first')).toBe('first')
      expect(await store.sharedSecret('signing-key', 'second')).toBe('first')
      await store.close()
      store = await kind.open()
      expect(await store.sharedSecret('signing-key', 'third')).toBe('first')
    })

    it('keeps everything across a reopen', async () => {
      await createTestExercise(store)
      await store.append('ex', [chat(2)], 1)
      await store.close()
      store = await kind.open()
      expect((await store.readEvents('ex')).map((e) => e.seq)).toEqual([1, 2])
      await expect(store.append('ex', [chat(3)], 0)).rejects.toBeInstanceOf(StaleOwnerError)
    })
  },
)
