/**
 * The shared documents of one exercise: each loaded once (one load promise, so a second client
 * never gets an empty document while the first load runs), held while any session has it open,
 * and let go a little after the last one leaves (a reconnecting client finds it still loaded).
 */
import type * as Y from 'yjs'
import type { DocumentContext, DocumentOrigin } from './SharedDocument'
import { SharedDocument } from './SharedDocument'

/** What every document of the exercise shares (see DocumentContext), its seeding and idle time. */
export interface ExerciseDocumentsDeps
  extends Pick<
    DocumentContext,
    'exerciseId' | 'store' | 'writer' | 'logger' | 'wallClock' | 'scenarioTimeAt' | 'broadcast'
  > {
  /** Fills a new document `name` with its template. */
  readonly seed: (name: string, doc: Y.Doc, origin: DocumentOrigin) => void
  /** How long an unused document stays loaded, ms. */
  readonly idleMs?: number
}

const DEFAULT_IDLE_MS = 30_000

interface Held {
  readonly loading: Promise<SharedDocument>
  idleTimer?: NodeJS.Timeout
}

export class ExerciseDocuments {
  private readonly held = new Map<string, Held>()
  /** Documents being let go: a new load waits for their last writes and checkpoint. */
  private readonly closing = new Map<string, Promise<void>>()

  constructor(private readonly deps: ExerciseDocumentsDeps) {}

  /** The loaded document `name`, loading it (and seeding it, the first time) when needed. */
  acquire(name: string): Promise<SharedDocument> {
    const held = this.held.get(name)
    if (held) {
      if (held.idleTimer) clearTimeout(held.idleTimer)
      held.idleTimer = undefined
      return held.loading
    }
    const loading = (async () => {
      await this.closing.get(name)
      const { seed, idleMs: _idle, ...shared } = this.deps
      return SharedDocument.load({
        ...shared,
        name,
        seed: (doc, origin) => seed(name, doc, origin),
        onBroken: (doc) => this.forget(name, doc),
      })
    })()
    const entry: Held = { loading }
    this.held.set(name, entry)
    // A failed load is forgotten at once: the next open tries again, and nothing blank is stored.
    loading.catch((error: unknown) => {
      this.deps.logger.error({ err: error, doc: name }, 'document failed to load')
      if (this.held.get(name) === entry) this.held.delete(name)
    })
    return loading
  }

  /** Lets go of `name` after a while when no session holds it any more. */
  releaseIfIdle(name: string): void {
    const held = this.held.get(name)
    if (!held) return
    void held.loading.then(
      (doc) => {
        if (doc.sessionCount > 0 || this.held.get(name) !== held || held.idleTimer) return
        held.idleTimer = setTimeout(() => {
          held.idleTimer = undefined
          if (doc.sessionCount === 0 && this.held.get(name) === held) this.forget(name, doc)
        }, this.deps.idleMs ?? DEFAULT_IDLE_MS)
        held.idleTimer.unref()
      },
      () => undefined,
    )
  }

  /** Documents loaded now (for tests and the memory benchmark). */
  get loadedCount(): number {
    return this.held.size
  }

  /** Lets go of every document (shutdown): last writes and checkpoints first. */
  async closeAll(): Promise<void> {
    const all = [...this.held.entries()]
    for (const [name, held] of all) {
      if (held.idleTimer) clearTimeout(held.idleTimer)
      this.held.delete(name)
      const doc = await held.loading.catch(() => null)
      if (doc) this.closeDoc(name, doc)
    }
    await Promise.all(this.closing.values())
  }

  private forget(name: string, doc: SharedDocument): void {
    const held = this.held.get(name)
    if (held) {
      if (held.idleTimer) clearTimeout(held.idleTimer)
      this.held.delete(name)
    }
    this.closeDoc(name, doc)
  }

  private closeDoc(name: string, doc: SharedDocument): void {
    const previous = this.closing.get(name) ?? Promise.resolve()
    const closing = previous
      .then(() => doc.close())
      .catch((error: unknown) => {
        this.deps.logger.warn({ err: error, doc: name }, 'document did not close cleanly')
      })
      .finally(() => {
        if (this.closing.get(name) === closing) this.closing.delete(name)
      })
    this.closing.set(name, closing)
  }
}
