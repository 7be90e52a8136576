/** A shared document as it read at a moment: the checkpoint before it, then the updates up to it. */
import * as Y from 'yjs'
import type { Store } from '../store/Store'

/** Rebuilds document `name` of an exercise as it stood at wall time `at` (epoch ms). */
export async function documentAt(
  store: Store,
  exerciseId: string,
  name: string,
  at: number,
): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const checkpoint = await store.latestCheckpoint(exerciseId, name, at)
  const updates = await store.readDocumentUpdates(exerciseId, name, {
    afterId: checkpoint?.uptoId ?? 0,
    untilAt: at,
  })
  doc.transact(() => {
    if (checkpoint) Y.applyUpdate(doc, checkpoint.state)
    for (const record of updates) Y.applyUpdate(doc, record.update)
  })
  return doc
}
