/** What teams do in an exercise: answer decisions, take actions (mitigations), launch attacks. */
import type { CommandOf } from '../protocol/commands'
import { ERROR_CODES, type ProtocolError } from '../protocol/errors'
import type { AttackRecord, ExerciseState } from '../protocol/state'
import type { Viewer } from '../protocol/viewer'
import { preconditionProblem } from '../scenario/campaign'
import { checkLaunchParams } from '../scenario/launchParams'
import type { Scenario } from '../scenario/schema'
import type { CatalogueAttack } from '../scenario/tunables'
import type { Effect, EffectTemplate } from '../twin/effectSchema'
import { resolveEffect } from '../twin/effectSchema'
import { effectTargetProblem } from '../twin/effectTargets'
import { lookUp } from '../vocabulary/records'
import { formatScenarioTime } from '../vocabulary/scenarioTime'
import type { Emitter } from './Emitter'
import { restorePace } from './pace'
import { type Refusal, refuse } from './refusal'
import { requestRuling } from './rulingRequest'
import { applyEffects } from './twinRuntime'
import { unscriptedInject } from './unscriptedInject'

/** Records an action a team takes (or asks a controller to rule on, when the scenario says so). */
export function takeAction(
  emitter: Emitter,
  scenario: Scenario,
  command: CommandOf<'action.take'>,
  actor: Viewer,
  t: number,
): Refusal | null {
  if (actor.role !== 'participant') {
    return refuse(ERROR_CODES.forbidden, 'Actions are taken by a team; join a team to take one.')
  }
  // Another team's action and one that does not exist get the same answer: the refusal must
  // not tell a team what the others can do.
  const action = scenario.actions.find(
    (candidate) => candidate.id === command.actionId && candidate.teams.includes(actor.teamId),
  )
  if (!action) return refuse(ERROR_CODES.notFound, noSuchForTeam('action', command.actionId))
  if (
    command.target !== undefined &&
    action.targets.length > 0 &&
    !action.targets.includes(command.target)
  ) {
    return refuse(
      ERROR_CODES.invalid,
      `Action '${action.id}' can aim at ${action.targets.join(', ')}, not '${command.target}'.`,
    )
  }
  const effects = resolveAll(action.effects, command.target, {}, scenario)
  if (!effects.ok) return refuse(ERROR_CODES.invalid, `Action '${action.id}': ${effects.message}`)
  const move = {
    kind: 'action' as const,
    itemId: action.id,
    teamId: actor.teamId,
    participantId: actor.participantId,
    target: command.target ?? null,
  }
  if (action.needsRuling) return requestRuling(emitter, move, command.rationale, t)
  performAction(emitter, scenario, move, t)
  return null
}

/** Takes an action (taken at once, or approved by a controller): its record and its effects. */
export function performAction(
  emitter: Emitter,
  scenario: Scenario,
  move: { itemId: string; teamId: string; participantId: string | null; target: string | null },
  t: number,
): void {
  const action = scenario.actions.find((candidate) => candidate.id === move.itemId)
  if (!action) return
  const effects = resolveAll(action.effects, move.target ?? undefined, {}, scenario)
  emitter.emit(
    {
      type: 'action.taken',
      actionId: action.id,
      teamId: move.teamId,
      participantId: move.participantId,
      target: move.target,
    },
    t,
  )
  if (effects.ok) applyEffects(emitter, 'action', action.id, effects.effects, t)
}

/**
 * Red launching an attack: refused with why when its target, parameters or preconditions are
 * wrong; sent to the white cell's queue when it needs approval; launched otherwise.
 */
export function launchAttack(
  emitter: Emitter,
  scenario: Scenario,
  command: CommandOf<'attack.launch'>,
  actor: Viewer,
  t: number,
): Refusal | null {
  if (actor.role !== 'participant' || actor.side !== 'red') {
    return refuse(ERROR_CODES.forbidden, 'Only the red team launches attacks.')
  }
  const attack = scenario.attacks.find((candidate) => candidate.id === command.attackId)
  if (!attack)
    return refuse(ERROR_CODES.notFound, `This scenario has no attack '${command.attackId}'.`)
  const checked = checkLaunch(scenario, attack, command.target, command.params ?? {})
  if (!checked.ok) return checked.refusal
  const precondition = preconditionProblem(
    attack,
    landedAttacks(emitter.state, actor.teamId),
    scenario.attacks,
  )
  if (precondition) return refuse(ERROR_CODES.conflict, precondition)
  const move = {
    kind: 'attack' as const,
    itemId: attack.id,
    teamId: actor.teamId,
    participantId: actor.participantId,
    target: command.target ?? null,
    ...(Object.keys(checked.params).length > 0 ? { params: checked.params } : {}),
  }
  if (attack.needsApproval || emitter.state.play?.approveAllAttacks) {
    return requestRuling(emitter, move, command.rationale, t)
  }
  performLaunch(emitter, scenario, { ...move, rationale: command.rationale ?? '' }, t)
  return null
}

type LaunchCheck = { ok: true; params: Record<string, number> } | { ok: false; refusal: Refusal }

