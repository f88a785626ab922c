/**
 * The documented catalog views resolved for lookups: each view with all its columns (its own and the ones it
 * inherits), by lower-case name, since the catalog's names are case-insensitive under the server's collation.
 */
import { DOCUMENTED_VIEWS } from "./documented-views";

/** A column's data type as the documentation writes it: "int", "sysname", "nvarchar(60)", "char(2)"... */
export type DocumentedType = string;

export interface CatalogView {
  /** As documented, e.g. "sys.tables". */
  name: string;
  columns: ReadonlyMap<string, DocumentedType>;
}

function parseColumns(list: string): Array<[string, DocumentedType]> {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const space = entry.indexOf(" ");
      if (space < 0) throw new Error(`documented column without a type: '${entry}'`);
      return [
        entry.slice(0, space).toLowerCase(),
        entry
          .slice(space + 1)
          .trim()
          .toLowerCase(),
      ];
    });
}

function resolve(name: string, seen: string[] = []): Array<[string, DocumentedType]> {
  const view = DOCUMENTED_VIEWS[name];
  if (!view) throw new Error(`'${seen.at(-1)}' inherits from '${name}', which is not documented here`);
  if (seen.includes(name)) throw new Error(`inheritance cycle through ${name}`);
  const inherited = view.inherits ? resolve(view.inherits, [...seen, name]) : [];
  return [...inherited, ...parseColumns(view.columns)];
}

const VIEWS: ReadonlyMap<string, CatalogView> = new Map(
  Object.keys(DOCUMENTED_VIEWS).map((name) => [name.toLowerCase(), { name, columns: new Map(resolve(name)) }]),
);

/** The view called `schema.name` (case-insensitive), or undefined when the catalog has no such view. */
export function catalogView(schema: string, name: string): CatalogView | undefined {
  return VIEWS.get(`${schema}.${name}`.toLowerCase());
}
