/**
 * Limits on what a client may send for a shared document. A message over a limit is refused with
 * a clear error and changes nothing. Starting values after ../shared/COLLAB.md: generous for people
 * typing and pasting, far below what would hurt the server.
 */
export const DOCUMENT_LIMITS = {
  /** Bytes of one Yjs message (sync step 2 or update). */
  messageBytes: 256 * 1024,
  /** Bytes of a document's state: past it, updates that add content are refused. */
  documentBytes: 5 * 1024 * 1024,
  /** Bytes of one awareness message. */
  awarenessBytes: 2 * 1024,
  /** Awareness clients one connection may announce (one per open editor, with room for reloads). */
  awarenessClientsPerConnection: 4,
  /** Documents one connection may hold open at once. */
  openDocumentsPerConnection: 8,
  /** Sustained updates a second per participant (every socket of it together), and the burst. */
  updatesPerSecond: 30,
  updatesBurst: 120,
  /** Sustained awareness messages a second per participant, and the burst. */
  awarenessPerSecond: 10,
  awarenessBurst: 30,
} as const
