/** The facilitator's exercise list: each exercise's status and people, archive and delete. */
import { type RequestHandler, Router } from 'express'
import { z } from 'zod'
import { ERROR_CODES } from '../../core/protocol/errors'
import { describeIssues } from '../../core/protocol/parseCommand'
import type { ExerciseState } from '../../core/protocol/state'
import type { Logger } from '../log'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { ExerciseRecord, Store } from '../store/Store'
import { sendError } from './errors'

/** Where an exercise is in its life, as the list shows it. */
export const EXERCISE_STATUSES = ['not-started', 'running', 'paused', 'ended'] as const
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number]

/** One row of the exercise list (`GET /api/exercises`). */
export interface ExerciseListing extends ExerciseRecord {
  readonly archivedAt: number | null
  readonly scenarioTitle: string
  readonly status: ExerciseStatus
  readonly participants: number
  /** Wall time of the last recorded event, epoch ms. */
  readonly lastActivityAt: number
}

export interface ExerciseAdminDeps {
  readonly store: Store
  readonly rooms: RoomRegistry
  readonly logger: Logger
  readonly wallClock: () => number
  /** The admin-token check every route here sits behind. */
  readonly facilitator: RequestHandler
}

const archiveBody = z.strictObject({ archived: z.boolean() })

/** An exercise's status from its state. */
export function exerciseStatus(state: ExerciseState): ExerciseStatus {
  if (state.ended) return 'ended'
  if (state.clock.running) return 'running'
  return state.clock.started || state.clock.anchorT > 0 ? 'paused' : 'not-started'
}

/** Builds the list, archive and delete routes (mounted under `/api`). */
export function createExerciseAdmin(deps: ExerciseAdminDeps): Router {
  const { store, rooms, facilitator } = deps
  const admin = Router()

  const listingOf = async (record: ExerciseRecord): Promise<ExerciseListing | null> => {
    const room = await rooms.get(record.id)
    if (!room) return null
    const state = room.current
    const [last] = await store.readEvents(record.id, room.seq, 1)
    return {
      ...record,
      archivedAt: record.archivedAt ?? null,
      scenarioTitle: state.scenario?.title ?? record.scenarioId,
      status: exerciseStatus(state),
      participants: Object.keys(state.participants).length,
      lastActivityAt: last?.at ?? record.createdAt,
    }
  }

  admin.get('/exercises', facilitator, async (_req, res) => {
    const listings = await Promise.all((await store.listExercises()).map(listingOf))
    res.json(listings.filter((listing) => listing !== null))
  })

  admin.put('/exercises/:id/archived', facilitator, async (req, res) => {
    const id = String(req.params.id)
    const body = archiveBody.safeParse(req.body)
    if (!body.success) return sendError(res, 400, ERROR_CODES.invalid, describeIssues(body.error))
    const archivedAt = body.data.archived ? deps.wallClock() : null
    if (!(await store.setArchived(id, archivedAt)))
      return sendError(res, 404, ERROR_CODES.notFound, `No exercise '${id}'.`)
    deps.logger.info({ exerciseId: id, archived: body.data.archived }, 'exercise archived')
    res.json({ id, archivedAt })
  })

  admin.delete('/exercises/:id', facilitator, async (req, res) => {
    const id = String(req.params.id)
    const room = await rooms.get(id)
    if (!room) return sendError(res, 404, ERROR_CODES.notFound, `No exercise '${id}'.`)
    if (exerciseStatus(room.current) === 'running') {
      return sendError(
        res,
        409,
        ERROR_CODES.conflict,
        'This exercise is running: pause or end it before deleting it.',
      )
    }
    await rooms.forget(id)
    await store.deleteExercise(id)
    deps.logger.info({ exerciseId: id }, 'exercise deleted')
    res.status(204).end()
  })

  return admin
}
