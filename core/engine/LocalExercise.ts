/** An exercise held in memory with no I/O: for dry runs, replays and tests of the engine. */
import type { Command } from '../protocol/commands'
import type { ProtocolError } from '../protocol/errors'
import type { EventDraft, HoldoverEvent } from '../protocol/events'
import type { Scenario } from '../scenario/schema'
import type { Viewer } from '../visibility/viewer'
import { FACILITATOR } from '../visibility/viewer'
import { dueEvents } from './advance'
import { decide } from './decide'
import { numberDrafts } from './numberDrafts'
import { applyEvent, foldEvents } from './reducer'
import type { ExerciseState } from './state'
import { EMPTY_STATE } from './state'

export class LocalExercise {
  readonly log: HoldoverEvent[] = []
  private current: ExerciseState = EMPTY_STATE

  /** Creates the exercise of `scenario` at wall time `now`. */
  constructor(
    scenario: Scenario,
    now: number,
    options: { exerciseId?: string; seed?: number } = {},
  ) {
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
    return this.current
  }

  /** Runs a command as `actor` (the facilitator by default) at wall time `now`. */
  execute(
    command: Command,
    now: number,
    actor: Viewer = FACILITATOR,
  ): { ok: true; events: HoldoverEvent[] } | { ok: false; error: ProtocolError } {
    const decided = decide(this.current, command, actor, now)
    return decided.ok ? { ok: true, events: this.append(decided.events) } : decided
  }

  /** Emits what has fallen due by wall time `now`, as the server's tick does. */
  tick(now: number): HoldoverEvent[] {
    return this.append(dueEvents(this.current, now))
  }

  /** Rebuilds the state from the log alone, as a restarted server does. */
  restart(): void {
    this.current = foldEvents(this.log)
  }

  private append(drafts: EventDraft[]): HoldoverEvent[] {
    const events = numberDrafts(drafts, this.current.seq)
    for (const event of events) {
      this.log.push(event)
      this.current = applyEvent(this.current, event)
    }
    return events
  }
}
