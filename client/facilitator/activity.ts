/** The white cell's activity stream: what every team did, as items to filter and count unread. */
import { channelsOf } from '../../core/engine/channels'
import type { NotebookEdit } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import { type ScenarioNames, scenarioNames } from '../../core/scenario/scenarioNames'

/** The kinds of activity, in the order the filter shows them. */
export const ACTIVITY_KINDS = {
  chat: 'Chat',
  action: 'Actions',
  decision: 'Decisions',
  attack: 'Attacks',
  ruling: 'Rulings',
  channel: 'Channels',
  notebook: 'Notebooks',
} as const
export type ActivityKind = keyof typeof ACTIVITY_KINDS

/** One thing a team did, worded for the stream. */
export interface ActivityItem {
  /** Stable across snapshots: the read mark of this item. */
  readonly key: string
  readonly kind: ActivityKind
  readonly teamId: string
  /** Every team it concerns, when more than `teamId` (a channel's members). */
  readonly teams?: readonly string[]
  /** Scenario seconds. */
  readonly t: number
  /** Orders items at the same `t`: the event's seq, or the state's for decisions. */
  readonly order: number
  /** Who did it: a participant's name, or "Exercise control". */
  readonly who: string
  readonly text: string
  /** False for what the white cell did itself (its own chat, actions taken for a team). */
  readonly fromTeam: boolean
}

const CONTROL = 'Exercise control'

const VERDICTS = {
  approved: 'approved',
  denied: 'denied',
  modified: 'approved, modified,',
} as const

const DECISION_REASONS = {
  answered: 'answered',
  vote: 'decided by vote',
  default: 'took the default at the deadline',
  undecided: 'closed undecided at the deadline',
} as const

/**
 * Every team's chat, actions, attack launches, decisions, moves put to control's ruling (and the
 * rulings), cross-team channel messages and notebook writing, newest first.
 * Notebook edits are not in the event log the console folds: they come as the server's notes
 * (`edits`, at most one per person and notebook a minute).
 */
export function activityOf(
  state: ExerciseState,
  edits: readonly NotebookEdit[] = [],
): ActivityItem[] {
  const names = scenarioNames(state.scenario)
  const person = (participantId: string | null) =>
    participantId === null ? CONTROL : (state.participants[participantId]?.name ?? 'A participant')
  const items: ActivityItem[] = []
  for (const message of state.chat) {
    items.push({
      key: `chat:${message.seq}`,
      kind: 'chat',
      teamId: message.teamId,
      t: message.t,
      order: message.seq,
      who: message.participantId === null ? 'White cell' : message.name,
      text: message.text,
      fromTeam: message.participantId !== null,
    })
  }
  for (const action of state.actions) {
    items.push({
      key: `action:${action.seq}`,
      kind: 'action',
      teamId: action.teamId,
      t: action.t,
      order: action.seq,
      who: person(action.participantId),
      text: `took "${names.action(action.actionId)}"${action.target ? ` on ${names.node(action.target)}` : ''}`,
      fromTeam: action.participantId !== null,
    })
  }
  for (const attack of state.attacks) {
    items.push({
      key: `attack:${attack.seq}`,
      kind: 'attack',
      teamId: attack.teamId,
      t: attack.t,
      order: attack.seq,
      who: person(attack.participantId),
      text: `launched "${names.attack(attack.attackId)}"${attack.target === null ? '' : ` on ${names.node(attack.target)}`}`,
      fromTeam: attack.participantId !== null,
    })
  }
  for (const decision of Object.values(state.decisions)) {
    if (decision.state !== 'closed') continue
    const option = decision.options.find((o) => o.id === decision.optionId)
    items.push({
      key: `decision:${decision.decisionId}`,
      kind: 'decision',
      teamId: decision.teamId,
      t: decision.closedT,
      order: state.seq,
      who: decision.reason === 'answered' ? 'The team' : CONTROL,
      text: `${DECISION_REASONS[decision.reason]} "${decision.question}"${option ? `: ${option.label}` : ''}`,
      fromTeam: decision.reason === 'answered' || decision.reason === 'vote',
    })
  }
  items.push(...rulingItems(state, names, person), ...channelItems(state))
  for (const edit of edits) {
    items.push({
      key: `notebook:${edit.teamId}:${edit.participantId}:${edit.at}`,
      kind: 'notebook',
      teamId: edit.teamId,
      t: edit.t,
      order: edit.at,
      who: edit.name,
      text: `edited ${names.team(edit.teamId)}'s notebook`,
      fromTeam: true,
    })
  }
  return items.sort((a, b) => b.t - a.t || b.order - a.order)
}

