/**
 * `POST /api/join`: a join code and a name give a seat on a team. Wrong codes are limited per
 * address and code prefix, so one person mistyping behind a NAT does not block the room's right
 * code; right codes are limited too, generously, and each team seats at most its cap.
 */
import type { Response } from 'express'
import { Router } from 'express'
import { z } from 'zod'
import { ERROR_CODES } from '../../core/protocol/errors'
import { describeIssues } from '../../core/protocol/parseCommand'
import { DEFAULT_TEAM_SIZE } from '../../core/scenario/schema'
import { LIMITS } from '../../core/vocabulary/constants'
import { addressKey } from '../auth/clientAddress'
import { newId, normalizeJoinCode } from '../auth/ids'
import type { ParticipantAccess } from '../auth/ParticipantAccess'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { Store } from '../store/Store'
import { EVALUATOR_SEAT } from '../store/Store'
import { AttemptWindow } from './AttemptWindow'
import { sendError } from './errors'

export interface JoinDeps {
  readonly store: Store
  readonly rooms: RoomRegistry
  readonly access: ParticipantAccess
  readonly wallClock: () => number
}

/** Participants per exercise, whatever its teams' caps add up to. */
const MAX_PARTICIPANTS = 5000
/** Evaluators one exercise seats: a white cell's raters, never a crowd. */
export const MAX_EVALUATORS = 50
/** Wrong codes a minute from one address with one code prefix: a person mistyping, not a script. */
export const WRONG_CODES_PER_PREFIX = 30
/** Wrong codes a minute from one address in all: past it, guessing (31^8 codes) stays hopeless. */
export const WRONG_CODES_PER_ADDRESS = 300
/** Seats one code gives one address in ten minutes: a room of 60 behind one NAT, and then some. */
export const JOINS_PER_CODE = 200

const joinBody = z.strictObject({
  code: z.string().min(1).max(32),
  name: z.string().trim().min(1, 'a display name').max(LIMITS.name),
})

/** The typed code, canonical, or '' when the body has none. */
function typedCode(body: unknown): string {
  const code = (body as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? normalizeJoinCode(code).slice(0, 32) : ''
}

/** Builds the router of `POST /join` (mounted under `/api`). */
export function createJoinRoute(deps: JoinDeps): Router {
  const { store, rooms, access, wallClock } = deps
  const route = Router()
  const wrongByPrefix = new AttemptWindow(60_000, WRONG_CODES_PER_PREFIX)
  const wrongByAddress = new AttemptWindow(60_000, WRONG_CODES_PER_ADDRESS)
  const seatsByCode = new AttemptWindow(10 * 60_000, JOINS_PER_CODE)

  /** Refuses with 429 while `window` has no room for `key`; true when it refused. */
  const refused = async (res: Response, window: AttemptWindow, key: string, message: string) => {
    const waitS = await window.retryAfterS(key, wallClock())
    if (waitS === 0) return false
    res.set('retry-after', String(waitS))
    sendError(res, 429, ERROR_CODES.rateLimited, message)
    return true
  }

  route.post('/join', async (req, res) => {
    const address = addressKey(req.ip ?? '')
    const code = typedCode(req.body)
    const prefixKey = `${address}|${code.slice(0, 4)}`
    const codeKey = `${address}|${code}`
    const wrong = 'Too many wrong join codes from here; check the code and try again in a minute.'
    if (await refused(res, wrongByPrefix, prefixKey, wrong)) return
    if (await refused(res, wrongByAddress, address, wrong)) return
    const seated = 'This code has seated very many people from here; wait a few minutes.'
    if (await refused(res, seatsByCode, codeKey, seated)) return
    // The address's count goes up at once, so a burst of guesses in parallel is bounded too, and
    // comes back down for a right code; the prefix's counts only what turned out wrong.
    await wrongByAddress.count(address)
    res.on('finish', () => {
      if (res.statusCode < 400) {
        void wrongByAddress.uncount(address)
        void seatsByCode.count(codeKey)
      } else if (res.statusCode !== 429) {
        void wrongByPrefix.count(prefixKey)
      }
    })
    const body = joinBody.safeParse(req.body)
    if (!body.success) return sendError(res, 400, ERROR_CODES.invalid, describeIssues(body.error))
    const found = await store.findJoinCode(normalizeJoinCode(body.data.code))
    if (!found) {
      return sendError(
        res,
        404,
        ERROR_CODES.notFound,
        'No exercise has this join code; check it with your facilitator.',
      )
    }
    const room = await rooms.get(found.exerciseId)
    if (!room) return sendError(res, 404, ERROR_CODES.notFound, 'This exercise no longer exists.')
    if (room.current.ended) {
      return sendError(
        res,
        409,
        ERROR_CODES.conflict,
        'This exercise has ended; it can no longer be joined.',
      )
    }
    if (Object.keys(room.current.participants).length >= MAX_PARTICIPANTS) {
      return sendError(
        res,
        409,
        ERROR_CODES.conflict,
        `This exercise is full (${MAX_PARTICIPANTS} participants).`,
      )
    }
    if (found.teamId === EVALUATOR_SEAT) {
      const evaluatorId = newId()
      const seated = await room.joinEvaluator(evaluatorId, body.data.name, MAX_EVALUATORS)
      if (!seated) {
        return sendError(
          res,
          409,
          ERROR_CODES.conflict,
          `This exercise already seats ${MAX_EVALUATORS} evaluators; ask your facilitator.`,
        )
      }
      const { token } = access.issue(room, evaluatorId, EVALUATOR_SEAT)
      return res.status(201).json({
        token,
        exerciseId: found.exerciseId,
        teamId: null,
        participantId: evaluatorId,
        role: 'evaluator',
      })
    }
    const team = room.current.scenario?.teams.find((t) => t.id === found.teamId)
    const participantId = newId()
    const full = await room.join(
      participantId,
      found.teamId,
      body.data.name,
      team?.maxParticipants ?? DEFAULT_TEAM_SIZE,
    )
    if (full) {
      return sendError(
        res,
        409,
        ERROR_CODES.conflict,
        `${team?.name ?? 'This team'} is full (${full.cap} participants); ask your facilitator to make room.`,
      )
    }
    const { token } = access.issue(room, participantId, found.teamId)
    res.status(201).json({
      token,
      exerciseId: found.exerciseId,
      teamId: found.teamId,
      participantId,
      role: 'participant',
      teamName: team?.name,
      side: team?.side,
    })
  })
  return route
}
