/**
 * tableList entries as the service reads them: `[schema].[table]` (what ADS sends, built with QUOTENAME, so
 * `]]` stands for `]`) or `schema.table`. Progress reports name tables `schema.table` without brackets, so
 * names are compared in that form, without regard to case (SQL Server's default collations).
 */

const BRACKETED = /^\[((?:[^\]]|\]\])+)\]\.\[((?:[^\]]|\]\])+)\]$/;
const PLAIN = /^([^.[\]\s][^.[\]]*)\.([^.[\]]*[^.[\]\s])$/;

/** `[Sales].[Order]` or `Sales.Order` → `Sales.Order`; anything else → undefined (InvalidTableNameFormat). */
export function parseTableListEntry(entry: string): string | undefined {
  const bracketed = BRACKETED.exec(entry.trim());
  if (bracketed) return `${bracketed[1]!.replace(/\]\]/g, "]")}.${bracketed[2]!.replace(/\]\]/g, "]")}`;
  const plain = PLAIN.exec(entry.trim());
  return plain ? `${plain[1]}.${plain[2]}` : undefined;
}

export const sameTable = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
