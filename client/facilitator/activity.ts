/** The white cell's activity stream: what every team did, as items to filter and count unread. */
import type { NotebookEdit } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import { scenarioNames } from '../shared/scenarioNames'

/** The kinds of activity, in the order the filter shows them. */
export const ACTIVITY_KINDS = {
  chat: 'Chat',
  action: 'Actions',
  decision: 'Decisions',
  attack: 'Attacks',
  notebook: 'Notebooks',
} as const
export type ActivityKind = keyof typeof ACTIVITY_KINDS

/** One thing a team did, worded for the stream. */
export interface ActivityItem {
  /** Stable across snapshots: the read mark of this item. */
  readonly key: string
  readonly kind: ActivityKind
  readonly teamId: string
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

const DECISION_REASONS = {
  answered: 'answered',
  vote: 'decided by vote',
  default: 'took the default at the deadline',
  undecided: 'closed undecided at the deadline',
} as const

/**
 * Every team's chat, actions, attack launches, decisions and notebook writing, newest first.
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
  const teamName = (teamId: string) =>
    state.scenario?.teams.find((team) => team.id === teamId)?.name ?? teamId
  for (const edit of edits) {
    items.push({
      key: `notebook:${edit.teamId}:${edit.participantId}:${edit.at}`,
      kind: 'notebook',
      teamId: edit.teamId,
      t: edit.t,
      order: edit.at,
      who: edit.name,
      text: `edited ${teamName(edit.teamId)}'s notebook`,
      fromTeam: true,
    })
  }
  return items.sort((a, b) => b.t - a.t || b.order - a.order)
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
      (filter.teamId === null || item.teamId === filter.teamId) && filter.kinds.has(item.kind),
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
