/**
 * The dry run's consistency check: an inject whose title says something went wrong at a node
 * (stepped, failed, behind, inserted…) while the twin shows every node it names as ok at that
 * moment and throughout the hour before (a report may describe trouble that has just ended). Such an inject was aligned by hand with a time and has drifted from the twin; a twin
 * trigger (`when: { node, status }`) keeps the two together.
 */
import type { HoldoverEvent } from '../../core/protocol/events'
import type { Scenario } from '../../core/scenario/schema'

/** An inject may report trouble that ended this long before it is delivered (s). */
export const LOOKBACK_S = 3_600

/** Words with which an inject's title claims a node is not ok. */
const TROUBLE =
  /\b(fail(s|ed|ing|ure)?|down|breach|behind|ahead|stepped|step(s)? back|inserted|shifted|exited|panic|holdover|free-running|lost|off by|out of (budget|tolerance))\b/i

/** One inject whose words the twin contradicts. */
export interface ConsistencyWarning {
  readonly injectId: string
  readonly t: number
  readonly title: string
  /** The nodes it names, all ok in the twin when it was delivered and the hour before. */
  readonly nodes: readonly string[]
}

/** The nodes an inject's title names: by id, or by its label up to the first bracket or colon. */
export function nodesNamed(scenario: Scenario, text: string): string[] {
  const lower = text.toLowerCase()
  return (scenario.chain?.nodes ?? [])
    .filter((node) => {
      const id = new RegExp(`(^|[^a-z0-9-])${node.id}($|[^a-z0-9-])`).test(lower)
      const short = node.label.split(/[(:]/)[0]?.trim().toLowerCase() ?? ''
      return id || (short.length >= 6 && lower.includes(short))
    })
    .map((node) => node.id)
}

/** Injects delivered with a claim of trouble at nodes the twin shows ok at that moment. */
export function consistencyWarnings(
  scenario: Scenario,
  log: readonly HoldoverEvent[],
): ConsistencyWarning[] {
  const status = new Map<string, string>()
  /** When each node was last seen not ok (still not ok: Infinity). */
  const troubled = new Map<string, number>()
  const warnings: ConsistencyWarning[] = []
  const seen = new Set<string>()
  for (const event of log) {
    if (event.type === 'twin.statusChanged') {
      status.set(event.nodeId, event.status)
      troubled.set(event.nodeId, event.status === 'ok' ? event.t : Number.POSITIVE_INFINITY)
    }
    if (event.type !== 'inject.delivered' || !event.injectId || seen.has(event.injectId)) continue
    seen.add(event.injectId)
    if (!TROUBLE.test(event.title)) continue
    const named = nodesNamed(scenario, event.title)
    if (named.length === 0) continue
    const quiet = (id: string) =>
      (status.get(id) ?? 'ok') === 'ok' && (troubled.get(id) ?? -Infinity) < event.t - LOOKBACK_S
    if (named.every(quiet))
      warnings.push({ injectId: event.injectId, t: event.t, title: event.title, nodes: named })
  }
  return warnings
}
