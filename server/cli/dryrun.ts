/**
 * `npm run dryrun -- FILE [--until 72h] [--json]`: the scenario with no players, as fast as the
 * machine allows: what happens if nobody responds. Prints the timeline (with --json, one event
 * per line in the wire format).
 */
import { readFileSync } from 'node:fs'
import { LocalExercise } from '../../core/engine/LocalExercise'
import type { HoldoverEvent } from '../../core/protocol/events'
import { parseScenario } from '../../core/scenario/parseScenario'
import { formatNs } from '../../core/twin/alertMessage'
import { formatScenarioTime, parseScenarioTime } from '../../core/vocabulary/scenarioTime'
import { consistencyWarnings } from './consistency'

const USAGE = 'usage: npm run dryrun -- FILE [--until 72h|90m|3d|T+72:00] [--json]'

/** Reads `72h`, `90m`, `3d`, `45s`, `T+72:00` or a number of seconds. */
export function parseDuration(text: string): number | null {
  const scenarioTime = parseScenarioTime(text)
  if (scenarioTime !== null) return scenarioTime
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/.exec(text.trim())
  if (!match) return null
  const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd']
  return Number(match[1]) * unit
}

/** One line of the human timeline for an event, or null for events it leaves out. */
export function describeEvent(event: HoldoverEvent): string | null {
  const at = formatScenarioTime(event.t)
  switch (event.type) {
    case 'inject.delivered':
      return `${at}  inject    ${(event.injectId ?? 'ad-hoc').padEnd(24)} → ${event.teamId.padEnd(12)} [${event.channel}] ${event.title}`
    case 'decision.opened':
      return `${at}  decision  ${event.decisionId.padEnd(24)} → ${event.teamId.padEnd(12)} opens: ${event.question} (until ${formatScenarioTime(event.deadlineT)})`
    case 'decision.closed':
      return `${at}  decision  ${event.decisionId.padEnd(24)} → ${event.teamId.padEnd(12)} closes: ${event.optionId ?? 'no decision'} (${event.reason})`
    case 'twin.statusChanged':
      return `${at}  twin      ${event.nodeId.padEnd(24)} ${event.previous} → ${event.status} (time error ${formatNs(event.timeErrorNs)}${event.wanderNs === undefined ? '' : `, wander ${formatNs(event.wanderNs)}`}, ${event.mode})${event.consequence ? `: ${event.consequence}` : ''}`
    case 'twin.alert':
      return `${at}  alert     ${event.nodeId.padEnd(24)} → ${event.teamId.padEnd(12)} ${event.raised ? 'raised' : 'cleared'}: ${event.message}`
    case 'twin.effectApplied':
      return `${at}  effect    ${event.effect.target.padEnd(24)} ${event.effect.kind} (${event.source} ${event.sourceId})`
    case 'exercise.ended':
      return `${at}  end`
    default:
      return null
  }
}

function main(args: string[]): number {
  const file = args.find(
    (arg) => !arg.startsWith('--') && args[args.indexOf(arg) - 1] !== '--until',
  )
  if (!file) {
    console.error(USAGE)
    return 2
  }
  const parsed = parseScenario(readFileSync(file, 'utf8'), file)
  if (!parsed.ok) {
    for (const p of parsed.problems)
      console.error(`${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`)
    return 1
  }
  const scenario = parsed.scenario
  const untilText = args.includes('--until') ? args[args.indexOf('--until') + 1] : undefined
  const until = untilText === undefined ? scenario.duration : parseDuration(untilText)
  if (until === null) {
    console.error(`--until: '${untilText}' is not a duration such as 72h, 90m, 3d or T+72:00`)
    return 2
  }
  const json = args.includes('--json')
  const started = performance.now()
  // No wall clock: one jump to the end fires everything on the way, each at its own time.
  const exercise = new LocalExercise(scenario, 0, { exerciseId: 'dryrun' })
  const jumped = exercise.execute({ type: 'clock.jump', t: until }, 0)
  if (!jumped.ok) throw new Error(jumped.error.message)
  exercise.execute({ type: 'exercise.end' }, 0)
  const elapsedMs = performance.now() - started
  if (json) {
    for (const event of exercise.log) console.log(JSON.stringify(event))
    return 0
  }
  console.log(`${scenario.title}\nno players, until ${formatScenarioTime(until)}\n`)
  for (const event of exercise.log) {
    const line = describeEvent(event)
    if (line) console.log(line)
  }
  const state = exercise.state
  const unfired = scenario.injects
    .filter((inject) => !(inject.id in state.fired))
    .map((inject) => inject.id)
  console.log(
    `\n${Object.keys(state.fired).length} of ${scenario.injects.length} injects fired; ${Object.keys(state.decisions).length} of ${scenario.decisions.length} decisions opened; computed in ${elapsedMs.toFixed(1)} ms`,
  )
  if (unfired.length > 0)
    console.log(`not fired by ${formatScenarioTime(until)}: ${unfired.join(', ')}`)
  for (const w of consistencyWarnings(scenario, exercise.log))
    console.log(
      `warning: ${formatScenarioTime(w.t)} inject ${w.injectId} says "${w.title}", but the twin shows ${w.nodes.join(', ')} ok then (use a twin trigger: when: { node, status })`,
    )
  return 0
}

if (process.argv[1]?.endsWith('dryrun.ts')) process.exitCode = main(process.argv.slice(2))
