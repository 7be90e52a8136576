/**
 * Replay speed on a 100,000-event log: opening it (folding to the end, with its keyframes) and
 * seeking to random moments, for the facilitator and for a team. Baseline in the same run: the
 * reducer applied event by event from the start, copying the state's lists on every event (the
 * fold before it was made linear, with no keyframes). Being quadratic, it runs on the log's first
 * `baselineEvents` events only, with the linear fold and keyframes on that same prefix beside it.
 *
 * The log: the drill scenario played headless by random players (core/engine/randomPlay.ts)
 * for a stretch, then that stretch repeated, renumbered and shifted in time, until it holds the
 * events asked for (playing every event costs the twin's evaluation on every tick, which is not
 * what is measured here).
 *
 *   npx tsx bench/replay.bench.ts [events=100000] [seeks=100] [baselineEvents=10000] [baselineSeeks=5]
 */
import { readFileSync } from 'node:fs'
import { ExerciseLog } from '../core/engine/ExerciseLog'
import { LocalExercise } from '../core/engine/LocalExercise'
import { playRandomly } from '../core/engine/randomPlay'
import { applyEvent } from '../core/engine/reducer'
import type { HoldoverEvent } from '../core/protocol/events'
import { EMPTY_STATE, type ExerciseState } from '../core/protocol/state'
import { parseScenario } from '../core/scenario/parseScenario'
import { unitFrom } from '../core/twin/noise'
import { viewState } from '../core/visibility/viewState'

const [eventCount = 100_000, seekCount = 100, baselineEvents = 10_000, baselineSeeks = 5] =
  process.argv.slice(2).map(Number)

function playedLog(events: number): HoldoverEvent[] {
  const parsed = parseScenario(readFileSync('scenarios/drill-ntp-shift.yaml', 'utf8'), 'drill')
  if (!parsed.ok) throw new Error('the drill does not parse')
  const exercise = new LocalExercise(parsed.scenario, 1_800_000_000_000)
  playRandomly(exercise, { seed: 1, untilSeq: 600 })
  const played = exercise.log
  const stretch = played.slice(1)
  const spanMs = played.at(-1)!.at - played[0]!.at + 250
  const spanT = played.at(-1)!.t + 1
  const log = [...played]
  for (let round = 1; log.length < events; round++) {
    for (const event of stretch) {
      if (log.length >= events) break
      log.push({
        ...event,
        seq: log.length + 1,
        at: event.at + round * spanMs,
        t: event.t + round * spanT,
      })
    }
  }
  return log
}

function slowFold(events: readonly HoldoverEvent[], upTo: number): ExerciseState {
  let state = EMPTY_STATE
  for (let i = 0; i < upTo; i++) state = applyEvent(state, events[i]!)
  return state
}

function timed<T>(work: () => T): [T, number] {
  const start = performance.now()
  const result = work()
  return [result, performance.now() - start]
}

function summary(label: string, ms: readonly number[]): string {
  const sorted = [...ms].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  return `${label.padEnd(44)} median ${median.toFixed(2).padStart(9)} ms   max ${sorted.at(-1)!.toFixed(2).padStart(9)} ms   (n=${ms.length})`
}

const [events, buildMs] = timed(() => playedLog(eventCount))
const team = { role: 'team', teamId: 'soc' } as const
const moments = Array.from({ length: seekCount }, (_, i) =>
  Math.floor(unitFrom(42, i, 7) * events.length),
)
console.log(
  `log: ${events.length} events, scenario time ${(events.at(-1)!.t / 3600).toFixed(1)} h (built in ${(buildMs / 1000).toFixed(1)} s)`,
)

const prefix = events.slice(0, baselineEvents)
const prefixMoments = moments.map((seq) => Math.floor((seq * prefix.length) / events.length))
const [, slowOpenMs] = timed(() => slowFold(prefix, prefix.length))
console.log(summary(`before, ${prefix.length} events: open`, [slowOpenMs]))
const slowSeeks = prefixMoments
  .slice(0, baselineSeeks)
  .map((seq) => timed(() => slowFold(prefix, seq))[1])
console.log(summary(`before, ${prefix.length} events: seek`, slowSeeks))
const [small, smallOpenMs] = timed(() => ExerciseLog.fromEvents(prefix))
console.log(summary(`after, ${prefix.length} events: open`, [smallOpenMs]))
const smallSeeks = prefixMoments.map((seq) => timed(() => small.stateAt(seq))[1])
console.log(summary(`after, ${prefix.length} events: seek`, smallSeeks))

const [log, openMs] = timed(() => ExerciseLog.fromEvents(events))
console.log(summary(`after, ${events.length} events: open (all teams)`, [openMs]))
console.log(
  summary(
    `after, ${events.length} events: seek`,
    moments.map((seq) => timed(() => log.stateAt(seq))[1]),
  ),
)
// As the replay route opens it: the white cell's truth, following no team's feed.
const [replay, replayOpenMs] = timed(() => ExerciseLog.fromEvents(events, { teams: 'firstUse' }))
console.log(summary(`after, ${events.length} events: open (white cell)`, [replayOpenMs]))
// What the replay route serves for "seen by": the team's share of the truth at the moment.
console.log(
  summary(
    `after, ${events.length} events: seek as the SOC`,
    moments.map((seq) => timed(() => viewState(replay.stateAt(seq), team))[1]),
  ),
)
const heapMb = process.memoryUsage().heapUsed / 2 ** 20
console.log(`heap after opening: ${heapMb.toFixed(0)} MB`)
