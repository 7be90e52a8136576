/** Brings the exercise up to a scenario time: everything that falls due on the way fires, once, in order. */
import { scenarioTimeAt } from '../clock/ExerciseClock'
import type { EventDraft } from '../protocol/events'
import type { DecisionStatus, ExerciseState } from '../protocol/state'
import type { Decision, Inject } from '../scenario/schema'
import { lookUp } from '../vocabulary/records'
import { Emitter } from './Emitter'
import { reachStep, restorePace, slowForDecision } from './pace'
import { pendingSchedule } from './schedule'
import { landAttack } from './teamCommands'
import { applyEffects, recordNextTwinChange } from './twinRuntime'

// A scenario whose triggers keep re-arming each other must not hang the server.
const MAX_STEPS = 10_000

/**
 * Fires every pending item due at or before `untilT` (by default, the clock's time at the
 * emitter's wall time), each at its own scenario time. Items made due by earlier ones (an inject
 * `after` another, a decision's consequences) fire in the same pass.
 */
export function advance(emitter: Emitter, untilT?: number): void {
  const start = emitter.state
  if (start.ended || !start.scenario) return
  const jumping = untilT !== undefined
  const jumpFromT = jumping ? scenarioTimeAt(start.clock, emitter.now) : undefined
  for (let step = 0; step < MAX_STEPS; step++) {
    // Recomputed each step: a plan step or a decision may slow or hold the clock on the way.
    const clock = emitter.state.clock
    const limit = untilT ?? (clock.running ? scenarioTimeAt(clock, emitter.now) : -1)
    const next = pendingSchedule(emitter.state, jumping ? { jumpFromT } : {})[0]
    // The twin's changes up to the next scheduled item come first, each at its own time.
    const horizon = next && next.dueT <= limit ? next.dueT : limit
    if (horizon >= 0 && recordNextTwinChange(emitter, horizon)) continue
    if (!next || next.dueT > limit) return
    switch (next.kind) {
      case 'inject':
        fireInject(emitter, next.inject, next.dueT)
        break
      case 'decision.open':
        openDecision(emitter, next.decision, next.dueT)
        break
      case 'decision.close':
        closeDecision(emitter, next.decision, next.dueT)
        break
      case 'attack.land':
        landAttack(emitter, start.scenario, next.attack, next.dueT)
        break
      case 'plan.step':
        reachStep(emitter, next.step, next.dueT, jumping)
        break
    }
  }
  throw new Error(
    `advance: more than ${MAX_STEPS} items fell due at once; the scenario's triggers loop`,
  )
}

/** What has fallen due by wall time `now`: the events the server's tick appends. */
export function dueEvents(state: ExerciseState, now: number): EventDraft[] {
  const emitter = new Emitter(state, now)
  advance(emitter)
  return emitter.drafts
}

/** Delivers a scripted inject and puts its effects on the twin in force. */
export function fireInject(emitter: Emitter, inject: Inject, t: number): void {
  emitter.deliver(inject, t)
  applyEffects(emitter, 'inject', inject.id, inject.effects, t)
}

/** Opens a decision for its team at scenario time `t`, and slows the clock for it. */
export function openDecision(emitter: Emitter, decision: Decision, t: number): void {
  emitter.emit(
    {
      type: 'decision.opened',
      decisionId: decision.id,
      teamId: decision.to,
      question: decision.question,
      body: decision.body,
      options: decision.options.map(({ id, label, description }) => ({ id, label, description })),
      decidedBy: decision.decidedBy,
      deadlineT: t + decision.within,
      deadlineAt: emitter.now + decision.minWall * 1000,
    },
    t,
  )
  slowForDecision(emitter, decision, t)
}

/** Closes a decision at its deadline: the vote's winner, else the default, else undecided. */
function closeDecision(emitter: Emitter, decision: Decision, t: number): void {
  const status = lookUp(emitter.state.decisions, decision.id)
  if (status?.state !== 'open') return
  const winner = voteWinner(status, decision)
  const optionId = winner ?? decision.default ?? null
  const reason = winner !== null ? 'vote' : optionId !== null ? 'default' : 'undecided'
  emitter.emit(
    { type: 'decision.closed', decisionId: decision.id, teamId: decision.to, optionId, reason },
    t,
  )
  restorePace(emitter, decision.id, t)
}

/** The most-chosen option; a tie goes to the option listed first in the scenario. */
function voteWinner(status: DecisionStatus, decision: Decision): string | null {
  const counts = new Map<string, number>()
  for (const optionId of Object.values(status.votes))
    counts.set(optionId, (counts.get(optionId) ?? 0) + 1)
  let best: string | null = null
  let bestCount = 0
  for (const option of decision.options) {
    const count = counts.get(option.id) ?? 0
    if (count > bestCount) {
      best = option.id
      bestCount = count
    }
  }
  return best
}
