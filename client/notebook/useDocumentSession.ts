/** React's hold on one shared document: its Y.Doc, the browser's copy of it, and its provider. */
import { useEffect, useState, useSyncExternalStore } from 'react'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import type { YjsTransport } from '../shared/ExerciseConnection'
import type { SyncStatus } from './DocumentProvider'
import { DocumentProvider } from './DocumentProvider'
import type { PresenceEntry } from './presence'
import { presenceOf } from './presence'

/** A browser that cannot open IndexedDB (some private modes) syncs from the server after this. */
const LOCAL_COPY_TIMEOUT_MS = 5000

export interface DocumentSession {
  readonly doc: Y.Doc
  readonly provider: DocumentProvider
}

/** The IndexedDB name of one person's copy of one document of one exercise. */
export function localCopyName(exerciseId: string, doc: string, personId: string): string {
  return `holdover.${exerciseId}.${doc}.${personId}`
}

/**
 * Opens document `name` while mounted: a fresh Y.Doc for each mount (never a destroyed one kept
 * by an editor), filled from IndexedDB `storageName` before it syncs with the server.
 */
export function useDocumentSession(
  transport: YjsTransport | null,
  name: string,
  storageName: string,
  /** False for a read-only view: the others' carets show, none of its own is sent. */
  sendsPresence = true,
): DocumentSession | null {
  const [session, setSession] = useState<DocumentSession | null>(null)

  useEffect(() => {
    if (!transport) return
    const doc = new Y.Doc()
    const local = openLocalCopy(storageName, doc)
    const provider = new DocumentProvider({
      doc,
      name,
      transport,
      loaded: local.loaded,
      sendsPresence,
    })
    setSession({ doc, provider })
    return () => {
      setSession(null)
      provider.destroy()
      local.close()
      doc.destroy()
    }
  }, [transport, name, storageName, sendsPresence])
  return session
}

const LOADING: SyncStatus = { state: 'loading' }
const noSubscription = () => () => {}

/** The provider's sync status, kept current. */
export function useSyncStatus(provider: DocumentProvider | null): SyncStatus {
  return useSyncExternalStore(
    provider ? provider.subscribe : noSubscription,
    provider ? provider.getStatus : () => LOADING,
  )
}

/** Who is in the document now (from its awareness), this browser first. */
export function usePresence(provider: DocumentProvider | null): PresenceEntry[] {
  const [entries, setEntries] = useState<PresenceEntry[]>([])
  useEffect(() => {
    if (!provider) {
      setEntries([])
      return
    }
    const { awareness } = provider
    // Carets move on every keystroke; the list changes only when someone comes, goes or renames.
    const read = () => {
      const next = presenceOf(awareness.getStates(), awareness.clientID)
      setEntries((before) => (JSON.stringify(before) === JSON.stringify(next) ? before : next))
    }
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [provider])
  return entries
}

function openLocalCopy(
  storageName: string,
  doc: Y.Doc,
): { loaded: Promise<unknown>; close: () => void } {
  if (typeof indexedDB === 'undefined') return { loaded: Promise.resolve(), close: () => {} }
  try {
    const persistence = new IndexeddbPersistence(storageName, doc)
    const loaded = Promise.race([
      persistence.whenSynced,
      new Promise((resolve) => setTimeout(resolve, LOCAL_COPY_TIMEOUT_MS)),
    ])
    return { loaded, close: () => void persistence.destroy() }
  } catch {
    return { loaded: Promise.resolve(), close: () => {} }
  }
}
