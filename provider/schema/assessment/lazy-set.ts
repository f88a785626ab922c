/**
 * Sets made on their first value. The assessment and the script generator keep many small sets per statement,
 * unit or catalog object, and most of them stay empty: making each one up front was most of their garbage. An
 * empty one is NO_VALUES, shared; `withValue` answers a set holding the value (a new one for the first).
 */
export const NO_VALUES: ReadonlySet<never> = new Set<never>();

/** `set` with `value` in it: a set is only made for the first value (NO_VALUES is never changed). */
export function withValue<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  if (set === NO_VALUES) return new Set<T>().add(value);
  (set as Set<T>).add(value);
  return set;
}
