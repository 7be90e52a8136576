/**
 * A room's shared documents (team notebooks): opened with their scenario template as first
 * content, and kept in step with the updates other processes record for their own clients.
 */
import * as Y from 'yjs'
import { scenarioTimeAt } from '../../core/clock/ExerciseClock'
import { parseDocumentName } from '../../core/documents/documentName'
import { notebookTemplate } from '../../core/documents/notebookTemplate'
import { seedNotebook } from '../../core/documents/seedNotebook'
import { encodeYjsMessage } from '../../core/documents/yjsMessage'
import type { ExerciseState } from '../../core/protocol/state'
import { ExerciseDocuments, type ExerciseDocumentsDeps } from '../documents/ExerciseDocuments'
import type { DocumentOrigin } from '../documents/SharedDocument'

/** What a room's documents need from the server. */
export type RoomDocumentDeps = Pick<
  ExerciseDocumentsDeps,
  'store' | 'writer' | 'logger' | 'wallClock'
> & {
  /** Sends a document message to a broadcast room but one socket (see DocumentContext.broadcast). */
  readonly broadcastDocument?: ExerciseDocumentsDeps['broadcast']
}

/** The documents of exercise `exerciseId`, whose state at its head `state()` reads. */
export function openRoomDocuments(
  exerciseId: string,
  deps: RoomDocumentDeps,
  state: () => ExerciseState,
): ExerciseDocuments {
  return new ExerciseDocuments({
    exerciseId,
    store: deps.store,
    writer: deps.writer,
    logger: deps.logger,
    wallClock: deps.wallClock,
    scenarioTimeAt: (at) => scenarioTimeAt(state().clock, at),
    // A new notebook's first content is its team's template from the scenario.
    seed: (name, doc) => {
      const ref = parseDocumentName(name)
      const scenario = state().scenario
      if (ref?.kind === 'notebook' && scenario) {
        seedNotebook(doc, notebookTemplate(scenario, ref.teamId))
      }
    },
    ...(deps.broadcastDocument ? { broadcast: deps.broadcastDocument } : {}),
  })
}

/**
 * Applies to this process's copy of document `name` an update another process recorded, and
 * sends it to this process's sessions of it. The copy never records it again (it comes from the
 * log); a copy that finds it lacks what the update builds on reads the log again.
 */
export async function applyRemoteDocumentUpdate(
  documents: ExerciseDocuments,
  exerciseId: string,
  deps: RoomDocumentDeps,
  name: string,
  update: Uint8Array,
): Promise<void> {
  const shared = await documents.acquire(name)
  try {
    const fromLog: DocumentOrigin = { kind: 'log' }
    Y.applyUpdate(shared.doc, update, fromLog)
    const { pendingStructs, pendingDs } = shared.doc.store
    if (pendingStructs || pendingDs) {
      const checkpoint = await deps.store.latestCheckpoint(exerciseId, name)
      const records = await deps.store.readDocumentUpdates(exerciseId, name, {
        afterId: checkpoint?.uptoId ?? 0,
      })
      shared.doc.transact(() => {
        if (checkpoint) Y.applyUpdate(shared.doc, checkpoint.state, fromLog)
        for (const record of records) Y.applyUpdate(shared.doc, record.update, fromLog)
      }, fromLog)
    }
    deps.broadcastDocument?.(
      `doc|${exerciseId}|${name}`,
      name,
      encodeYjsMessage({ type: 'update', update }),
      null,
    )
  } finally {
    documents.releaseIfIdle(name)
  }
}
