/** Builds the drafts of one append while folding them, so each draft sees the state the previous left. */
import type { EventBody, EventDraft } from '../protocol/events'
import type { ExerciseState } from '../protocol/state'
import type { Inject } from '../scenario/schema'
import { numberDrafts } from './numberDrafts'
import { applyEvent } from './reducer'

export class Emitter {
  readonly drafts: EventDraft[] = []

  constructor(
    /** The state with every draft so far folded in (numbered as the log will number them). */
    public state: ExerciseState,
    /** Wall time of this append, epoch ms. */
    readonly now: number,
  ) {}

  /** Adds an event at scenario time `t`. */
  emit(body: EventBody, t: number): void {
    const draft = { at: this.now, t, ...body } as EventDraft
    this.drafts.push(draft)
    const [event] = numberDrafts([draft], this.state.seq)
    this.state = applyEvent(this.state, event!)
  }

  /** Delivers an inject to each addressed team; the delivery id is the seq of its first delivery. */
  deliver(inject: Inject, t: number, injectId: string | null = inject.id): void {
    const deliveryId = `d${this.state.seq + 1}`
    for (const teamId of inject.to) {
      this.emit(
        {
          type: 'inject.delivered',
          injectId,
          deliveryId,
          teamId,
          channel: inject.channel,
          from: inject.from,
          title: inject.title,
          body: inject.body,
        },
        t,
      )
    }
  }
}
