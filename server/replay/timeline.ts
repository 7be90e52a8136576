/**
 * The replay's timeline: every event of the log (and every run of notebook edits) summarised in
 * one line a person reads, with its kind, teams and phase, so the page can list, filter and mark
 * them without folding anything itself. Names come from the state at the log's head, already
 * folded by the replay's log (replayLogs.ts): a team, node, attack, action or decision keeps the
 * name it was given, and a participant the one they joined with, so the head names every event.
 */
import { parseDocumentName } from '../../core/documents/documentName'
import type { HoldoverEvent } from '../../core/protocol/events'
import type { TimelineEntry } from '../../core/protocol/replay'
import type { ExerciseState } from '../../core/protocol/state'
import { type ScenarioNames, scenarioNames } from '../../core/scenario/scenarioNames'
import type { Scenario } from '../../core/scenario/schema'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import type { DocumentUpdateRecord } from '../store/Store'

/** Notebook updates from one author less than this apart (ms) read as one edit. */
const EDIT_RUN_MS = 5_000

/**
 * The timeline of `log` (the events an audience saw, with their log seqs) with the notebook edits
 * of `updates` in place, in time order; `names` is that audience's state at the log's head.
 */
export function buildTimeline(
  log: readonly HoldoverEvent[],
  names: ExerciseState,
  updates: readonly DocumentUpdateRecord[],
): TimelineEntry[] {
  const scenario = names.scenario
  const ids = scenarioNames(scenario)
  const entries = log.map(
    (event): TimelineEntry => ({
      seq: event.seq,
      at: event.at,
      t: event.t,
      ...summarise(event, names, ids),
      phase: scenario ? phaseAt(scenario, event.t) : null,
    }),
  )
  const edits = notebookEdits(updates).map((run): TimelineEntry => {
    const ref = parseDocumentName(run.doc)
    const teamId = ref?.kind === 'notebook' ? ref.teamId : run.doc
    const author = run.author ? authorName(names, run.author) : 'the template'
    return {
      seq: lastSeqAt(log, run.at),
      at: run.at,
      t: run.t,
      kind: 'notebook',
      teams: [teamId],
      phase: scenario ? phaseAt(scenario, run.t) : null,
      label: `${ids.team(teamId)} notebook edited by ${author}`,
      doc: run.doc,
    }
  })
  return [...entries, ...edits].sort((a, b) => a.at - b.at || a.seq - b.seq)
}

function summarise(
  event: HoldoverEvent,
  state: ExerciseState,
  ids: ScenarioNames,
): Pick<TimelineEntry, 'kind' | 'teams' | 'label'> {
  const team = ids.team
  switch (event.type) {
    case 'inject.delivered':
      return {
        kind: 'inject',
        teams: [event.teamId],
        label: `Inject to ${team(event.teamId)}: ${event.title}`,
      }
    case 'attack.launched':
      return {
        kind: 'attack',
        teams: [event.teamId],
        label: `${team(event.teamId)} launched ${ids.attack(event.attackId)}${event.target ? ` on ${ids.node(event.target)}` : ''}`,
      }
    case 'attack.landed':
      return {
        kind: 'attack',
        teams: [event.teamId],
        label: `${ids.attack(event.attackId)} landed${event.target ? ` on ${ids.node(event.target)}` : ''}`,
      }
    case 'twin.alert':
      return {
        kind: 'alert',
        teams: [event.teamId],
        label: `${event.raised ? 'Alert' : 'Alert cleared'} for ${team(event.teamId)} on ${ids.node(event.nodeId)}: ${event.message}`,
      }
    case 'twin.statusChanged':
      return {
        kind: 'other',
        teams: event.teams,
        label: `${event.label ?? ids.node(event.nodeId)} is ${event.status}`,
      }
    case 'decision.opened':
      return {
        kind: 'decision',
        teams: [event.teamId],
        label: `${team(event.teamId)} asked: ${event.question}`,
      }
    case 'decision.answered':
    case 'decision.closed':
    case 'decision.extended':
      return {
        kind: 'decision',
        teams: [event.teamId],
        label: decisionLabel(event, state),
      }
    case 'action.taken':
      return {
        kind: 'action',
        teams: [event.teamId],
        label: `${team(event.teamId)} took ${ids.action(event.actionId)}${event.target ? ` on ${ids.node(event.target)}` : ''}`,
      }
    case 'chat.message':
      return {
        kind: 'chat',
        teams: [event.teamId],
        label: `${event.name} (${team(event.teamId)}): ${event.text}`,
      }
    case 'channel.message':
      return { kind: 'chat', teams: event.teams, label: `${event.name}: ${event.text}` }
    case 'clock.started':
      return { kind: 'clock', teams: [], label: 'Clock started' }
    case 'clock.paused':
      return { kind: 'clock', teams: [], label: 'Clock paused' }
    case 'clock.speedChanged':
      return { kind: 'clock', teams: [], label: `Clock at ${event.speed}×` }
    case 'clock.jumped':
      return { kind: 'clock', teams: [], label: 'Clock jumped' }
    case 'clock.planStep':
      return { kind: 'clock', teams: [], label: 'Clock plan step' }
    case 'participant.joined':
      return {
        kind: 'other',
        teams: [event.teamId],
        label: `${event.name} joined ${team(event.teamId)}`,
      }
    case 'exercise.created':
      return { kind: 'other', teams: [], label: `Exercise created: ${event.title}` }
    case 'exercise.ended':
      return { kind: 'other', teams: [], label: 'Exercise ended' }
    default:
      return lessFrequent(event, ids)
  }
}

