/**
 * A room's side of the cluster's forwarding (server/cluster/Cluster.ts): what a follower asks of
 * the exercise's owner and how it reads the answer, and how the owner answers such a request
 * with its own room.
 */
import type { Command, CommandReply } from '../../core/protocol'
import { ERROR_CODES, protocolError } from '../../core/protocol/errors'
import type { Viewer } from '../../core/protocol/viewer'
import type { ForwardedReply, ForwardedRequest } from '../cluster/Cluster'

/** What a sender is told when nothing was recorded. */
export const NOT_RECORDED =
  'The server could not record this command; nothing was changed. Try again.'
const UNCONFIRMED =
  'The server running this exercise did not answer in time, so this command may or may not have been recorded: check the timeline before sending it again.'

/** Sends a request to the exercise's owner; null when nobody owns it. */
export type SendToOwner = (request: ForwardedRequest) => Promise<ForwardedReply | null>

/** A join refused because the team already holds its most participants. */
export interface TeamFull {
  readonly full: true
  readonly cap: number
}

type Request<K extends ForwardedRequest['kind']> = Extract<ForwardedRequest, { kind: K }>

/** The room of the exercise's owner, as a forwarded request reaches it. */
export interface OwnerRoom {
  readonly isOwner: boolean
  /** Seq of the last committed event. */
  readonly seq: number
  execute(command: Command, actor: Viewer): Promise<CommandReply>
  join(participantId: string, teamId: string, name: string, cap: number): Promise<TeamFull | null>
  joinEvaluator(evaluatorId: string, name: string, cap: number): Promise<boolean>
}

/** Runs a forwarded request on `room`, the owner's; a room that no longer owns says so. */
export async function answerForwarded(
  room: OwnerRoom,
  request: ForwardedRequest,
): Promise<ForwardedReply> {
  if (!room.isOwner) return { kind: 'not-owner' }
  if (request.kind === 'command') {
    const reply = await room.execute(request.command, request.actor)
    return { kind: 'command', reply, seq: room.seq }
  }
  if (request.kind === 'joinEvaluator') {
    const seated = await room.joinEvaluator(request.evaluatorId, request.name, request.cap)
    return { kind: 'joinEvaluator', seated, seq: room.seq }
  }
  const full = await room.join(request.participantId, request.teamId, request.name, request.cap)
  return { kind: 'join', full: full ? { cap: full.cap } : null, seq: room.seq }
}

/**
 * A command sent to the owner: its reply, or a refusal saying whether it may have been recorded
 * (the owner did not answer in time) or surely was not (nobody owns the exercise).
 */
export function forwardCommand(
  send: SendToOwner,
  request: Request<'command'>,
): Promise<CommandReply> {
  return send(request).then(
    (reply): CommandReply =>
      reply?.kind === 'command'
        ? reply.reply
        : { ok: false, error: protocolError(ERROR_CODES.internal, NOT_RECORDED) },
    (): CommandReply => ({ ok: false, error: protocolError(ERROR_CODES.internal, UNCONFIRMED) }),
  )
}

/** A participant's join sent to the owner: null once seated, or the team's cap when full. */
export async function forwardJoin(
  send: SendToOwner,
  request: Request<'join'>,
): Promise<TeamFull | null> {
  const reply = await send(request)
  if (reply?.kind !== 'join') throw new Error('the join could not be recorded')
  return reply.full ? { full: true, cap: reply.full.cap } : null
}

/** An evaluator's join sent to the owner: true once seated. */
export async function forwardJoinEvaluator(
  send: SendToOwner,
  request: Request<'joinEvaluator'>,
): Promise<boolean> {
  const reply = await send(request)
  if (reply?.kind !== 'joinEvaluator') throw new Error('the join could not be recorded')
  return reply.seated
}
