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
  /** A leap second announced for the end of the day (PTP leap61): TAI time does not move. */
  readonly leap61: boolean
  /** TAI − UTC as announced, s (37 since 2017). */
  readonly currentUtcOffset: number
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

/**
 * G.8275.1's alternate BMCA (§6.3): priority1 is not compared; clockClass, clockAccuracy,
 * offsetScaledLogVariance, priority2, then the receiving port's localPriority, clockIdentity and
 * stepsRemoved. Lower is better.
 */
export function compareTelecom(
  a: PtpDataset,
  aLocalPriority: number,
  b: PtpDataset,
  bLocalPriority: number,
): number {
  return (
    a.clockClass - b.clockClass ||
    a.clockAccuracy - b.clockAccuracy ||
    a.offsetScaledLogVariance - b.offsetScaledLogVariance ||
    a.priority2 - b.priority2 ||
    aLocalPriority - bLocalPriority ||
    (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0) ||
    a.stepsRemoved - b.stepsRemoved
  )
}

/** A master as one port hears it. */
export interface Heard {
  readonly dataset: PtpDataset
  readonly localPriority: number
}

/** The index of the best master (the first of equals), or -1 for an empty list. */
export function bestMaster(heard: readonly Heard[], telecom = false): number {
  let best = -1
  heard.forEach((candidate, i) => {
    const current = heard[best]
    const order = !current
      ? -1
      : telecom
        ? compareTelecom(
            candidate.dataset,
            candidate.localPriority,
            current.dataset,
            current.localPriority,
          )
        : compareDatasets(candidate.dataset, current.dataset)
    if (order < 0) best = i
  })
  return best
}
