/**
 * The MSEL as the facilitator follows it live: each scripted inject with where it stands
 * (upcoming with its due time, waiting on a trigger, fired, skipped), sorted and grouped.
 */
import { injectDueT } from '../../core/engine/schedule'
import type { ExerciseState } from '../../core/protocol/state'
import type { Inject, Scenario } from '../../core/scenario/schema'

export const MSEL_STATUSES = ['upcoming', 'waiting', 'fired', 'skipped'] as const
export type MselStatus = (typeof MSEL_STATUSES)[number]

interface EntryBase {
  readonly inject: Inject
  /** Position in the scenario's MSEL. */
  readonly order: number
}

/** One scripted inject and where it stands; times exist only in the states that have them. */
export type MselEntry = EntryBase &
  (
    | { readonly status: 'upcoming'; readonly dueT: number; readonly moved: boolean }
    | { readonly status: 'waiting' }
    | { readonly status: 'fired'; readonly firedT: number }
    | { readonly status: 'skipped'; readonly skippedT: number }
  )

/** Every scripted inject of the scenario with its status, in MSEL order. */
export function mselEntries(state: ExerciseState, scenario: Scenario): MselEntry[] {
  return scenario.injects.map((inject, order): MselEntry => {
    const firedT = state.fired[inject.id]
    if (firedT !== undefined) return { inject, order, status: 'fired', firedT }
    const skippedT = state.skipped[inject.id]
    if (skippedT !== undefined) return { inject, order, status: 'skipped', skippedT }
    const dueT = injectDueT(state, scenario, inject)
    if (dueT === null) return { inject, order, status: 'waiting' }
    return { inject, order, status: 'upcoming', dueT, moved: inject.id in state.rescheduled }
  })
}

/** The time an entry is sorted by in its status: due, fired or skipped time; none while waiting. */
function sortTime(entry: MselEntry): number {
  switch (entry.status) {
    case 'upcoming':
      return entry.dueT
    case 'fired':
      return entry.firedT
    case 'skipped':
      return entry.skippedT
    case 'waiting':
      return 0
  }
}

/** The entries split by status, each list in the order it happens (MSEL order breaks ties). */
export function entriesByStatus(entries: readonly MselEntry[]): Record<MselStatus, MselEntry[]> {
  const sections: Record<MselStatus, MselEntry[]> = {
    upcoming: [],
    waiting: [],
    fired: [],
    skipped: [],
  }
  for (const entry of entries) sections[entry.status].push(entry)
  for (const list of Object.values(sections)) {
    list.sort((a, b) => sortTime(a) - sortTime(b) || a.order - b.order)
  }
  return sections
}

export interface PhaseGroup<T> {
  /** The phase id, the phase text an inject names, or '' for injects without a phase. */
  readonly key: string
  readonly name: string
  readonly summary: string
  readonly items: T[]
}

/**
 * Items grouped by their inject's phase: the scenario's phases first, in their order, each even
 * when no inject names it. A scenario without phases lets injects name free-text ones: those come
 * next, in order of first mention. Injects without a phase come last.
 */
export function groupByPhase<T extends { readonly inject: Inject }>(
  items: readonly T[],
  phases: Scenario['phases'],
): PhaseGroup<T>[] {
  const groups = new Map<string, PhaseGroup<T>>()
  for (const phase of phases) {
    groups.set(phase.id, { key: phase.id, name: phase.name, summary: phase.summary, items: [] })
  }
  const unphased: T[] = []
  for (const item of items) {
    const named = item.inject.phase.trim()
    if (!named) {
      unphased.push(item)
      continue
    }
    let group = groups.get(named)
    if (!group) {
      group = { key: named, name: named, summary: '', items: [] }
      groups.set(named, group)
    }
    group.items.push(item)
  }
  const listed = [...groups.values()]
  if (unphased.length > 0) listed.push({ key: '', name: 'No phase', summary: '', items: unphased })
  return listed
}
