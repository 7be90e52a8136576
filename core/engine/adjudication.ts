/** The white cell's rulings: approval switched on for every attack, and a queued move approved, denied or modified. */
import type { CommandOf } from '../protocol/commands'
import { ERROR_CODES } from '../protocol/errors'
import { checkLaunchParams, describeTunables, tunablesOf } from '../scenario/launchParams'
import type { Scenario } from '../scenario/schema'
import type { Emitter } from './Emitter'
import { type Refusal, refuse } from './refusal'
import { performAction, performLaunch } from './teamCommands'

/** Turns approval of every attack on or off; red's teams are told. */
export function requireApproval(
  emitter: Emitter,
  scenario: Scenario,
  command: CommandOf<'adjudication.require'>,
  t: number,
): Refusal | null {
  if ((emitter.state.play?.approveAllAttacks ?? false) === command.attacks) {
    return refuse(
      ERROR_CODES.conflict,
      command.attacks
        ? 'Every attack already needs your approval.'
        : 'Only the attacks the scenario marks need your approval already.',
    )
  }
  const teams = scenario.teams.filter((team) => team.side === 'red').map((team) => team.id)
  emitter.emit({ type: 'adjudication.required', attacks: command.attacks, teams }, t)
  return null
}

/** Rules on a queued move: approved or modified, it runs now (an attack then lands when it executes). */
export function ruleOn(
  emitter: Emitter,
  scenario: Scenario,
  command: CommandOf<'adjudication.rule'>,
  t: number,
): Refusal | null {
  const request = (emitter.state.play?.rulings ?? []).find(
    (record) => record.requestId === command.requestId,
  )
  if (!request) return refuse(ERROR_CODES.notFound, `No request '${command.requestId}' waits.`)
  if (request.ruling) {
    return refuse(
      ERROR_CODES.conflict,
      `Request '${request.requestId}' was already ${request.ruling.verdict}.`,
    )
  }
  let params = request.params
  if (command.verdict === 'modify') {
    const attack =
      request.kind === 'attack' ? scenario.attacks.find((a) => a.id === request.itemId) : undefined
    if (!attack || tunablesOf(attack).length === 0) {
      return refuse(
        ERROR_CODES.invalid,
        'This move has nothing control may modify; approve or deny it, with a note.',
      )
    }
    const tuned = checkLaunchParams(attack, command.params ?? {})
    if (!tuned.ok || Object.keys(command.params ?? {}).length === 0) {
      return refuse(
        ERROR_CODES.invalid,
        `Modify within what the scenario allows: ${tuned.ok ? describeTunables(attack) : tuned.message}.`,
      )
    }
    params = { ...request.params, ...tuned.params }
  } else if (command.params !== undefined) {
    return refuse(ERROR_CODES.invalid, 'Parameters go with a modification only.')
  }
  const verdict =
    command.verdict === 'approve' ? 'approved' : command.verdict === 'deny' ? 'denied' : 'modified'
  emitter.emit(
    {
      type: 'adjudication.ruled',
      requestId: request.requestId,
      kind: request.kind,
      itemId: request.itemId,
      teamId: request.teamId,
      verdict,
      ...(verdict === 'modified' && params ? { params } : {}),
      note: command.note,
      by: 'facilitator',
    },
    t,
  )
  if (verdict === 'denied') return null
  if (request.kind === 'action') {
    performAction(emitter, scenario, request, t)
  } else {
    performLaunch(
      emitter,
      scenario,
      {
        ...request,
        ...(params ? { params } : {}),
        requestId: request.requestId,
      },
      t,
    )
  }
  return null
}
