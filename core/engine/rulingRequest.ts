/** A move that waits for the white cell: it goes to the adjudication queue with its rationale. */
import { ERROR_CODES } from '../protocol/errors'
import type { RulingRequest } from '../protocol/playState'
import type { Emitter } from './Emitter'
import { type Refusal, refuse } from './refusal'

/** Moves one team may have waiting at once: the white cell's queue stays readable. */
export const MAX_WAITING_PER_TEAM = 20

/** A team's move, as the queue holds it. */
export type Move = Omit<RulingRequest, 'requestId' | 'rationale'>

/** Puts a move in the queue; refused without a rationale, or while the same move already waits. */
export function requestRuling(
  emitter: Emitter,
  move: Move,
  rationale: string | undefined,
  t: number,
): Refusal | null {
  const what = move.kind === 'attack' ? 'This attack' : 'This action'
  if (!rationale) {
    return refuse(
      ERROR_CODES.invalid,
      `${what} needs exercise control's ruling: say why you make the move (the rationale control reads).`,
    )
  }
  const queue = (emitter.state.play?.rulings ?? []).filter(
    (record) => !record.ruling && record.teamId === move.teamId,
  )
  if (queue.length >= MAX_WAITING_PER_TEAM) {
    return refuse(
      ERROR_CODES.rateLimited,
      `Your team already has ${MAX_WAITING_PER_TEAM} moves waiting for exercise control; wait for its rulings.`,
    )
  }
  const waiting = queue.some(
    (record) =>
      record.kind === move.kind &&
      record.itemId === move.itemId &&
      record.teamId === move.teamId &&
      record.target === move.target,
  )
  if (waiting) {
    return refuse(
      ERROR_CODES.conflict,
      `${what} already waits for exercise control's ruling on that target.`,
    )
  }
  emitter.emit(
    {
      type: 'adjudication.requested',
      requestId: `r${emitter.state.seq + 1}`,
      ...move,
      rationale,
    },
    t,
  )
  return null
}
