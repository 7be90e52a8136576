/**
 * Id-keyed records of the state. Ids come from commands, so a lookup must never reach
 * `Object.prototype`: `decisions['constructor']` is the Object function on a plain object.
 * Records are built without a prototype, and read only through their own properties (which
 * also covers records that arrived as JSON, such as a client's snapshot).
 */

/** A record with no prototype: no inherited name can be found in it. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** A copy of `record` with `key` set to `value`, without a prototype. */
export function withEntry<T>(
  record: Readonly<Record<string, T>>,
  key: string,
  value: T,
): Readonly<Record<string, T>> {
  const next = Object.assign(emptyRecord<T>(), record)
  // defineProperty rather than assignment: a key of `__proto__` stays an ordinary entry.
  Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true })
  return next
}

/** The entry of `record` under `key`, if it has one of its own. */
export function lookUp<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** Whether `record` has an entry of its own under `key`. */
export function hasEntry(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key)
}
