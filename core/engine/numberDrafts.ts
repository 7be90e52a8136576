/** Log positions for drafts: one rule for the engine's look-ahead, the server's log and local runs. */
import type { EventDraft, HoldoverEvent } from '../protocol/events'

/**
 * Numbers `drafts` after `lastSeq` (seq first, as the wire shows events). The engine relies on
 * the same numbering to name deliveries and effects after the seq they will get in the log.
 */
export function numberDrafts(drafts: readonly EventDraft[], lastSeq: number): HoldoverEvent[] {
  return drafts.map((draft, i) => ({ seq: lastSeq + 1 + i, ...draft }) as HoldoverEvent)
}
