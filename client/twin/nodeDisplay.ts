/**
 * How a node of the chain is shown to each audience: the facilitator sees ground truth, red sees
 * what the nodes its attacks reached reported, a blue team only what its own monitoring raised.
 * Every state has a word and a symbol besides its colour.
 */
import type { AlertRecord, NodeStatusRecord } from '../../core/protocol/state'
import type { NodeTruth } from '../../core/protocol/twinView'
import { modeLabel } from './twinLabels'

/** What a node looks like on screen: a status (truth) or an alarm state (monitoring). */
export type DisplayState =
  | 'ok'
  | 'degraded'
  | 'failed'
  | 'alarm'
  | 'no-alarm'
  | 'unmonitored'
  | 'unknown'

export interface NodeDisplay {
  readonly state: DisplayState
  /** The state in words: `failed`, `alarm (2 alerts)`, `no report`. */
  readonly text: string
  /** What the clock is doing, when this audience may know it: `holdover`, `panicked`. */
  readonly detail: string | null
  readonly symbol: string
}

const SYMBOLS: Record<DisplayState, string> = {
  ok: '✓',
  degraded: '▲',
  failed: '✕',
  alarm: '⚠',
  'no-alarm': '○',
  unmonitored: '·',
  unknown: '?',
}

function display(state: DisplayState, text: string, detail: string | null = null): NodeDisplay {
  return { state, text, detail, symbol: SYMBOLS[state] }
}

/**
 * The facilitator's view of a node: the twin's ground truth when a read has arrived, else the
 * status the log last recorded (a node never recorded is ok).
 */
export function facilitatorDisplay(
  truth: Pick<NodeTruth, 'status' | 'mode'> | undefined,
  recorded: Pick<NodeStatusRecord, 'status' | 'mode'> | undefined,
): NodeDisplay {
  const known = truth ?? recorded
  if (!known) return display('ok', 'ok')
  return display(known.status, known.status, modeLabel(known.mode))
}

/** Red's view: what a node its attacks reached last reported; nothing about the others. */
export function redDisplay(
  recorded: Pick<NodeStatusRecord, 'status' | 'mode'> | undefined,
): NodeDisplay {
  if (!recorded) return display('unknown', 'no report')
  return display(recorded.status, recorded.status, modeLabel(recorded.mode))
}

/** A blue team's view: its active alerts on the node, never the twin's status. */
export function teamDisplay(monitored: boolean, activeAlerts: number): NodeDisplay {
  if (!monitored) return display('unmonitored', 'not monitored')
  if (activeAlerts === 0) return display('no-alarm', 'no alarm')
  return display('alarm', `alarm (${activeAlerts} ${activeAlerts === 1 ? 'alert' : 'alerts'})`)
}

/** A node's accessible name: its label and its state in words. */
export function nodeAccessibleName(label: string, shown: NodeDisplay): string {
  return `${label}: ${shown.text}${shown.detail ? `, ${shown.detail}` : ''}`
}

/**
 * The alerts raised and not cleared since, by node and newest first, from the log of raises and
 * clears (in order).
 * An alert is keyed by its id and team: the same rule can alarm for two teams at once.
 */
export function activeAlertsByNode(
  alerts: readonly AlertRecord[],
): ReadonlyMap<string, readonly AlertRecord[]> {
  const latest = new Map<string, AlertRecord>()
  for (const alert of alerts) latest.set(`${alert.teamId}\u0000${alert.alertId}`, alert)
  const byNode = new Map<string, AlertRecord[]>()
  for (const alert of latest.values()) {
    if (!alert.raised) continue
    const list = byNode.get(alert.nodeId)
    if (list) list.push(alert)
    else byNode.set(alert.nodeId, [alert])
  }
  for (const list of byNode.values()) list.sort((a, b) => b.seq - a.seq)
  return byNode
}

/** Who is looking at the chain: the white cell, red, or a blue team (what each may see differs). */
export type TwinAudience =
  | { readonly role: 'facilitator' }
  | { readonly role: 'red'; readonly teamId: string }
  | { readonly role: 'blue'; readonly teamId: string }
