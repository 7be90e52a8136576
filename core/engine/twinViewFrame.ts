/**
 * Twin frames: what one audience's dashboards show at one moment, reduced to what changed since
 * the previous frame, so that a server computes one frame per audience per tick and every
 * client of that audience appends it to what it holds, instead of each client polling.
 */
import type { ExerciseState } from '../protocol/state'
import type { TwinFrame } from '../protocol/twinViewFrame'
import type { Audience } from '../protocol/viewer'
import type { ActiveEffect } from '../twin/effectSchema'
import { activeEffectsOf, twinOf } from './twinRuntime'
import { twinPictureAt } from './twinView'

/** What the previous frame of an audience showed: the basis of the next one's differences. */
export interface FrameBasis {
  readonly t: number
  readonly effects: readonly ActiveEffect[]
  /** Each node's truth but its time error, encoded. */
  readonly nodes: ReadonlyMap<string, string>
  readonly timeErrors: ReadonlyMap<string, number>
  readonly observations: ReadonlyMap<string, string>
  readonly alerts: string
}

/** The next frame of `audience` at `nowT` (null when it would show nothing new), and its basis. */
export function nextTwinFrame(
  state: ExerciseState,
  exerciseId: string,
  audience: Audience,
  nowT: number,
  previous: FrameBasis | null,
  full: boolean,
): { frame: TwinFrame | null; basis: FrameBasis | null } {
  if (!twinOf(state)) return { frame: null, basis: previous }
  const effects = activeEffectsOf(state)
  // Same moment, same effects: the closed-form twin gives the same picture, so skip the work.
  if (previous && previous.t === nowT && previous.effects === effects) {
    return { frame: null, basis: previous }
  }
  const picture = twinPictureAt(state, audience, nowT)
  // A node's time error moves every tick: it travels on its own, the rest of its truth when it changes.
  const nodeKeys = new Map(
    (picture.nodes ?? []).map(({ timeErrorNs: _moving, ...rest }) => [
      rest.id,
      JSON.stringify(rest),
    ]),
  )
  const timeErrorsNow = new Map((picture.nodes ?? []).map((node) => [node.id, node.timeErrorNs]))
  const observationKeys = new Map(
    picture.observations.map((seen) => [seen.monitorId, JSON.stringify(seen)]),
  )
  const alerts = JSON.stringify(picture.alerts)
  const basis: FrameBasis = {
    t: nowT,
    effects,
    nodes: nodeKeys,
    timeErrors: timeErrorsNow,
    observations: observationKeys,
    alerts,
  }
  const changed = <T>(
    items: readonly T[],
    key: (item: T) => string,
    keys: ReadonlyMap<string, string>,
    before: ReadonlyMap<string, string> | undefined,
  ) =>
    full || !before ? items : items.filter((item) => before.get(key(item)) !== keys.get(key(item)))
  const nodes = changed(picture.nodes ?? [], (node) => node.id, nodeKeys, previous?.nodes)
  const observations = changed(
    picture.observations,
    (seen) => seen.monitorId,
    observationKeys,
    previous?.observations,
  )
  const isFull = full || !previous
  // Null prototype: node ids are scenario-defined and could be named like inherited properties.
  const timeErrors: Record<string, number> = Object.create(null)
  if (!isFull) {
    for (const [id, ns] of timeErrorsNow)
      if (previous.timeErrors.get(id) !== ns) timeErrors[id] = ns
  }
  const movedErrors = Object.keys(timeErrors).length
  const alertsChanged = full || !previous || previous.alerts !== alerts
  // A frame whenever the moment moved (the tick's heartbeat, which keeps curves running to now);
  // at the same moment only for a visible change, so that another team's mitigation, invisible
  // to this audience, sends it nothing.
  const moved = !previous || previous.t !== nowT
  const nothing = nodes.length === 0 && movedErrors === 0 && observations.length === 0
  if (!isFull && !moved && nothing && !alertsChanged) {
    return { frame: null, basis }
  }
  const frame: TwinFrame = {
    exerciseId,
    audience: audience.role === 'facilitator' ? 'facilitator' : 'team',
    t: nowT,
    full: isFull,
    ...(audience.role === 'facilitator'
      ? { nodes, ...(movedErrors > 0 ? { timeErrors } : {}) }
      : {}),
    observations,
    ...(alertsChanged ? { alerts: picture.alerts } : {}),
  }
  return { frame, basis }
}
