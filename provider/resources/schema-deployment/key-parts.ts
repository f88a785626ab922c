/** Reading the bracket-quoted keys of the schema model (keys.ts) back into names. */

/** Splits a bracket-quoted key into its names: `[Sales].[Orders].[PK]` → Sales, Orders, PK (`]]` read as `]`). */
export function keyParts(key: string): string[] {
  const parts: string[] = [];
  const re = /\[((?:[^\]]|\]\])*)\]/y;
  let match: RegExpExecArray | null;
  while ((match = re.exec(key)) !== null) {
    parts.push(match[1]!.replace(/\]\]/g, "]"));
    if (key[re.lastIndex] !== ".") break;
    re.lastIndex++;
  }
  return parts;
}
