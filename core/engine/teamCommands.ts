/** What teams do in an exercise: answer decisions, take actions (mitigations), launch attacks. */
import { formatScenarioTime } from '../clock/scenarioTime'
import type { CommandOf } from '../protocol/commands'
import { ERROR_CODES } from '../protocol/errors'
import { checkLaunchParams } from '../scenario/launchParams'
import type { Scenario } from '../scenario/schema'
import type { Effect, EffectTemplate } from '../twin/effectSchema'
import { resolveEffect } from '../twin/effectSchema'
import { effectTargetProblem } from '../twin/effectTargets'
import type { Viewer } from '../visibility/viewer'
import type { Emitter } from './Emitter'
import { restorePace } from './pace'
import { lookUp } from './records'
import { type Refusal, refuse } from './refusal'
import { applyEffects } from './twinRuntime'

/** Records an action a team takes, and puts its effects on the twin in force. */
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
  emitter.emit(
    {
      type: 'action.taken',
      actionId: action.id,
      teamId: actor.teamId,
      participantId: actor.participantId,
      target: command.target ?? null,
    },
    t,
  )
  applyEffects(emitter, 'action', action.id, effects.effects, t)
  return null
}

/** Records red launching an attack, and puts its effect on the twin in force. */
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
  if (!attack.targets.includes(command.target)) {
    return refuse(
      ERROR_CODES.invalid,
      `Attack '${attack.id}' can aim at ${attack.targets.join(', ')}, not '${command.target}'.`,
    )
  }
  const tuned = checkLaunchParams(attack, command.params ?? {})
  if (!tuned.ok) return refuse(ERROR_CODES.invalid, `Attack '${attack.id}': ${tuned.message}`)
  const effects = resolveAll([attack.effect], command.target, tuned.params, scenario)
  if (!effects.ok) return refuse(ERROR_CODES.invalid, `Attack '${attack.id}': ${effects.message}`)
  emitter.emit(
    {
      type: 'attack.launched',
      attackId: attack.id,
      teamId: actor.teamId,
      participantId: actor.participantId,
      target: command.target,
      ...(Object.keys(tuned.params).length > 0 ? { params: { ...tuned.params } } : {}),
    },
    t,
  )
  applyEffects(emitter, 'attack', attack.id, effects.effects, t)
  return null
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
