/**
 * The state as an audience may see it: the facilitator's truth, or one team's share of it.
 *
 * `viewState(state, audience)` is a pure function of the truth at a moment. What a team holds
 * is also the fold of the events `viewEvent` lets it see; the two agree (checked on played logs
 * by engine/viewState.property.test.ts) except for numbering: here every seq is the log's, and
 * `seq` is the moment's, where a team's feed counts only its own events (engine/AudienceFeed.ts
 * renumbers for the wire). The replay shows "seen by team X" with this, straight from the truth's keyframes.
 *
 * The truth keeps what a team's share depends on besides the moment: a participant's moves
 * between teams (a team keeps the record of someone who left it as it last saw them).
 */
import { joinedParticipant, movedParticipant, removedParticipant } from '../protocol/participants'
import { EMPTY_PLAY, type PlayState } from '../protocol/playState'
import type { ActionRecord, ExerciseState, NodeStatusRecord, Participant } from '../protocol/state'
import { type Audience, audienceOf, type Viewer } from '../protocol/viewer'
import { emptyRecord } from '../vocabulary/records'
import { scenarioForTeam } from './scenarioForTeam'

/** What `audience` may see of `state`. The facilitator (and an evaluator) see all of it. */
export function viewState(state: ExerciseState, audience: Viewer | Audience): ExerciseState {
  const seen = audienceOf(audience)
  return seen.role === 'facilitator' ? state : teamState(state, seen.teamId)
}

function teamState(state: ExerciseState, teamId: string): ExerciseState {
  const mine = <T extends { readonly teamId: string | null }>(records: readonly T[]) =>
    records.filter((record) => record.teamId === teamId)
  const deliveries = mine(state.deliveries)
  const actions = mine(state.actions)
  const statusLog = state.statusLog.filter((record) => record.teams.includes(teamId))
  return {
    ...state,
    scenario: state.scenario && scenarioForTeam(state.scenario, teamId),
    // The seed stays with the white cell (viewEvent.ts says why).
    seed: 0,
    participants: teamParticipants(state.participants, teamId),
    deliveries,
    fired: firstTimes(deliveries, (delivery) => delivery.injectId),
    skipped: emptyRecord(),
    rescheduled: emptyRecord(),
    decisions: entriesWhere(state.decisions, (decision) => decision.teamId === teamId),
    actionsTaken: firstTimes(actions, (action: ActionRecord) => action.actionId),
    actions,
    attacks: mine(state.attacks),
    effects: [],
    nodeStatus: lastByNode(statusLog),
    statusLog,
    alerts: mine(state.alerts),
    chat: mine(state.chat),
    play: teamPlay(state, teamId),
    // Which plan step the clock reached, and which decision paused it, are the white cell's.
    pace: { ...state.pace, reached: emptyRecord(), pausedBy: null },
    evaluators: emptyRecord(),
    observations: [],
    hotWash: { survey: state.hotWash?.survey ?? null, responses: [] },
  }
}

/** Everyone who was ever on the team, as the team last saw them. */
function teamParticipants(
  participants: ExerciseState['participants'],
  teamId: string,
): Record<string, Participant> {
  const seen = emptyRecord<Participant>()
  for (const participant of Object.values(participants)) {
    const record = participantSeenBy(participant, teamId)
    if (record) seen[participant.id] = record
  }
  return seen
}

/**
 * A participant's record as `teamId` saw it: its join if they joined it, the moves into and out
 * of it, their removal if they were on it then. Null if they were never on it.
 */
function participantSeenBy(participant: Participant, teamId: string): Participant | null {
  const { id, name } = participant
  const moves = participant.moves ?? []
  const joinedTeam = moves[0]?.fromTeamId ?? participant.teamId
  let seen =
    joinedTeam === teamId ? joinedParticipant(id, name, teamId, participant.joinedAt) : undefined
  for (const move of moves) {
    if (move.teamId === teamId || move.fromTeamId === teamId) {
      seen = movedParticipant(seen, id, name, move)
    }
  }
  // A removed participant cannot move again: the team they were removed from is their last.
  if (seen && participant.removedAt !== undefined && participant.teamId === teamId) {
    seen = removedParticipant(seen, participant.removedAt)
  }
  return seen ?? null
}

/** The live-play records that concern the team. */
function teamPlay(state: ExerciseState, teamId: string): PlayState {
  // Keyframes written before live play have no `play`.
  const play = state.play ?? EMPTY_PLAY
  const channels = entriesWhere(play.channels, (channel) => channel.teams.includes(teamId))
  const memberOf = new Set([
    ...(state.scenario?.channels ?? [])
      .filter((channel) => channel.teams.includes(teamId))
      .map((channel) => channel.id),
    ...Object.keys(channels),
  ])
  const side = state.scenario?.teams.find((team) => team.id === teamId)?.side
  return {
    // The white cell tells the red teams when it wants to approve every attack.
    approveAllAttacks: side === 'red' && play.approveAllAttacks,
    rulings: play.rulings.filter((ruling) => ruling.teamId === teamId),
    channels,
    channelMessages: play.channelMessages.filter((message) => memberOf.has(message.channelId)),
    acknowledged: entriesWhere(play.acknowledged, (ack) => ack.teamId === teamId),
  }
}

/** The entries of `record` that `keep` keeps, in a record without a prototype. */
function entriesWhere<T>(
  record: Readonly<Record<string, T>>,
  keep: (value: T) => boolean,
): Record<string, T> {
  const kept = emptyRecord<T>()
  for (const [key, value] of Object.entries(record)) if (keep(value)) kept[key] = value
  return kept
}

/** Each key's first scenario time among `records`, in order: the first one counts. */
function firstTimes<T extends { readonly t: number }>(
  records: readonly T[],
  keyOf: (record: T) => string | null,
): Record<string, number> {
  const first = emptyRecord<number>()
  for (const record of records) {
    const key = keyOf(record)
    if (key !== null && !Object.hasOwn(first, key)) first[key] = record.t
  }
  return first
}

/** Each node's last status in `log`. */
function lastByNode(log: readonly NodeStatusRecord[]): Record<string, NodeStatusRecord> {
  const last = emptyRecord<NodeStatusRecord>()
  for (const record of log) last[record.nodeId] = record
  return last
}
