/** Scripted injects falling due: what the server's tick, a pause or a jump must emit, in order. */
import { scenarioTimeAt } from '../clock/ExerciseClock'
import type { EventDraft } from '../protocol/events'
import type { Inject } from '../scenario/schema'
import type { ExerciseState } from './state'

/** The scripted injects not yet fired whose time is at or before `untilT`, in the order they fire. */
export function dueInjects(state: ExerciseState, untilT: number): Inject[] {
  const scenario = state.scenario
  if (!scenario) return []
  return scenario.injects
    .map((inject, index) => ({ inject, index }))
    .filter(({ inject }) => inject.at <= untilT && !(inject.id in state.fired))
    .sort((a, b) => a.inject.at - b.inject.at || a.index - b.index)
    .map(({ inject }) => inject)
}

/**
 * The deliveries of every inject due by wall time `now` (or by scenario time `untilT` when given),
 * each stamped with its own scenario time so that a late tick or a jump changes nothing in the log.
 */
export function dueInjectDrafts(state: ExerciseState, now: number, untilT?: number): EventDraft[] {
  if (state.ended) return []
  const limit = untilT ?? (state.clock.running ? scenarioTimeAt(state.clock, now) : -1)
  const drafts: EventDraft[] = []
  for (const inject of dueInjects(state, limit)) {
    drafts.push(...injectDeliveries(state, inject, now, inject.at, drafts.length))
  }
  return drafts
}

/**
 * One `inject.delivered` per addressed team. `draftsBefore` counts the drafts that precede these
 * in the same append, so the delivery id (`d` + the seq of the first delivery) is known in advance.
 */
export function injectDeliveries(
  state: ExerciseState,
  inject: Inject,
  now: number,
  t: number,
  draftsBefore: number,
  injectId: string | null = inject.id,
): EventDraft[] {
  const deliveryId = `d${state.seq + 1 + draftsBefore}`
  return inject.to.map((teamId) => ({
    type: 'inject.delivered',
    injectId,
    deliveryId,
    teamId,
    channel: inject.channel,
    from: inject.from,
    title: inject.title,
    body: inject.body,
    at: now,
    t,
  }))
}
