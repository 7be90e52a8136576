/**
 * Per attack, when it was detected and when the chain recovered from it, as DESIGN.md defines
 * them: *detected* at the first `twin.alert` raised for a blue team on a node the attack moved out
 * of ok (its target included), or the first blue `action.taken` on such a node, whichever comes
 * first; *recovered* once every node it moved out of ok is back to ok.
 *
 * A node counts as moved by an attack when it leaves ok while the attack's effect is in force and
 * it is the effect's target or fed by it (downstream in the chain): an attack on one branch is
 * not blamed for what another does to a node elsewhere.
 */
import { twinOf } from '../engine/twinRuntime'
import type { EventOf, HoldoverEvent } from '../protocol/events'
import type { AttackRecord, ExerciseState, NodeStatusRecord } from '../protocol/state'
import type { Twin } from '../twin/buildTwin'
import type { AttackFigure } from './model'

/** The detection and recovery figures of every launched attack, in launch order. */
export function attackFigures(
  state: ExerciseState,
  events: readonly HoldoverEvent[],
): AttackFigure[] {
  const scenario = state.scenario
  const twin = twinOf(state)
  const blue = new Set(
    (scenario?.teams ?? []).filter((team) => team.side === 'blue').map((team) => team.id),
  )
  return state.attacks.map((attack) => {
    const label = scenario?.attacks.find((entry) => entry.id === attack.attackId)?.label
    const window = effectWindow(events, attack)
    const reach = window && twin ? reachOf(twin, window.targets) : new Set<string>()
    const affected = window ? affectedNodes(state.statusLog, reach, window) : new Map()
    const recoveredT = recoveryOf(state.statusLog, affected)
    const detection = detectionOf(state, blue, affected, window?.startT ?? attack.t, recoveredT)
    return {
      attackId: attack.attackId,
      label: label ?? attack.attackId,
      target: attack.target,
      launchedT: attack.t,
      detectedT: detection?.t ?? null,
      timeToDetectS: detection ? detection.t - attack.t : null,
      recoveredT,
      timeToRecoverS: recoveredT === null ? null : recoveredT - attack.t,
      detectedBy: detection?.teamId ?? null,
      detectedHow: detection?.how ?? null,
      affectedNodes: [...affected.keys()],
    }
  })
}

interface EffectWindow {
  readonly startT: number
  /** Infinity while it stays in force. */
  readonly endT: number
  readonly targets: readonly string[]
}

/**
 * When this launch's effects were in force, and the nodes they aimed at; null for a foothold or
 * an attack still on its way. The effects are the `twin.effectApplied` events that follow the
 * launch (or its landing) at once: two launches of one attack at one moment stay apart.
 */
function effectWindow(events: readonly HoldoverEvent[], attack: AttackRecord): EffectWindow | null {
  // Its landing when the log records one (older logs: the launch itself, for an immediate attack).
  const landed = events.findIndex(
    (event) => event.type === 'attack.landed' && event.launchSeq === attack.seq,
  )
  const anchor =
    landed >= 0 || attack.landsT !== undefined
      ? landed
      : events.findIndex((event) => event.seq === attack.seq)
  if (anchor < 0) return null
  const effects: EventOf<'twin.effectApplied'>[] = []
  for (const event of events.slice(anchor + 1)) {
    if (event.type !== 'twin.effectApplied' || event.source !== 'attack') break
    effects.push(event)
  }
  if (effects.length === 0) return null
  return {
    startT: events[anchor]!.t,
    endT: Math.max(...effects.map((effect) => effect.endT ?? Number.POSITIVE_INFINITY)),
    targets: effects.map((effect) => effect.effect.target),
  }
}

/** The targets and every node they feed, directly or through others. */
function reachOf(twin: Twin, targets: readonly string[]): Set<string> {
  const fed = new Map<number, number[]>()
  for (const node of twin.nodes) {
    for (const source of node.sources) fed.set(source, [...(fed.get(source) ?? []), node.index])
  }
  const reached = new Set<number>()
  const queue = targets.map((id) => twin.byId.get(id)).filter((i) => i !== undefined)
  while (queue.length > 0) {
    const index = queue.pop()!
    if (reached.has(index)) continue
    reached.add(index)
    queue.push(...(fed.get(index) ?? []))
  }
  return new Set([...reached].map((index) => twin.nodes[index]!.id))
}

/** Node id → the last time it left ok within the window, in the order nodes first left it. */
function affectedNodes(
  log: readonly NodeStatusRecord[],
  reach: ReadonlySet<string>,
  window: EffectWindow,
): Map<string, number> {
  const left = new Map<string, number>()
  for (const change of log) {
    if (change.t < window.startT || change.t >= window.endT) continue
    if (reach.has(change.nodeId) && change.previous === 'ok' && change.status !== 'ok') {
      left.set(change.nodeId, change.t)
    }
  }
  return left
}

/** The moment the last affected node came back to ok after it last left it; null if one never did. */
function recoveryOf(
  log: readonly NodeStatusRecord[],
  affected: ReadonlyMap<string, number>,
): number | null {
  if (affected.size === 0) return null
  let recoveredT = Number.NEGATIVE_INFINITY
  for (const [nodeId, leftT] of affected) {
    const back = log.find((c) => c.nodeId === nodeId && c.t >= leftT && c.status === 'ok')
    if (!back) return null
    recoveredT = Math.max(recoveredT, back.t)
  }
  return recoveredT
}

interface Detection {
  readonly t: number
  readonly teamId: string
  readonly how: 'alert' | 'action'
}

/** The first blue alert or action on an affected node from the landing on (until recovery). */
function detectionOf(
  state: ExerciseState,
  blue: ReadonlySet<string>,
  affected: ReadonlyMap<string, number>,
  fromT: number,
  untilT: number | null,
): Detection | null {
  const inTime = (t: number) => t >= fromT && (untilT === null || t <= untilT)
  const alert = state.alerts.find(
    (a) => a.raised && blue.has(a.teamId) && affected.has(a.nodeId) && inTime(a.t),
  )
  const action = state.actions.find(
    (a) => blue.has(a.teamId) && a.target !== null && affected.has(a.target) && inTime(a.t),
  )
  if (alert && (!action || alert.seq < action.seq))
    return { t: alert.t, teamId: alert.teamId, how: 'alert' }
  return action ? { t: action.t, teamId: action.teamId, how: 'action' } : null
}
