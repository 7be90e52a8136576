/**
 * Makes document updates durable in batches: every update that arrives while the event loop is
 * busy goes into the next transaction, so a room of people typing costs one commit (one fsync) per
 * turn of the loop, not one per keystroke. Each caller's promise settles with its batch.
 */
import type { DocumentUpdateRecord, Store } from '../store/Store'

interface Waiting {
  readonly record: DocumentUpdateRecord
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

export class UpdateWriter {
  private waiting: Waiting[] = []
  private flushing: Promise<void> | null = null

  constructor(private readonly store: Store) {}

  /** Resolves once `record` is committed; rejects when its batch could not be. */
  write(record: DocumentUpdateRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ record, resolve, reject })
      this.flushing ??= new Promise<void>((done) => setImmediate(done)).then(() => this.flush())
    })
  }

  /** Waits until everything written so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing
  }

  private async flush(): Promise<void> {
    const batch = this.waiting
    this.waiting = []
    try {
      await this.store.appendDocumentUpdates(batch.map((waiting) => waiting.record))
      for (const waiting of batch) waiting.resolve()
    } catch (error) {
      for (const waiting of batch) waiting.reject(error)
    } finally {
      this.flushing = null
      if (this.waiting.length > 0) {
        this.flushing = new Promise<void>((done) => setImmediate(done)).then(() => this.flush())
      }
    }
  }
}