/** The target and parameters of a launch against the catalogue entry (and its effect against the chain). */
export function checkLaunch(
  scenario: Scenario,
  attack: CatalogueAttack,
  target: string | undefined,
  params: Record<string, unknown>,
): LaunchCheck {
  const fail = (code: ProtocolError['code'], message: string): LaunchCheck => ({
    ok: false,
    refusal: refuse(code, message),
  })
  if (attack.targets.length === 0 && target !== undefined) {
    return fail(ERROR_CODES.invalid, `Attack '${attack.id}' takes no target.`)
  }
  if (attack.targets.length > 0 && (target === undefined || !attack.targets.includes(target))) {
    return fail(
      ERROR_CODES.invalid,
      `Attack '${attack.id}' can aim at ${attack.targets.join(', ')}, not '${target ?? 'nothing'}'.`,
    )
  }
  const tuned = checkLaunchParams(attack, params)
  if (!tuned.ok) return fail(ERROR_CODES.invalid, `Attack '${attack.id}': ${tuned.message}`)
  if (attack.effect) {
    const effects = resolveAll([attack.effect], target, tuned.params, scenario)
    if (!effects.ok) return fail(ERROR_CODES.invalid, `Attack '${attack.id}': ${effects.message}`)
  }
  return { ok: true, params: tuned.params }
}

/** Launches an attack (at once, or approved by the white cell); it lands now or `executeIn` later. */
export function performLaunch(
  emitter: Emitter,
  scenario: Scenario,
  move: {
    itemId: string
    teamId: string
    participantId: string | null
    target: string | null
    params?: Readonly<Record<string, number>>
    rationale: string
    requestId?: string
  },
  t: number,
): void {
  const attack = scenario.attacks.find((candidate) => candidate.id === move.itemId)
  if (!attack) return
  const executeIn = attack.executeIn ?? 0
  emitter.emit(
    {
      type: 'attack.launched',
      attackId: attack.id,
      teamId: move.teamId,
      participantId: move.participantId,
      target: move.target,
      ...(move.params && Object.keys(move.params).length > 0 ? { params: { ...move.params } } : {}),
      ...(move.rationale ? { rationale: move.rationale } : {}),
      ...(move.requestId ? { requestId: move.requestId } : {}),
      ...(executeIn > 0 ? { landsT: t + executeIn } : {}),
    },
    t,
  )
  const record = emitter.state.attacks.at(-1)
  if (record && executeIn === 0) landAttack(emitter, scenario, record, t)
}

/** An attack's effect lands: recorded, put on the twin, and shown to the monitoring that would see it. */
export function landAttack(
  emitter: Emitter,
  scenario: Scenario,
  record: AttackRecord,
  t: number,
): void {
  const attack = scenario.attacks.find((candidate) => candidate.id === record.attackId)
  if (!attack) return
  emitter.emit(
    {
      type: 'attack.landed',
      attackId: attack.id,
      launchSeq: record.seq,
      teamId: record.teamId,
      target: record.target,
    },
    t,
  )
  if (attack.effect) {
    const effects = resolveAll(
      [attack.effect],
      record.target ?? undefined,
      record.params ?? {},
      scenario,
    )
    if (effects.ok) applyEffects(emitter, 'attack', attack.id, effects.effects, t)
  }
  for (const alert of attack.noise?.alerts ?? []) {
    emitter.deliver(unscriptedInject(attack.id, alert), t, null)
  }
}

/** The attacks of `teamId` whose effect has landed: what its next moves may build on. */
export function landedAttacks(state: ExerciseState, teamId: string): Set<string> {
  return new Set(
    state.attacks
      .filter((record) => record.teamId === teamId && record.landedT !== undefined)
      .map((record) => record.attackId),
  )
}

/** Completes effect templates with their target and parameters, and checks them against the chain. */
function resolveAll(
  templates: readonly EffectTemplate[],
  target: string | undefined,
  params: Record<string, unknown>,
  scenario: Scenario,
): { ok: true; effects: Effect[] } | { ok: false; message: string } {
  const effects: Effect[] = []
  for (const template of templates) {
    const resolved = resolveEffect(template, target, params)
    if (!resolved.ok) return resolved
    const problem = effectTargetProblem(scenario.chain?.nodes ?? [], resolved.effect)
    if (problem) return { ok: false, message: `expected ${problem}` }
    effects.push(resolved.effect)
  }
  return { ok: true, effects }
}

/** The one refusal a participant gets for another team's item and for one that does not exist. */
function noSuchForTeam(what: string, id: string): string {
  return `Your team has no ${what} '${id}'.`
}

/** Records an answer to an open decision; a lead's (or control's) answer closes it. */
export function answerDecision(
  emitter: Emitter,
  command: CommandOf<'decision.answer'>,
  actor: Viewer,
  t: number,
): Refusal | null {
  const status = lookUp(emitter.state.decisions, command.decisionId)
  // Not open yet, never to open, or another team's: one answer, so that a refusal never tells
  // a team when another team received its question.
  if (!status || (actor.role === 'participant' && actor.teamId !== status.teamId)) {
    const message =
      actor.role === 'participant'
        ? noSuchForTeam('open decision', command.decisionId)
        : `No decision '${command.decisionId}' is open.`
    return refuse(ERROR_CODES.notFound, message)
  }
  if (status.state === 'closed') {
    return refuse(
      ERROR_CODES.conflict,
      `Decision '${status.decisionId}' closed at ${formatScenarioTime(status.closedT)}.`,
    )
  }
  if (!status.options.some((option) => option.id === command.optionId)) {
    const known = status.options.map((option) => option.id).join(', ')
    return refuse(
      ERROR_CODES.notFound,
      `Decision '${status.decisionId}' has no option '${command.optionId}'; its options are ${known}.`,
    )
  }
  const participantId = actor.role === 'participant' ? actor.participantId : null
  const base = { decisionId: status.decisionId, teamId: status.teamId }
  emitter.emit({ type: 'decision.answered', ...base, participantId, optionId: command.optionId }, t)
  // The lead's (or control's) answer decides at once; a vote waits for the deadline.
  if (status.decidedBy === 'lead' || actor.role === 'facilitator') {
    emitter.emit(
      { type: 'decision.closed', ...base, optionId: command.optionId, reason: 'answered' },
      t,
    )
    restorePace(emitter, status.decisionId, t)
  }
  return null
}
