/**
 * Pushes twin frames for one exercise: once per tick, per audience that has a socket listening
 * (the facilitator, each team), the frame of what changed since that audience's last one,
 * broadcast to the audience's room, so Socket.IO encodes it once for all of its sockets.
 */
import { scenarioTimeAt } from '../../core/clock/ExerciseClock'
import { type FrameBasis, nextTwinFrame } from '../../core/engine/twinViewFrame'
import type { ExerciseState } from '../../core/protocol/state'
import type { TwinFrame } from '../../core/protocol/twinViewFrame'
import type { Audience } from '../../core/protocol/viewer'
import { audienceKey, FACILITATOR } from '../../core/protocol/viewer'

/** Sends a frame to the sockets of one audience of one exercise. */
export type PublishFrame = (exerciseId: string, audienceKey: string, frame: TwinFrame) => void

export interface TwinFrameDeps {
  readonly publish: PublishFrame
  /** Whether any socket of this process follows the audience now: no listener, no work. */
  readonly listening: (exerciseId: string, audienceKey: string) => boolean
}

/** Every this many frames an audience gets a full one: a client that missed a frame catches up. */
export const FULL_FRAME_EVERY = 20

export class TwinFrames {
  private readonly audiences = new Map<string, { basis: FrameBasis | null; sent: number }>()

  constructor(
    private readonly exerciseId: string,
    private readonly deps: TwinFrameDeps,
  ) {}

  /** Publishes what is new for each listening audience at wall time `tickWallMs` (a tick's start). */
  push(state: ExerciseState, tickWallMs: number): void {
    const scenario = state.scenario
    if (!scenario?.chain || state.ended) return
    const nowT = scenarioTimeAt(state.clock, tickWallMs)
    const audiences: Audience[] = [
      FACILITATOR,
      ...scenario.teams.map((team): Audience => ({ role: 'team', teamId: team.id })),
    ]
    for (const audience of audiences) {
      const key = audienceKey(audience)
      if (!this.deps.listening(this.exerciseId, key)) {
        // Whoever comes next reads the twin first, and then gets a full frame.
        this.audiences.delete(key)
        continue
      }
      const held = this.audiences.get(key) ?? { basis: null, sent: 0 }
      const full = held.sent % FULL_FRAME_EVERY === FULL_FRAME_EVERY - 1
      const { frame, basis } = nextTwinFrame(
        state,
        this.exerciseId,
        audience,
        nowT,
        held.basis,
        full,
      )
      this.audiences.set(key, { basis, sent: frame ? held.sent + 1 : held.sent })
      if (frame) this.deps.publish(this.exerciseId, key, frame)
    }
  }
}
