/**
 * Random players for headless runs: red, every blue team and the facilitator make moves drawn
 * from the scenario's own catalogue (attacks, actions, decisions, injects, channels, chat) with
 * a seeded generator, while the clock runs and the server's tick fires between moves. Moves the
 * engine refuses change nothing, as on the server. For property tests and the replay benchmark:
 * a log that looks like a real exercise's, the same for the same seed.
 */
import { scenarioTimeAt } from '../clock/ExerciseClock'
import type { Command } from '../protocol/commands'
import type { ExerciseState } from '../protocol/state'
import type { Viewer } from '../protocol/viewer'
import { FACILITATOR } from '../protocol/viewer'
import type { Scenario, Team } from '../scenario/schema'
import { unitFrom } from '../twin/noise'
import { lookUp } from '../vocabulary/records'
import type { LocalExercise } from './LocalExercise'

export interface RandomPlayOptions {
  /** Seed of the players' choices. */
  readonly seed: number
  /** Play stops once the log holds this many events. */
  readonly untilSeq: number
  /** Wall time between two moves, ms (250 by default: the server's tick). */
  readonly stepMs?: number
  /** The speed the facilitator sets at the start (1× by default). */
  readonly speed?: number
  /** Stops earlier, once the scenario clock has passed this time (seconds). */
  readonly untilT?: number
  /** Share of red's turns that launch an attack (0.02 by default: attacks are rare). */
  readonly attackRate?: number
}

/** Seats two players per team, starts the clock and plays until `untilSeq`; returns the wall time reached. */
export function playRandomly(exercise: LocalExercise, options: RandomPlayOptions): number {
  const scenario = exercise.state.scenario
  if (!scenario) throw new Error('the exercise has no scenario to play')
  const stepMs = options.stepMs ?? 250
  const random = generator(options.seed)
  let wall = exercise.log.at(-1)?.at ?? 0
  const players = scenario.teams.flatMap((team) =>
    [1, 2].map((n): Viewer & { role: 'participant' } => {
      const participantId = `${team.id}-${n}`
      exercise.join(participantId, team.id, `${team.name} ${n}`, wall)
      return { role: 'participant', participantId, teamId: team.id, side: team.side }
    }),
  )
  exercise.execute({ type: 'clock.setSpeed', speed: options.speed ?? 1 }, wall)
  exercise.execute({ type: 'clock.start' }, wall)
  const untilT = options.untilT ?? Number.POSITIVE_INFINITY
  while (
    exercise.log.length < options.untilSeq &&
    scenarioTimeAt(exercise.state.clock, wall) < untilT
  ) {
    wall += stepMs
    exercise.tick(wall)
    const actor = random() < 0.25 ? FACILITATOR : seated(exercise.state, pick(random, players)!)
    const command = moveOf(exercise.state, scenario, actor, random, players, options.attackRate)
    if (command) exercise.execute(command, wall, actor)
  }
  return wall
}

/**
 * Ends the exercise at wall time `now` and has every participant still seated answer the hot
 * wash, every other one signing it, as the server would record them (ballots here are plain).
 */
export function playEnding(exercise: LocalExercise, now: number): void {
  exercise.execute({ type: 'exercise.end' }, now)
  const scenario = exercise.state.scenario!
  const seated = Object.values(exercise.state.participants).filter((p) => p.removedAt === undefined)
  const context = { hotWash: true, ballotOf: (participantId: string) => `ballot-${participantId}` }
  seated.forEach((participant, i) => {
    const side = scenario.teams.find((team) => team.id === participant.teamId)?.side ?? 'blue'
    const actor: Viewer = {
      role: 'participant',
      participantId: participant.id,
      teamId: participant.teamId,
      side,
    }
    const ratings = Object.fromEntries(
      scenario.objectives.slice(0, 2).map((objective) => [objective.id, 4 as const]),
    )
    exercise.execute(
      { type: 'chat.send', channel: participant.teamId, text: `after ${i}` },
      now + i,
      actor,
      context,
    )
    exercise.execute(
      {
        type: 'hotwash.submit',
        wentWell: `well ${i}`,
        toImprove: `improve ${i}`,
        ratings,
        signed: i % 2 === 0,
      },
      now + i,
      actor,
      context,
    )
  })
}

type Random = () => number

/** The player in the seat the log now gives them: the facilitator may have moved them. */
function seated(state: ExerciseState, player: Viewer & { role: 'participant' }): Viewer {
  const teamId = lookUp(state.participants, player.participantId)?.teamId ?? player.teamId
  const side = state.scenario?.teams.find((team) => team.id === teamId)?.side ?? player.side
  return { ...player, teamId, side }
}

/** A generator of uniforms in [0, 1) from `seed`, counter-based (twin/noise.ts's hash). */
function generator(seed: number): Random {
  let n = 0
  return () => unitFrom(seed, n++, 0x5eed)
}

function pick<T>(random: Random, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)]
}

