/**
 * Normalisation before comparing two models. A model read from scripts and one extracted from a server
 * describe the same schema with cosmetic differences: `DEFAULT 0` vs `((0))`, `[Qty]` vs `Qty`, explicit vs
 * implicit PRIMARY placement, whitespace and keyword case in module text. These are removed so that only real
 * differences remain.
 */
import type { DataSpaceRef } from "./model";
import { significantTokens } from "./tokenizer";

/** Expression text reduced to its tokens: brackets, case, whitespace and parentheses dropped. */
export function normalizeExpression(expr: string): string {
  return significantTokens(expr)
    .filter((t) => t.text !== "(" && t.text !== ")")
    .map((t) => (t.type === "string" ? t.text : t.type === "number" ? String(Number(t.text)) : t.value.toLowerCase()))
    .join(" ");
}

/**
 * Module text reduced to its tokens, with `CREATE OR ALTER` and `ALTER` read as `CREATE` (the catalog keeps
 * what was submitted). Comments and whitespace do not count; string contents do.
 */
export function normalizeModule(definition: string): string {
  const tokens = significantTokens(definition).map((t) =>
    t.type === "string" ? t.text : t.type === "quotedIdentifier" ? t.value.toLowerCase() : t.text.toLowerCase(),
  );
  if (tokens[0] === "create" && tokens[1] === "or" && tokens[2] === "alter") tokens.splice(1, 2);
  else if (tokens[0] === "alter") tokens[0] = "create";
  return tokens.join(" ");
}

/** Absent placement and PRIMARY are the same thing. */
export function normalizeDataSpace(ds: DataSpaceRef | undefined): string {
  if (ds === undefined || (ds.kind === "filegroup" && ds.name.toUpperCase() === "PRIMARY")) return "PRIMARY";
  return ds.kind === "partitionScheme" ? `${ds.name}(${ds.partitionColumn ?? ""})` : ds.name;
}

/**
 * A masking function as written (`Partial( 1 , "XX" , 0 )`) or as the catalog reports it (`partial(1, "XX", 0)`):
 * function name lower-cased, whitespace outside the quoted padding dropped.
 */
export function normalizeMask(mask: string): string {
  return mask
    .trim()
    .split(/("[^"]*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\s+/g, "").toLowerCase()))
    .join("");
}
