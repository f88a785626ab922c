/** Token patterns shared by the rules: multi-part names, procedure calls, clause context. */
import { isWord, type Token } from "../tokenizer";

export interface NameRef {
  /** Name parts as written, unquoted; an omitted part (`db..table`) is "". */
  parts: string[];
  /** First token of the name. */
  token: Token;
  /** Index of the first token in the token list. */
  index: number;
  /** Index just after the last token of the name. */
  end: number;
}

/** Methods of xml, hierarchyid and spatial columns: `alias.col.value(...)` is a method call, not a three-part name. */
const TYPE_METHODS = new Set(["value", "query", "exist", "nodes", "modify", "getancestor", "getdescendant", "getlevel", "isdescendantof", "tostring", "getreparentedvalue", "stdistance", "stintersects", "stastext", "stbuffer"]);

function isNameToken(t: Token | undefined): boolean {
  return t !== undefined && (t.type === "identifier" || t.type === "quotedIdentifier");
}

/** Every dotted name in the tokens (single-part names included). */
export function multipartNames(tokens: Token[]): NameRef[] {
  const out: NameRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isNameToken(t) || tokens[i - 1]?.text === ".") continue;
    // `EXTERNAL NAME assembly.[class].method` names CLR code, not database objects.
    if (isWord(tokens[i - 1], "NAME") && isWord(tokens[i - 2], "EXTERNAL")) continue;
    const parts = [t.value];
    let j = i + 1;
    while (tokens[j]?.text === ".") {
      if (tokens[j + 1]?.text === ".") {
        parts.push("");
        j += 1;
        continue;
      }
      const next = tokens[j + 1];
      if (!isNameToken(next) && next?.type !== "keyword") break;
      parts.push(next!.value);
      j += 2;
    }
    if (parts.length === 3 && tokens[j]?.text === "(" && TYPE_METHODS.has(parts[2]!.toLowerCase())) {
      i = j - 1;
      continue;
    }
    out.push({ parts, token: t, index: i, end: j });
    i = j - 1;
  }
  return out;
}

/** The last part of a name, lower-cased (the object name). */
export function objectPart(ref: NameRef): string {
  return ref.parts[ref.parts.length - 1]!.toLowerCase();
}

/** Names that are called: after EXEC/EXECUTE, or as the first statement word (`xp_cmdshell 'dir'`). */
export function calledNames(tokens: Token[]): NameRef[] {
  return multipartNames(tokens).filter((ref) => {
    const prev = tokens[ref.index - 1];
    if (prev === undefined) return true;
    if (isWord(prev, "EXEC") || isWord(prev, "EXECUTE")) return true;
    // EXEC @rc = proc
    return prev.text === "=" && tokens[ref.index - 2]?.type === "variable" && (isWord(tokens[ref.index - 3], "EXEC") || isWord(tokens[ref.index - 3], "EXECUTE"));
  });
}

/** Indexes of tokens that are the given word sequence. */
export function findWords(tokens: Token[], ...words: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (words.every((w, k) => isWord(tokens[i + k], w))) out.push(i);
  return out;
}

const CLAUSE_WORDS = new Set(["SELECT", "FROM", "WHERE", "HAVING", "SET", "ON", "GROUP", "ORDER", "UPDATE", "VALUES", "RETURN"]);

/** The nearest clause keyword before `index` at the same parenthesis depth or outside it. */
export function clauseBefore(tokens: Token[], index: number): string | undefined {
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.text === ")") depth++;
    else if (t.text === "(") depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.type === "keyword" && CLAUSE_WORDS.has(t.upper)) return t.upper;
  }
  return undefined;
}
