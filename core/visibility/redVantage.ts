/**
 * What red observes of the twin (docs/twin.md, "What red sees"): a status change on a node of its
 * foothold (a node it attacked, or one taking time straight from such a node: the boxes it sits
 * on or in front of, and the clients it can probe from there), and only a change that its side's
 * world explains: the twin under the scenario's scripted effects and red's attacks, with no
 * team's mitigation in force, must show the node exactly so at that moment. A change that a
 * mitigation caused, or shaped, never reaches red, and neither does one whose `previous` would
 * contradict what red was last told, so a mitigation cannot be read from a gap either.
 */
import type { EffectRecord, ExerciseState } from '../protocol/state'
import type { Twin } from '../twin/buildTwin'
import type { ActiveEffect } from '../twin/effectSchema'
import { evaluateTwin } from '../twin/evaluateTwin'
import type { Mode } from '../twin/segment'
import type { Status } from '../twin/status'

/** A status change as the twin produces it, before it is recorded. */
export interface ObservedChange {
  readonly nodeId: string
  readonly status: Status
  readonly previous: Status
  readonly timeErrorNs: number
  readonly mode: Mode
}

const attackerWorlds = new WeakMap<readonly EffectRecord[], ActiveEffect[]>()

/** The red teams that observe `change` on the exercise's `twin` at scenario time `t`. */
export function redObservers(
  state: ExerciseState,
  twin: Twin,
  change: ObservedChange,
  t: number,
): string[] {
  const teams = footholdTeams(state, change.nodeId)
  if (teams.length === 0) return []
  const told = teams.filter(
    (teamId) => lastToldStatus(state, teamId, change.nodeId) === change.previous,
  )
  // With no mitigation ever taken, red's world is the twin itself: nothing to compare.
  if (told.length === 0 || !state.effects.some((record) => record.source === 'action')) return told
  const seen = evaluateTwin(twin, attackerWorld(state), t).nodes.find(
    (node) => node.id === change.nodeId,
  )
  if (
    !seen ||
    seen.status !== change.status ||
    seen.mode !== change.mode ||
    !sameNs(seen.timeErrorNs, change.timeErrorNs)
  ) {
    return []
  }
  return told
}

/** The red teams whose foothold holds `nodeId`: one of its targets, or a direct client of one. */
export function footholdTeams(state: ExerciseState, nodeId: string): string[] {
  if (state.attacks.length === 0) return []
  const node = state.scenario?.chain?.nodes.find((candidate) => candidate.id === nodeId)
  if (!node) return []
  const reaches = (target: string) => target === nodeId || node.sources.includes(target)
  return [
    ...new Set(
      state.attacks.filter((a) => a.target !== null && reaches(a.target)).map((a) => a.teamId),
    ),
  ]
}

/** The effects in force but every mitigation: the world red's side knows it has made. */
function attackerWorld(state: ExerciseState): ActiveEffect[] {
  let world = attackerWorlds.get(state.effects)
  if (!world) {
    world = state.effects
      .filter((record) => record.source !== 'action')
      .map((record) => ({
        effect: record.effect,
        startT: record.startT,
        ...(record.endT === null ? {} : { endT: record.endT }),
      }))
    attackerWorlds.set(state.effects, world)
  }
  return world
}

/** The status red was last told for the node (ok until it was told anything). */
function lastToldStatus(state: ExerciseState, teamId: string, nodeId: string): Status {
  const told = state.statusLog.findLast(
    (record) => record.nodeId === nodeId && record.teams.includes(teamId),
  )
  return told?.status ?? 'ok'
}

// The twin is closed-form and seeded alike in both worlds: an unmitigated node reads the same to
// the last bit, so anything beyond rounding means a mitigation has a hand in it.
function sameNs(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}