/** The events a timeline sees less often, worded like the rest (never a bare event type). */
function lessFrequent(
  event: HoldoverEvent,
  ids: ScenarioNames,
): Pick<TimelineEntry, 'kind' | 'teams' | 'label'> {
  const team = ids.team
  const other = (label: string) => ({ kind: 'other' as const, teams: teamsOf(event), label })
  switch (event.type) {
    case 'twin.effectApplied': {
      const from = { attack: 'an attack', action: 'a response', inject: 'an inject' }[event.source]
      return other(
        `Twin effect ${event.effect.kind} on ${ids.node(event.effect.target)}, from ${from}`,
      )
    }
    case 'participant.removed':
      return other(`${event.name} removed from ${team(event.teamId)}`)
    case 'participant.moved':
      return {
        kind: 'other',
        teams: [event.fromTeamId, event.teamId],
        label: `${event.name} moved from ${team(event.fromTeamId)} to ${team(event.teamId)}`,
      }
    case 'joinCode.rotated':
      return other(`New join code for ${team(event.teamId)}`)
    case 'evaluator.joined':
      return other(`Evaluator ${event.name} joined`)
    case 'observation.recorded':
      return other(`Observation on ${team(event.teamId)} (${event.rating}): ${event.text}`)
    case 'inject.skipped':
      return {
        kind: 'inject',
        teams: [],
        label: `Inject skipped: ${ids.inject(event.injectId)}`,
      }
    case 'inject.rescheduled':
      return {
        kind: 'inject',
        teams: [],
        label: `Inject moved to ${formatScenarioTime(event.dueT)}: ${ids.inject(event.injectId)}`,
      }
    case 'inject.acknowledged':
      return {
        kind: 'inject',
        teams: [event.teamId],
        label: `${event.name} acknowledged an inject`,
      }
    case 'adjudication.required':
      return other(
        event.attacks
          ? 'The white cell approves every attack from now on'
          : 'The white cell approves only the attacks the scenario marks',
      )
    case 'adjudication.requested':
      return {
        kind: event.kind,
        teams: [event.teamId],
        label: `${team(event.teamId)} asked the white cell to rule on ${moveName(ids, event.kind, event.itemId)}`,
      }
    case 'adjudication.ruled':
      return {
        kind: event.kind,
        teams: [event.teamId],
        label: `The white cell ${event.verdict} ${moveName(ids, event.kind, event.itemId)} for ${team(event.teamId)}`,
      }
    case 'channel.opened':
      return {
        kind: 'chat',
        teams: [...event.teams],
        label: `Channel opened: ${event.name} (${event.teams.map(team).join(', ')})`,
      }
    case 'hotwash.opened':
      return other('Hot wash survey opened')
    case 'hotwash.submitted':
      return other(
        event.author ? `Hot wash response from ${event.author.name}` : 'Hot wash response',
      )
    default:
      return other(event.type.replace('.', ' '))
  }
}

function moveName(ids: ScenarioNames, kind: 'attack' | 'action', itemId: string): string {
  return kind === 'attack' ? ids.attack(itemId) : ids.action(itemId)
}

function decisionLabel(
  event: Extract<
    HoldoverEvent,
    { type: 'decision.answered' | 'decision.closed' | 'decision.extended' }
  >,
  state: ExerciseState,
): string {
  const decision = state.decisions[event.decisionId]
  const question = decision?.question ?? event.decisionId
  const option = (id: string | null) =>
    decision?.options.find((o) => o.id === id)?.label ?? id ?? 'nothing'
  switch (event.type) {
    case 'decision.answered':
      return `${event.participantId ? authorName(state, event.participantId) : 'The white cell'} chose ${option(event.optionId)}: ${question}`
    case 'decision.closed':
      return `Decided ${option(event.optionId)}: ${question}`
    case 'decision.extended':
      return `Deadline extended: ${question}`
  }
}

function teamsOf(event: HoldoverEvent): string[] {
  if ('teams' in event && Array.isArray(event.teams)) return [...event.teams]
  if ('teamId' in event && typeof event.teamId === 'string') return [event.teamId]
  return []
}

/** The phase in force at scenario time `t`: the last clock-plan step that began one by then. */
function phaseAt(scenario: Scenario, t: number): string | null {
  let phase: string | null = null
  for (const step of scenario.clockPlan) {
    if (step.phase && step.at <= t) phase = step.phase
  }
  return phase
}

function authorName(state: ExerciseState, participantId: string): string {
  if (participantId === 'facilitator') return 'the white cell'
  return state.participants[participantId]?.name ?? 'a participant'
}

/**
 * The seq of the last event recorded at or before wall time `at` (the first event's when none):
 * a binary search, as events are recorded in wall-time order (the room never moves `at` back).
 */
function lastSeqAt(log: readonly HoldoverEvent[], at: number): number {
  let low = 0
  let high = log.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (log[mid]!.at <= at) low = mid + 1
    else high = mid
  }
  return log[Math.max(0, low - 1)]?.seq ?? 1
}

interface EditRun {
  readonly doc: string
  readonly author: string | null
  /** Wall time of the run's last update. */
  readonly at: number
  readonly t: number
}

/** Updates grouped into edits: one author's updates to one document close together in time. */
function notebookEdits(updates: readonly DocumentUpdateRecord[]): EditRun[] {
  const runs: EditRun[] = []
  const open = new Map<string, number>()
  for (const update of [...updates].sort((a, b) => a.at - b.at)) {
    const key = `${update.doc}\u0000${update.author ?? ''}`
    const index = open.get(key)
    const run = index === undefined ? undefined : runs[index]
    if (run && update.at - run.at < EDIT_RUN_MS) {
      runs[index!] = { ...run, at: update.at, t: update.t }
    } else {
      open.set(key, runs.length)
      runs.push({ doc: update.doc, author: update.author, at: update.at, t: update.t })
    }
  }
  return runs
}
