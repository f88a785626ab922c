/**
 * The one place that turns a name into a T-SQL identifier. Every generated statement that carries a name goes
 * through here, so a name containing `]`, spaces or keywords can never break out of its identifier.
 */

/** Bracket-quotes an identifier, doubling any `]`: `a]b` → `[a]]b]`. */
export function quoteName(name: string): string {
  // Most names hold no `]`: a scan is cheaper than a regular-expression replace (every name of a script comes
  // through here, several times).
  return name.includes("]") ? `[${name.replace(/]/g, "]]")}]` : `[${name}]`;
}

/** Quotes a multi-part name, skipping absent leading parts: (`Sales`, `Orders`) → `[Sales].[Orders]`. */
export function quoteParts(...parts: string[]): string {
  // The two-part name of nearly every call without the array map and join make.
  if (parts.length === 2) return `${quoteName(parts[0]!)}.${quoteName(parts[1]!)}`;
  return parts.map(quoteName).join(".");
}

/** A T-SQL Unicode string literal (`'` doubled), for the few places a name is a value (e.g. sp_addrolemember). */
export function quoteString(value: string): string {
  return `N'${value.replace(/'/g, "''")}'`;
}
