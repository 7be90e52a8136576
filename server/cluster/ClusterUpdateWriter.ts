/** The update writer of several processes: each update, once durable, goes to the other processes too. */
import { UpdateWriter } from '../documents/UpdateWriter'
import type { DocumentUpdateRecord, Store } from '../store/Store'
import type { Cluster } from './Cluster'

export class ClusterUpdateWriter extends UpdateWriter {
  constructor(
    store: Store,
    private readonly cluster: Pick<Cluster, 'publishDocument'>,
  ) {
    super(store)
  }

  override write(record: DocumentUpdateRecord): Promise<void> {
    const durable = super.write(record)
    // Only what was recorded travels: a copy elsewhere never holds what the log does not.
    void durable.then(
      () => this.cluster.publishDocument(record.exerciseId, record.doc, record.update),
      () => undefined,
    )
    return durable
  }
}
