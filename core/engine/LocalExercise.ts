/** An exercise held in memory with no I/O: for dry runs, replays and tests of the engine. */
import { scenarioTimeAt } from '../clock/ExerciseClock'
import type { Command } from '../protocol/commands'
import type { ProtocolError } from '../protocol/errors'
import type { EventDraft, HoldoverEvent } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import type { Viewer } from '../protocol/viewer'
import { FACILITATOR } from '../protocol/viewer'
import type { Scenario } from '../scenario/schema'
import { dueEvents } from './advance'
import { type DecideContext, decide } from './decide'
import { ExerciseLog, type ExerciseLogOptions } from './ExerciseLog'

export class LocalExercise {
  private exerciseLog: ExerciseLog

  /** Creates the exercise of `scenario` at wall time `now`. */
  constructor(
    scenario: Scenario,
    now: number,
    options: { exerciseId?: string; seed?: number } & ExerciseLogOptions = {},
  ) {
    this.exerciseLog = new ExerciseLog(options)
    this.append([
      {
        type: 'exercise.created',
        exerciseId: options.exerciseId ?? 'local',
        title: scenario.title,
        scenario,
        seed: options.seed ?? 1,
        at: now,
        t: 0,
      },
    ])
  }

  get state(): ExerciseState {
    return this.exerciseLog.state
  }

  /** Every event so far, in order. */
  get log(): readonly HoldoverEvent[] {
    return this.exerciseLog.events
  }

  /** The log with its keyframes: the state and each audience's view at any seq. */
  get history(): ExerciseLog {
    return this.exerciseLog
  }

  /** Runs a command as `actor` (the facilitator by default) at wall time `now`. */
  execute(
    command: Command,
    now: number,
    actor: Viewer = FACILITATOR,
    context: DecideContext = {},
  ): { ok: true; events: HoldoverEvent[] } | { ok: false; error: ProtocolError } {
    const decided = decide(this.state, command, actor, now, context)
    return decided.ok ? { ok: true, events: this.append(decided.events) } : decided
  }

  /** Seats a participant on a team at wall time `now`, as the server does when they join. */
  join(participantId: string, teamId: string, name: string, now: number): HoldoverEvent[] {
    const t = scenarioTimeAt(this.state.clock, now)
    return this.append([{ type: 'participant.joined', participantId, teamId, name, at: now, t }])
  }

  /** Emits what has fallen due by wall time `now`, as the server's tick does. */
  tick(now: number): HoldoverEvent[] {
    return this.append(dueEvents(this.state, now))
  }

  /** Rebuilds the state from the log alone, as a restarted server does. */
  restart(): void {
    this.exerciseLog = ExerciseLog.fromEvents(this.exerciseLog.events, {
      keyframeEvery: this.exerciseLog.keyframeEvery,
    })
  }

  private append(drafts: EventDraft[]): HoldoverEvent[] {
    const events = this.exerciseLog.number(drafts)
    this.exerciseLog.append(events)
    return events
  }
}
