/**
 * How the reducer grows the state's lists and records. Applying one event on its own copies
 * what it changes, so every earlier state stays valid (`COPYING`). A fold that nobody reads
 * halfway owns what it has copied: `OwnedDrafts` copies a list or record once, the first time
 * the fold changes it, and extends that copy in place afterwards, so folding N events costs N
 * steps instead of N² (the way Immer drafts work, reduced to the writes the reducer makes).
 */
import { emptyRecord, withEntry } from '../vocabulary/records'

/** The reducer's writes; plain functions, so a case may take them apart (`{ appended } = drafts`). */
export interface Drafts {
  /** `list` with `item` at its end. */
  readonly appended: <T>(list: readonly T[], item: T) => readonly T[]
  /** `list` with its element at `index` replaced by `item`. */
  readonly replaced: <T>(list: readonly T[], index: number, item: T) => readonly T[]
  /** `record` with `key` set to `value` (records have no prototype: see records.ts). */
  readonly withEntry: <T>(
    record: Readonly<Record<string, T>>,
    key: string,
    value: T,
  ) => Readonly<Record<string, T>>
}

/** Every write makes a new list or record: the input state is never changed. */
export const COPYING: Drafts = {
  appended: (list, item) => [...list, item],
  replaced: (list, index, item) => list.map((old, i) => (i === index ? item : old)),
  withEntry,
}

/** Writes that copy a list or record once, then change the copy in place (see the header). */
export class OwnedDrafts implements Drafts {
  private readonly owned = new WeakSet<object>()

  readonly appended = <T>(list: readonly T[], item: T): readonly T[] => {
    const mine = this.own<T[]>(list, () => list.slice())
    mine.push(item)
    return mine
  }

  readonly replaced = <T>(list: readonly T[], index: number, item: T): readonly T[] => {
    const mine = this.own<T[]>(list, () => list.slice())
    mine[index] = item
    return mine
  }

  readonly withEntry = <T>(
    record: Readonly<Record<string, T>>,
    key: string,
    value: T,
  ): Readonly<Record<string, T>> => {
    const mine = this.own(record, () => Object.assign(emptyRecord<T>(), record))
    // defineProperty rather than assignment: a key of `__proto__` stays an ordinary entry.
    Object.defineProperty(mine, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
    return mine
  }

  /** `container` itself when this fold made it, else a copy it makes now and owns. */
  private own<C extends object>(container: C | Readonly<C>, copy: () => C): C {
    if (this.owned.has(container)) return container as C
    const mine = copy()
    this.owned.add(mine)
    return mine
  }
}
