/** One process, the embedded default: it owns every exercise, forwards nothing, fences nothing. */
import type { Cluster, ClusterPresence, Lease } from './Cluster'

/** Nobody else: nothing to share, and nobody online elsewhere. */
export const ALONE: ClusterPresence = { share: () => undefined, follow: () => () => undefined }

export class SoloCluster implements Cluster {
  readonly processId = 'solo'
  readonly leaseMs = Number.POSITIVE_INFINITY
  readonly presence = ALONE

  async start(): Promise<void> {}

  async acquire(exerciseId: string): Promise<Lease> {
    return { exerciseId, fence: undefined, onLost: () => undefined, release: async () => {} }
  }

  async forward(): Promise<null> {
    return null
  }

  publish(): void {}

  publishDocument(): void {}

  async unowned(exerciseIds: readonly string[]): Promise<string[]> {
    return [...exerciseIds]
  }

  async close(): Promise<void> {}
}
