/**
 * Append throughput: acknowledged commands per second, as an exercise's owner appends them (one
 * transaction per command, awaited before the next, fenced), on the embedded SQLite store
 * (synchronous = FULL, the baseline) and on PostgreSQL, for one exercise and for several at once
 * (each exercise's appends are serial; exercises run side by side).
 *
 *   npx tsx bench/clusterAppend.bench.ts [--commands 2000] [--exercises 1,8]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { HoldoverEvent } from '../core/protocol/events'
import { openStore } from '../server/store/openStore'
import type { Store } from '../server/store/Store'
import { createTestSchema } from '../server/store/testDatabase'
import { createTestExercise } from '../server/store/testExercise'

const { values } = parseArgs({
  options: {
    commands: { type: 'string', default: '2000' },
    exercises: { type: 'string', default: '1,8' },
  },
})
const commands = Number(values.commands)

function chat(seq: number): HoldoverEvent {
  return {
    type: 'chat.message',
    seq,
    at: 1_764_000_000_000 + seq,
    t: seq,
    channel: 'soc',
    from: { participantId: 'p1', name: 'Ana' },
    text: `status update ${seq}: ntp2 still 420 s ahead of GNSS, holding over on the rubidium`,
  } as unknown as HoldoverEvent
}

/** Commands per second over `exercises` exercises, `commands` in all, each append awaited. */
async function throughput(store: Store, exercises: number, tag: string): Promise<number> {
  const ids = Array.from({ length: exercises }, (_, i) => `${tag}-${i}`)
  for (const id of ids) await createTestExercise(store, id)
  const perExercise = Math.ceil(commands / exercises)
  const started = performance.now()
  await Promise.all(
    ids.map(async (id) => {
      for (let seq = 2; seq < perExercise + 2; seq++) await store.append(id, [chat(seq)], 1)
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return (perExercise * exercises) / seconds
}

const dir = mkdtempSync(path.join(tmpdir(), 'holdover-append-bench-'))
const schema = await createTestSchema()
try {
  const sqlite = await openStore({ dataDir: dir, databaseUrl: undefined })
  const postgres = await openStore({ dataDir: dir, databaseUrl: schema.url })
  console.log(
    `append throughput: ${commands} commands, one transaction each, acknowledged after commit`,
  )
  for (const exercises of String(values.exercises).split(',').map(Number)) {
    const base = await throughput(sqlite, exercises, `sqlite-${exercises}`)
    const ours = await throughput(postgres, exercises, `pg-${exercises}`)
    console.log(
      `  ${String(exercises).padStart(2)} exercise${exercises > 1 ? 's' : ' '} at once: baseline SQLite ${base.toFixed(0)} commands/s, PostgreSQL ${ours.toFixed(0)} commands/s (${(ours / base).toFixed(2)}×)`,
    )
  }
  await sqlite.close()
  await postgres.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
  await schema.drop()
}
