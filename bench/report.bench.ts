/**
 * The after-action report's cost on a played exercise: computing it (every figure, the twin's
 * time out of tolerance per node included) and writing each export. Baseline in the same run:
 * folding the same log to its end, which every report request pays anyway (the state it reads).
 *
 * The log: a shipped scenario played headless by seeded random players at a compressed speed
 * for `hours` of scenario time, then ended and its hot wash answered (core/engine/randomPlay.ts).
 *
 *   npx tsx bench/report.bench.ts [scenario=gnss-bad-utc-correction] [hours=8] [runs=5]
 */
import { readFileSync } from 'node:fs'
import { scenarioTimeAt } from '../core/clock/ExerciseClock'
import { LocalExercise } from '../core/engine/LocalExercise'
import { playEnding, playRandomly } from '../core/engine/randomPlay'
import { foldEvents } from '../core/engine/reducer'
import { buildReport } from '../core/report/buildReport'
import { eventLogCsv } from '../core/report/eventLogCsv'
import { reportHtml } from '../core/report/reportHtml'
import { reportMarkdown } from '../core/report/reportMarkdown'
import { parseScenario } from '../core/scenario/parseScenario'

const [scenarioId = 'gnss-bad-utc-correction', hoursArg = '8', runsArg = '5'] =
  process.argv.slice(2)
const hours = Number(hoursArg)
const runs = Number(runsArg)

const file = `scenarios/${scenarioId}.yaml`
const parsed = parseScenario(readFileSync(file, 'utf8'), file)
if (!parsed.ok) throw new Error(`${file} does not parse`)
const exercise = new LocalExercise(parsed.scenario, 1_800_000_000_000)
const started = performance.now()
const wall = playRandomly(exercise, {
  seed: 1,
  untilSeq: Number.POSITIVE_INFINITY,
  untilT: hours * 3600,
  speed: 600,
  stepMs: 1000,
})
playEnding(exercise, wall + 1000)
const events = exercise.log
const state = exercise.state
const endT = scenarioTimeAt(state.clock, wall + 1000)
console.log(
  `log: ${scenarioId}, ${events.length} events, ${(endT / 3600).toFixed(1)} h of scenario time, ` +
    `${state.attacks.length} attacks, ${state.statusLog.length} status changes ` +
    `(played in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
)

function timedRuns(work: () => unknown): number[] {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    work()
    times.push(performance.now() - start)
  }
  return times
}

function line(label: string, times: readonly number[]): string {
  const sorted = [...times].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  return `${label.padEnd(34)} median ${median.toFixed(2).padStart(9)} ms   max ${sorted.at(-1)!.toFixed(2).padStart(9)} ms   (n=${times.length})`
}

const input = {
  events,
  state,
  documentEdits: [],
  improvementPlan: [],
  generatedAt: wall + 2000,
  endT,
}
const report = buildReport(input)
const folds = timedRuns(() => foldEvents(events))
console.log(line('baseline: fold the log', folds))
const builds = timedRuns(() => buildReport(input))
console.log(line('report: compute (JSON)', builds))
console.log(
  line(
    'report: Markdown',
    timedRuns(() => reportMarkdown(report)),
  ),
)
console.log(
  line(
    'report: HTML with charts',
    timedRuns(() => reportHtml(report)),
  ),
)
console.log(
  line(
    'report: event log CSV',
    timedRuns(() => eventLogCsv(events)),
  ),
)
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!
console.log(`compute / fold: ${(median(builds) / median(folds)).toFixed(1)}×`)
