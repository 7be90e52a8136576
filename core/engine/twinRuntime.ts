/**
 * The twin inside an exercise: effects applied from attacks, actions and injects, and the
 * twin's status changes and alerts recorded in the log at the exact scenario times they happen.
 */
import type { EffectRecord, ExerciseState } from '../protocol/state'
import type { Alert } from '../twin/alerts'
import { buildTwin, type Twin } from '../twin/buildTwin'
import type { Chain } from '../twin/chainShape'
import type { ActiveEffect, Effect } from '../twin/effectSchema'
import { evaluateTwin } from '../twin/evaluateTwin'
import { nextTwinChange, type StatusChange } from '../twin/nextTwinChange'
import { redObservers } from '../visibility/redVantage'
import { lookUp } from '../vocabulary/records'
import type { Emitter } from './Emitter'

const twins = new WeakMap<Chain, Map<number, Twin>>()
const activeCache = new WeakMap<readonly EffectRecord[], ActiveEffect[]>()

/** The exercise's twin (built once per chain and seed), or null when the scenario has no chain. */
export function twinOf(state: ExerciseState): Twin | null {
  const chain = state.scenario?.chain
  if (!chain) return null
  let bySeed = twins.get(chain)
  if (!bySeed) {
    bySeed = new Map()
    twins.set(chain, bySeed)
  }
  let twin = bySeed.get(state.seed)
  if (!twin) {
    twin = buildTwin(chain, { seed: state.seed })
    bySeed.set(state.seed, twin)
  }
  return twin
}

/** The effects in force, in the twin's terms. */
export function activeEffectsOf(state: ExerciseState): ActiveEffect[] {
  let active = activeCache.get(state.effects)
  if (!active) {
    active = state.effects.map((record) => ({
      effect: record.effect,
      startT: record.startT,
      ...(record.endT === null ? {} : { endT: record.endT }),
    }))
    activeCache.set(state.effects, active)
  }
  return active
}

/** Scenario time up to which the log has recorded the twin (its last twin event), or null. */
export function twinRecordedT(state: ExerciseState): number | null {
  const lastStatus = state.statusLog.at(-1)?.t
  const lastAlert = state.alerts.at(-1)?.t
  if (lastStatus === undefined && lastAlert === undefined) return null
  return Math.max(lastStatus ?? -Infinity, lastAlert ?? -Infinity)
}

/** Puts effects in force at scenario time `t`, then records what they change at once. */
export function applyEffects(
  emitter: Emitter,
  source: EffectRecord['source'],
  sourceId: string,
  effects: readonly Effect[],
  t: number,
): void {
  if (effects.length === 0 || !twinOf(emitter.state)) return
  for (const effect of effects) {
    const endT = effect.durationS === undefined ? null : t + effect.durationS
    emitter.emit(
      {
        type: 'twin.effectApplied',
        effectId: `e${emitter.state.seq + 1}`,
        source,
        sourceId,
        effect,
        endT,
      },
      t,
    )
  }
  reconcileTwinAt(emitter, t)
}

/**
 * Records every difference between the twin at `t` and what the log last said: status changes
 * and alerts raised or cleared. Needed where the log and the twin may part at one instant: when
 * effects start, and the first time the twin is read.
 */
export function reconcileTwinAt(emitter: Emitter, t: number): void {
  const twin = twinOf(emitter.state)
  if (!twin) return
  const truth = evaluateTwin(twin, activeEffectsOf(emitter.state), t)
  for (const node of truth.nodes) {
    const previous = lookUp(emitter.state.nodeStatus, node.id)?.status ?? 'ok'
    if (node.status === previous) continue
    const { status, wanderNs, consequence, mode } = node
    // The event reports the time error the status was judged on, and the wander apart.
    const timeErrorNs = node.timeErrorNs - wanderNs
    emitStatus(
      emitter,
      {
        nodeId: node.id,
        sector: node.sector,
        status,
        previous,
        timeErrorNs,
        wanderNs,
        consequence,
        mode,
      },
      t,
    )
  }
  const raised = new Map(truth.alerts.map((alert) => [alert.id, alert]))
  const recorded = raisedAlerts(emitter.state)
  for (const [id, alert] of raised) {
    if (!recorded.has(id)) emitAlert(emitter, alert, true, t)
  }
  for (const [id, alert] of recorded) {
    if (!raised.has(id)) emitAlert(emitter, alert, false, t)
  }
}

/**
 * Records the twin's next change in (recorded time, `untilT`], if any: returns whether it did.
 * The change is solved exactly, so no clock speed or jump can step over it.
 */
export function recordNextTwinChange(emitter: Emitter, untilT: number): boolean {
  const twin = twinOf(emitter.state)
  if (!twin) return false
  const fromT = twinRecordedT(emitter.state)
  if (fromT === null) {
    // The first read: whatever is not ok in the twin's starting state, recorded at T+0.
    reconcileTwinAt(emitter, 0)
    if (twinRecordedT(emitter.state) !== null) return true
  }
  const change = nextTwinChange(twin, activeEffectsOf(emitter.state), fromT ?? 0, untilT)
  if (!change) return false
  for (const status of change.statuses) emitStatus(emitter, status, change.tSeconds)
  for (const { alert, raised } of change.alerts) emitAlert(emitter, alert, raised, change.tSeconds)
  return change.statuses.length > 0 || change.alerts.length > 0
}

function emitStatus(
  emitter: Emitter,
  change: Omit<StatusChange, 'sector'> & { sector: StatusChange['sector'] },
  t: number,
): void {
  const label = emitter.state.scenario?.chain?.nodes.find(
    (node) => node.id === change.nodeId,
  )?.label
  emitter.emit(
    {
      type: 'twin.statusChanged',
      nodeId: change.nodeId,
      ...(label === undefined ? {} : { label }),
      ...(change.sector === undefined ? {} : { sector: change.sector }),
      status: change.status,
      previous: change.previous,
      timeErrorNs: change.timeErrorNs,
      wanderNs: change.wanderNs,
      ...(change.consequence === null ? {} : { consequence: change.consequence }),
      mode: change.mode,
      teams: redObservers(emitter.state, twinOf(emitter.state)!, change, t),
    },
    t,
  )
}

type AlertFacts = Pick<Alert, 'id' | 'nodeId' | 'observable' | 'message' | 'teams'>

function emitAlert(emitter: Emitter, alert: AlertFacts, raised: boolean, t: number): void {
  for (const teamId of alert.teams) {
    emitter.emit(
      {
        type: 'twin.alert',
        alertId: alert.id,
        nodeId: alert.nodeId,
        teamId,
        raised,
        observable: alert.observable,
        message: alert.message,
      },
      t,
    )
  }
}

/** The alerts the log holds as raised, by id, with what is needed to clear them. */
function raisedAlerts(state: ExerciseState): Map<string, AlertFacts & { teams: string[] }> {
  const raised = new Map<string, AlertFacts & { teams: string[] }>()
  for (const record of state.alerts) {
    const known = raised.get(record.alertId)
    if (record.raised) {
      if (known) {
        if (!known.teams.includes(record.teamId)) known.teams.push(record.teamId)
      } else {
        raised.set(record.alertId, {
          id: record.alertId,
          nodeId: record.nodeId,
          observable: record.observable as Alert['observable'],
          message: record.message,
          teams: [record.teamId],
        })
      }
    } else if (known) {
      known.teams = known.teams.filter((team) => team !== record.teamId)
      if (known.teams.length === 0) raised.delete(record.alertId)
    }
  }
  return raised
}