/** Each move put to control's ruling, and each ruling given. */
function rulingItems(
  state: ExerciseState,
  names: ScenarioNames,
  person: (participantId: string | null) => string,
): ActivityItem[] {
  const items: ActivityItem[] = []
  for (const request of state.play?.rulings ?? []) {
    const item =
      request.kind === 'attack' ? names.attack(request.itemId) : names.action(request.itemId)
    const move = `"${item}"${request.target === null ? '' : ` on ${names.node(request.target)}`}`
    items.push({
      key: `ruling:${request.requestId}`,
      kind: 'ruling',
      teamId: request.teamId,
      t: request.requestedT,
      order: request.requestedAt,
      who: person(request.participantId),
      text: `asked control to rule on ${move}: ${request.rationale}`,
      fromTeam: true,
    })
    if (!request.ruling) continue
    const { verdict, note } = request.ruling
    items.push({
      key: `ruled:${request.requestId}`,
      kind: 'ruling',
      teamId: request.teamId,
      t: request.ruling.t,
      order: request.ruling.at,
      who: CONTROL,
      text: `${VERDICTS[verdict]} ${move}${note ? `: ${note}` : ''}`,
      fromTeam: false,
    })
  }
  return items
}

/** Messages on the cross-team channels, under the team that wrote them and every member. */
function channelItems(state: ExerciseState): ActivityItem[] {
  const channels = new Map(channelsOf(state).map((channel) => [channel.channelId, channel]))
  return (state.play?.channelMessages ?? []).map((message) => {
    const channel = channels.get(message.channelId)
    const members = channel?.teams ?? []
    return {
      key: `channel:${message.seq}`,
      kind: 'channel',
      teamId: message.teamId ?? members[0] ?? '',
      teams: members,
      t: message.t,
      order: message.seq,
      who: message.teamId === null ? CONTROL : message.name,
      text: `in "${channel?.name ?? message.channelId}": ${message.text}`,
      fromTeam: message.teamId !== null,
    }
  })
}

/** What the stream shows: one team or all (null), and the kinds switched on. */
export interface ActivityFilter {
  readonly teamId: string | null
  readonly kinds: ReadonlySet<ActivityKind>
}

/** The items `filter` lets through. */
export function filterActivity(
  items: readonly ActivityItem[],
  filter: ActivityFilter,
): ActivityItem[] {
  return items.filter(
    (item) =>
      (filter.teamId === null ||
        item.teamId === filter.teamId ||
        (item.teams?.includes(filter.teamId) ?? false)) &&
      filter.kinds.has(item.kind),
  )
}

/** Per team, how many of the team's own items are not in `read`. */
export function unreadByTeam(
  items: readonly ActivityItem[],
  read: ReadonlySet<string>,
): ReadonlyMap<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) {
    if (!item.fromTeam || read.has(item.key)) continue
    counts.set(item.teamId, (counts.get(item.teamId) ?? 0) + 1)
  }
  return counts
}

/** The sum of a per-team count. */
export function totalOf(counts: ReadonlyMap<string, number>): number {
  let total = 0
  for (const count of counts.values()) total += count
  return total
}
