/**
 * Own-property lookups. User-chosen keys (app names, environment names, file names) are looked up in plain
 * records; `record[key]` would find `constructor`, `toString` or `__proto__` on `Object.prototype`.
 */

/** True when `record` has `key` as its own property. */
export function hasOwn(record: object | undefined | null, key: PropertyKey): boolean {
  return record !== undefined && record !== null && Object.prototype.hasOwnProperty.call(record, key);
}

/** The value of the own property `key` of `record`, or undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined {
  return hasOwn(record, key) ? (record as Record<string, T>)[key] : undefined;
}
