import { lazy, Suspense } from 'react'
import type { NotebookPaneProps } from './NotebookPane'

// The editor (Tiptap, ProseMirror, Yjs: about 170 KB gzip) loads only when a notebook is opened.
const NotebookPane = lazy(() =>
  import('./NotebookPane').then((module) => ({ default: module.NotebookPane })),
)

/** A team's notebook, loaded on first use. */
export function LazyNotebook(props: NotebookPaneProps) {
  return (
    <Suspense
      fallback={
        <section className="panel notebook" aria-busy="true">
          <h2>{props.teamName} notebook</h2>
          <p className="muted">Loading the notebook…</p>
        </section>
      }
    >
      <NotebookPane {...props} />
    </Suspense>
  )
}
