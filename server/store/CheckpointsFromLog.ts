/**
 * A store whose document checkpoints are folded from the log itself (the latest checkpoint and
 * every update after it), not from the caller's copy: on several processes a copy may lack an
 * update another process recorded, and a checkpoint that claimed it would lose it on the next load.
 */
import * as Y from 'yjs'
import type { HoldoverEvent } from '../../core/protocol/events'
import type {
  DocumentCheckpoint,
  DocumentUpdateRecord,
  ExerciseRecord,
  ReplayLinkRecord,
  Store,
} from './Store'

export class CheckpointsFromLog implements Store {
  constructor(private readonly store: Store) {}

  async saveCheckpoint(exerciseId: string, doc: string, _copy: DocumentCheckpoint): Promise<void> {
    const previous = await this.store.latestCheckpoint(exerciseId, doc)
    const updates = await this.store.readDocumentUpdates(exerciseId, doc, {
      afterId: previous?.uptoId ?? 0,
    })
    const last = updates.at(-1)
    if (!last) return
    const folded = new Y.Doc()
    try {
      folded.transact(() => {
        if (previous) Y.applyUpdate(folded, previous.state)
        for (const record of updates) Y.applyUpdate(folded, record.update)
      })
      await this.store.saveCheckpoint(exerciseId, doc, {
        uptoId: last.id,
        at: last.at,
        state: Y.encodeStateAsUpdate(folded),
      })
    } finally {
      folded.destroy()
    }
  }

  createExercise(record: ExerciseRecord, events: readonly HoldoverEvent[]) {
    return this.store.createExercise(record, events)
  }
  getExercise(id: string) {
    return this.store.getExercise(id)
  }
  listExercises() {
    return this.store.listExercises()
  }
  setArchived(id: string, archivedAt: number | null) {
    return this.store.setArchived(id, archivedAt)
  }
  deleteExercise(id: string) {
    return this.store.deleteExercise(id)
  }
  replaceJoinCode(exerciseId: string, teamId: string, code: string) {
    return this.store.replaceJoinCode(exerciseId, teamId, code)
  }
  markLive(id: string, live: boolean) {
    return this.store.markLive(id, live)
  }
  liveExercises() {
    return this.store.liveExercises()
  }
  findJoinCode(code: string) {
    return this.store.findJoinCode(code)
  }
  createReplayLink(link: ReplayLinkRecord) {
    return this.store.createReplayLink(link)
  }
  listReplayLinks(exerciseId: string) {
    return this.store.listReplayLinks(exerciseId)
  }
  findReplayLink(tokenHash: string) {
    return this.store.findReplayLink(tokenHash)
  }
  deleteReplayLink(exerciseId: string, idOrTokenHash: string) {
    return this.store.deleteReplayLink(exerciseId, idOrTokenHash)
  }
  append(exerciseId: string, events: readonly HoldoverEvent[], fence?: number) {
    return this.store.append(exerciseId, events, fence)
  }
  readEvents(exerciseId: string, fromSeq?: number, limit?: number) {
    return this.store.readEvents(exerciseId, fromSeq, limit)
  }
  appendDocumentUpdates(records: readonly DocumentUpdateRecord[]) {
    return this.store.appendDocumentUpdates(records)
  }
  readDocumentUpdates(
    exerciseId: string,
    doc: string,
    options?: { afterId?: number; untilAt?: number },
  ) {
    return this.store.readDocumentUpdates(exerciseId, doc, options)
  }
  latestCheckpoint(exerciseId: string, doc: string, atOrBefore?: number) {
    return this.store.latestCheckpoint(exerciseId, doc, atOrBefore)
  }
  listDocuments(exerciseId: string) {
    return this.store.listDocuments(exerciseId)
  }
  sharedSecret(name: string, proposed: string) {
    return this.store.sharedSecret(name, proposed)
  }
  close() {
    return this.store.close()
  }
}
