/** The white cell's improvement plan, kept in sync over the exercise's socket, read as rows. */
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { IMPROVEMENT_PLAN } from '../../core/documents/documentName'
import {
  IMPROVEMENT_ITEMS,
  type ImprovementItem,
  readImprovementPlan,
} from '../../core/report/improvementPlan'
import type { SyncStatus } from '../notebook/DocumentProvider'
import { localCopyName, useDocumentSession, useSyncStatus } from '../notebook/useDocumentSession'
import type { YjsTransport } from '../shared/ExerciseConnection'

export interface ImprovementPlanSession {
  /** The document to edit, once open. */
  readonly doc: Y.Doc | null
  readonly rows: readonly ImprovementItem[]
  readonly status: SyncStatus
}

/** Opens the plan while mounted; `rows` follow every change, local or remote. */
export function useImprovementPlan(
  transport: YjsTransport | null,
  exerciseId: string,
): ImprovementPlanSession {
  const session = useDocumentSession(
    transport,
    IMPROVEMENT_PLAN,
    localCopyName(exerciseId, IMPROVEMENT_PLAN, 'facilitator'),
  )
  const status = useSyncStatus(session?.provider ?? null)
  const [rows, setRows] = useState<readonly ImprovementItem[]>([])
  useEffect(() => {
    if (!session) return
    const items = session.doc.getArray(IMPROVEMENT_ITEMS)
    const read = () => setRows(readImprovementPlan(session.doc))
    read()
    items.observeDeep(read)
    return () => items.unobserveDeep(read)
  }, [session])
  return { doc: session?.doc ?? null, rows, status }
}
