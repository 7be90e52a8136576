import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HoldoverEvent, Snapshot } from '../../core/protocol'
import type { Viewer } from '../../core/protocol/viewer'
import { FACILITATOR } from '../../core/protocol/viewer'
import { UpdateWriter } from '../documents/UpdateWriter'
import { ReplayLogs } from '../replay/replayLogs'
import { replayStateAt } from '../replay/replayState'
import { SqliteStore } from '../store/SqliteStore'
import { createTestExercise } from '../store/testExercise'
import type { EventSession } from './ExerciseRoom'
import { ExerciseRoom } from './ExerciseRoom'

/** A session that records what reaches it, as a socket would: its snapshot, its events. */
class RecordingSession implements EventSession {
  snapshot: Snapshot | null = null
  readonly events: HoldoverEvent[] = []
  room = ''
  constructor(readonly viewer: Viewer) {}
  joinAudience(room: string) {
    this.room = room
  }
  sendSnapshot(snapshot: Snapshot) {
    this.snapshot = snapshot
  }
  sendEvents(events: HoldoverEvent[]) {
    this.events.push(...events)
  }
  /** Every seq this session holds: in its snapshot's fold, or received after. */
  seqs(): number[] {
    return this.events.map((event) => event.seq)
  }
}

let dir: string
let store: SqliteStore
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'holdover-room-'))
  store = new SqliteStore(path.join(dir, 'db'))
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

async function openRoom(sessions: RecordingSession[]): Promise<ExerciseRoom> {
  await createTestExercise(store)
  return ExerciseRoom.load('ex', {
    store,
    writer: new UpdateWriter(store),
    // The broadcast: every session in the audience's room gets the events, as Socket.IO does.
    publish: (exerciseId, key, events) => {
      for (const session of sessions) {
        if (session.room === `${exerciseId}|${key}`) session.sendEvents(events)
      }
    },
    wallClock: () => 1000,
    logger: pino({ level: 'silent' }),
  })
}

describe('ExerciseRoom.subscribe', () => {
  it('gives every event exactly once to sessions that join while commands commit', async () => {
    const sessions: RecordingSession[] = []
    const room = await openRoom(sessions)
    const commits: Promise<unknown>[] = []
    for (let i = 0; i < 60; i++) {
      commits.push(
        room.execute({ type: 'chat.send', channel: 'blue', text: `line ${i}` }, FACILITATOR),
      )
      // Sessions join at every stage: before a commit's append resolves, between, after.
      if (i % 7 === 0) {
        const session = new RecordingSession(FACILITATOR)
        sessions.push(session)
        room.subscribe(session, undefined)
      }
      if (i % 11 === 0) await Promise.resolve()
    }
    await Promise.all(commits)
    expect(room.seq).toBe(61)
    for (const session of sessions) {
      const from = session.snapshot!.seq
      const expected = Array.from({ length: room.seq - from }, (_, k) => from + 1 + k)
      expect(session.seqs()).toEqual(expected)
    }
  })

  it('sends the events after a held seq instead of a snapshot, and only what the viewer may see', async () => {
    const sessions: RecordingSession[] = []
    const room = await openRoom(sessions)
    await room.execute({ type: 'chat.send', channel: 'blue', text: 'blue only' }, FACILITATOR)
    await room.execute({ type: 'chat.send', channel: 'red', text: 'red only' }, FACILITATOR)
    const red = new RecordingSession({
      role: 'participant',
      participantId: 'p',
      teamId: 'red',
      side: 'red',
    })
    sessions.push(red)
    room.subscribe(red, 1)
    expect(red.snapshot).toBeNull()
    expect(red.events.map((event) => event.type === 'chat.message' && event.text)).toEqual([
      'red only',
    ])
  })
})

/**
 * `value` without its `seq` fields: a team's live feed numbers its own events, where the replay
 * may number a team's records by the log; what the team was shown is the rest.
 */
function withoutNumbering(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNumbering)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'seq')
      .map(([key, field]) => [key, withoutNumbering(field)]),
  )
}

describe('ExerciseRoom and the replay of its log', () => {
  it('show each team the same view at every moment, live and replayed from the store', async () => {
    const sessions: RecordingSession[] = []
    const room = await openRoom(sessions)
    const teams = ['red', 'blue'] as const
    const watching = teams.map((teamId) => {
      const session = new RecordingSession({
        role: 'participant',
        participantId: `watch-${teamId}`,
        teamId,
        side: teamId,
      })
      sessions.push(session)
      room.subscribe(session, undefined)
      return session
    })
    const ana: Viewer = { role: 'participant', participantId: 'ana', teamId: 'blue', side: 'blue' }
    const live: { seq: number; teamId: string; state: unknown }[] = []
    const steps: (() => Promise<unknown>)[] = [
      () => room.join('ana', 'blue', 'Ana', 5),
      () => room.execute({ type: 'chat.send', channel: 'blue', text: 'offset on ntp1' }, ana),
      () => room.execute({ type: 'chat.send', channel: 'red', text: 'go' }, FACILITATOR),
      () =>
        room.execute(
          {
            type: 'inject.send',
            to: 'blue',
            title: 'Check ntp1',
            body: '',
            channel: 'email',
            from: 'SOC lead',
          },
          FACILITATOR,
        ),
      () =>
        room.execute(
          { type: 'participant.move', participantId: 'ana', teamId: 'red' },
          FACILITATOR,
        ),
      () =>
        room.execute({ type: 'chat.send', channel: 'red', text: 'hello from Ana' }, FACILITATOR),
    ]
    for (const step of steps) {
      const reply = await step()
      expect(reply === null || (reply as { ok: boolean }).ok).toBeTruthy()
      for (const teamId of teams)
        live.push({ seq: room.seq, teamId, state: room.stateFor({ role: 'team', teamId }) })
    }

    const replay = await new ReplayLogs(store).logOf('ex')
    expect(replay.headSeq).toBe(room.seq)
    for (const moment of live) {
      const audience = { role: 'team', teamId: moment.teamId } as const
      const replayed = replayStateAt(replay, moment.seq, audience).state
      expect(withoutNumbering(replayed), `${moment.teamId} at ${moment.seq}`).toEqual(
        withoutNumbering(moment.state),
      )
    }
    // What each team's socket was sent, in its own numbering, is what the replay says it saw.
    teams.forEach((teamId, i) => {
      const session = watching[i]!
      const audience = { role: 'team', teamId } as const
      expect(session.events).toEqual(replay.eventsAfter(session.snapshot!.seq, audience))
      expect(session.events.length).toBeGreaterThan(0)
    })
    expect(watching[1]!.events.map((event) => event.type)).toContain('inject.delivered')
    expect(watching[0]!.events.map((event) => event.type)).not.toContain('inject.delivered')
  })
})