/** A move for `actor`, or null when it has nothing to do this time. */
function moveOf(
  state: ExerciseState,
  scenario: Scenario,
  actor: Viewer,
  random: Random,
  players: readonly (Viewer & { role: 'participant' })[],
  attackRate = 0.02,
): Command | null {
  const text = `note ${state.seq}`
  if (actor.role !== 'participant') return facilitatorMove(state, scenario, random, players)
  const roll = random()
  if (roll < 0.6) return { type: 'chat.send', channel: actor.teamId, text }
  // Moves on the twin are rare, as in a real exercise: each one makes every later tick dearer.
  if (actor.side === 'red') {
    if (roll > 0.6 + attackRate) return null
    const attack = pick(random, scenario.attacks)
    if (!attack) return null
    const target = pick(random, attack.targets)
    // Said why, as red must when control approves its moves.
    const rationale = `move ${state.seq}`
    return { type: 'attack.launch', attackId: attack.id, ...(target ? { target } : {}), rationale }
  }
  if (roll < 0.62) {
    const action = pick(
      random,
      scenario.actions.filter((a) => a.teams.includes(actor.teamId)),
    )
    if (!action) return null
    const target = pick(random, action.targets)
    return { type: 'action.take', actionId: action.id, ...(target ? { target } : {}) }
  }
  if (roll < 0.8) {
    const open = Object.values(state.decisions).filter(
      (d) => d.state === 'open' && d.teamId === actor.teamId,
    )
    const decision = pick(random, open)
    const option = decision && pick(random, decision.options)
    return decision && option
      ? { type: 'decision.answer', decisionId: decision.decisionId, optionId: option.id }
      : null
  }
  if (roll < 0.9) {
    const delivery = pick(
      random,
      state.deliveries.filter((d) => d.teamId === actor.teamId),
    )
    return delivery ? { type: 'inject.acknowledge', deliveryId: delivery.deliveryId } : null
  }
  const channel = pick(random, channelsOf(state, scenario, actor.teamId))
  return channel ? { type: 'channel.send', channelId: channel, text } : null
}

function facilitatorMove(
  state: ExerciseState,
  scenario: Scenario,
  random: Random,
  players: readonly (Viewer & { role: 'participant' })[],
): Command | null {
  const roll = random()
  if (!state.clock.running) return { type: 'clock.start' }
  if (roll < 0.3) {
    const inject = pick(random, scenario.injects)
    return inject ? { type: 'inject.fire', injectId: inject.id } : null
  }
  if (roll < 0.55) {
    const waiting = pick(
      random,
      state.play.rulings.filter((r) => !r.ruling),
    )
    if (!waiting) return null
    const verdict = random() < 0.7 ? 'approve' : 'deny'
    return { type: 'adjudication.rule', requestId: waiting.requestId, verdict, note: '' }
  }
  if (roll < 0.7) {
    const decision = pick(random, scenario.decisions)
    return decision ? { type: 'decision.open', decisionId: decision.id } : null
  }
  if (roll < 0.8) {
    const team = pick(random, scenario.teams)!
    return { type: 'chat.send', channel: team.id, text: `control ${state.seq}` }
  }
  if (roll < 0.85) return { type: 'adjudication.require', attacks: random() < 0.5 }
  if (roll < 0.88) {
    // A player changes seats now and then: what a team saw of them depends on when.
    const player = pick(random, players)!
    const team = pick(random, blueTeams(scenario))
    return team
      ? { type: 'participant.move', participantId: player.participantId, teamId: team.id }
      : null
  }
  if (roll < 0.9) return { type: 'clock.pause' }
  if (roll < 0.91) {
    const teams = blueTeams(scenario).map((team) => team.id)
    return teams.length < 2
      ? null
      : {
          type: 'channel.open',
          channelId: `bridge-${state.seq}`,
          name: 'Bridge',
          teams,
          includesRed: false,
        }
  }
  if (roll < 0.93) {
    const open = Object.values(state.decisions).filter((d) => d.state === 'open')
    const decision = pick(random, open)
    return decision ? { type: 'decision.extend', decisionId: decision.decisionId, by: 60 } : null
  }
  if (roll < 0.932) {
    // Rarely, someone leaves for good.
    const player = pick(random, players)!
    return { type: 'participant.remove', participantId: player.participantId }
  }
  return null
}

function blueTeams(scenario: Scenario): Team[] {
  return scenario.teams.filter((team) => team.side === 'blue')
}

/** The cross-team channels that name `teamId`: the scenario's and those opened since. */
function channelsOf(state: ExerciseState, scenario: Scenario, teamId: string): string[] {
  const declared = scenario.channels.filter((c) => c.teams.includes(teamId)).map((c) => c.id)
  const opened = Object.values(state.play.channels)
    .filter((c) => c.teams.includes(teamId))
    .map((c) => c.channelId)
  return [...declared, ...opened]
}
