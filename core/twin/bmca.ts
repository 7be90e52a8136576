/** PTP's best master clock algorithm (IEEE 1588 dataset comparison), reduced to what the twin needs. */

/** What a master announces: its grandmaster's quality and identity. */
export interface PtpDataset {
  readonly priority1: number
  readonly clockClass: number
  readonly clockAccuracy: number
  readonly offsetScaledLogVariance: number
  readonly priority2: number
  readonly identity: string
  readonly stepsRemoved: number
  /** Ground truth only: the grandmaster is an attacker's. */
  readonly rogue: boolean
}

/**
 * Orders two announced datasets, lower is better: priority1, clockClass, clockAccuracy,
 * offsetScaledLogVariance, priority2, clockIdentity, then stepsRemoved (IEEE 1588-2019 §9.3.4).
 */
export function compareDatasets(a: PtpDataset, b: PtpDataset): number {
  return (
    a.priority1 - b.priority1 ||
    a.clockClass - b.clockClass ||
    a.clockAccuracy - b.clockAccuracy ||
    a.offsetScaledLogVariance - b.offsetScaledLogVariance ||
    a.priority2 - b.priority2 ||
    (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0) ||
    a.stepsRemoved - b.stepsRemoved
  )
}

/** The index of the best dataset (the first of equals), or -1 for an empty list. */
export function bestMaster(datasets: readonly PtpDataset[]): number {
  let best = -1
  datasets.forEach((dataset, i) => {
    const current = datasets[best]
    if (!current || compareDatasets(dataset, current) < 0) best = i
  })
  return best
}
