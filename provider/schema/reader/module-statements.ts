/**
 * Views, functions, procedures and triggers, and ENABLE / DISABLE TRIGGER (the trigger's state). The whole statement (to the end of its batch) is the module's
 * definition; the header is read only for what the model records about it (names, function type, trigger
 * parent and events, schema binding).
 */
import { databaseObjectKey, schemaObjectKey } from "../keys";
import type { FunctionType, TriggerDef } from "../model";
import type { Statement } from "../statements";
import { ParseError, type TokenCursor } from "../token-cursor";
import { isWord } from "../tokenizer";
import type { ReaderContext } from "./reader-context";

export function readModule(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  const definition = asCreateDefinition(stmt);
  if (c.acceptWords("CREATE")) c.acceptWords("OR", "ALTER");
  else c.expectWords("ALTER");
  const kind = c.next().upper;
  const source = ctx.source(stmt);
  switch (kind) {
    case "VIEW": {
      const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
      c.skipParenthesized();
      const isSchemaBound = hasOptionBefore(c, "SCHEMABINDING", ["AS"]);
      ctx.add(
        ctx.model.views,
        { kind: "view", key: schemaObjectKey(schema, name), schema, name, source, definition, isSchemaBound },
        stmt,
      );
      return;
    }
    case "FUNCTION": {
      const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
      c.skipParenthesized();
      c.expectWords("RETURNS");
      const functionType = readFunctionType(c);
      const isSchemaBound = hasOptionBefore(c, "SCHEMABINDING", ["AS", "BEGIN", "RETURN"]);
      ctx.add(
        ctx.model.functions,
        {
          kind: "function",
          key: schemaObjectKey(schema, name),
          schema,
          name,
          source,
          definition,
          functionType,
          isSchemaBound,
        },
        stmt,
      );
      return;
    }
    case "PROC":
    case "PROCEDURE": {
      const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
      let procedureNumber: number | undefined;
      if (c.atText(";") && c.peek(1)?.type === "number") {
        c.next();
        const n = Number(c.next().text);
        if (n >= 2) procedureNumber = n;
      }
      const isClr = stmt.tokens.some((t, i) => isWord(t, "EXTERNAL") && isWord(stmt.tokens[i + 1], "NAME"));
      const key = schemaObjectKey(schema, name) + (procedureNumber !== undefined ? `;${procedureNumber}` : "");
      ctx.add(
        ctx.model.procedures,
        {
          kind: "procedure",
          key,
          schema,
          name,
          source,
          definition,
          ...(procedureNumber !== undefined ? { procedureNumber } : {}),
          ...(isClr ? { isClr } : {}),
        },
        stmt,
      );
      return;
    }
    case "TRIGGER": {
      const trigger = readTriggerHeader(ctx, c, definition);
      ctx.add(ctx.model.triggers, { ...trigger, source }, stmt);
      return;
    }
    default:
      throw new ParseError(`unexpected module kind ${kind}`, stmt.tokens[1]);
  }
}

/** The definition as CREATE text: a script's `ALTER VIEW` becomes `CREATE VIEW` so it can be replayed on a new database. */
function asCreateDefinition(stmt: Statement): string {
  const first = stmt.tokens[0]!;
  if (first.upper !== "ALTER") return stmt.text;
  return `CREATE${stmt.text.slice(first.end - first.start)}`;
}

/** Reads the RETURNS clause far enough to classify the function (sys.objects type FN / IF / TF / FS+FT). */
function readFunctionType(c: TokenCursor): FunctionType {
  let type: FunctionType;
  if (c.atWords("TABLE")) {
    c.next();
    type = "inlineTable";
  } else if (c.peek()?.type === "variable") {
    c.next();
    c.expectWords("TABLE");
    c.skipParenthesized();
    type = "multiStatementTable";
  } else {
    c.readMultipartName();
    c.skipParenthesized();
    type = "scalar";
  }
  const rest = c.tokens.slice(c.pos);
  if (rest.some((t, i) => isWord(t, "EXTERNAL") && isWord(rest[i + 1], "NAME"))) return "clr";
  return type;
}

/** Looks for `WITH ... option` between the cursor and the first of `stopWords` at depth 0. */
function hasOptionBefore(c: TokenCursor, option: string, stopWords: string[]): boolean {
  let inWith = false;
  for (let i = c.pos; i < c.tokens.length; i++) {
    const t = c.tokens[i]!;
    if (stopWords.some((w) => isWord(t, w))) return false;
    if (isWord(t, "WITH")) inWith = true;
    else if (inWith && isWord(t, option)) return true;
  }
  return false;
}

/** `TRIGGER name ON {table | DATABASE | ALL SERVER} [WITH ...] {FOR | AFTER | INSTEAD OF} events [NOT FOR REPLICATION] AS` */
function readTriggerHeader(ctx: ReaderContext, c: TokenCursor, definition: string): Omit<TriggerDef, "source"> {
  const nameParts = c.readMultipartName();
  const name = nameParts[nameParts.length - 1]!;
  c.expectWords("ON");
  let scope: TriggerDef["scope"];
  let parent: { schema: string; name: string } | undefined;
  if (c.acceptWords("ALL", "SERVER")) scope = "server";
  else if (c.acceptWords("DATABASE")) scope = "database";
  else {
    scope = "table";
    parent = c.readSchemaObjectName(ctx.defaultSchema);
  }
  if (c.acceptWords("WITH")) {
    while (!c.done && !["FOR", "AFTER", "INSTEAD"].some((w) => c.atWords(w))) c.next();
  }
  let timing: TriggerDef["timing"];
  if (c.acceptWords("INSTEAD", "OF")) timing = "INSTEAD OF";
  else if (c.acceptWords("AFTER")) timing = "AFTER";
  else {
    c.expectWords("FOR");
    timing = "FOR";
  }
  const events: string[] = [];
  while (!c.done && !c.atWords("AS") && !c.atWords("NOT", "FOR")) {
    const t = c.next();
    if (t.text !== ",") events.push(t.upper);
  }
  const common = { kind: "trigger" as const, name, definition, events, timing, isDisabled: false };
  if (scope === "table") {
    const schema = parent!.schema;
    return { ...common, key: schemaObjectKey(schema, name), schema, scope, parent: parent! };
  }
  return { ...common, key: databaseObjectKey(name), schema: "", scope };
}

/** `ENABLE|DISABLE TRIGGER {name [, ...] | ALL} ON {table | DATABASE | ALL SERVER}`: sets the triggers' state. */
export function readTriggerState(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  const disable = c.next().upper === "DISABLE";
  c.expectWords("TRIGGER");
  const names: string[][] = [];
  const all = c.acceptWords("ALL");
  if (!all) {
    names.push(c.readMultipartName());
    while (c.acceptText(",")) names.push(c.readMultipartName());
  }
  c.expectWords("ON");
  let scope: TriggerDef["scope"];
  let parent: { schema: string; name: string } | undefined;
  if (c.acceptWords("ALL", "SERVER")) scope = "server";
  else if (c.acceptWords("DATABASE")) scope = "database";
  else {
    scope = "table";
    parent = c.readSchemaObjectName(ctx.defaultSchema);
  }
  if (!c.done)
    throw new ParseError(`unexpected '${c.peek()!.text}' in ${disable ? "DISABLE" : "ENABLE"} TRIGGER`, c.peek());
  const file = ctx.file;
  ctx.defer(() => {
    const onParent = (t: TriggerDef): boolean =>
      t.scope === scope &&
      (parent === undefined ||
        (t.scope === "table" && t.parent?.schema === parent.schema && t.parent?.name === parent.name));
    const keys = names.map((parts) => {
      const name = parts[parts.length - 1]!;
      if (scope !== "table") return databaseObjectKey(name);
      return schemaObjectKey(
        parts.length >= 2 && parts[parts.length - 2] !== "" ? parts[parts.length - 2]! : parent!.schema,
        name,
      );
    });
    const targets = ctx.model.triggers.filter((t) => onParent(t) && (all || keys.includes(t.key)));
    if (targets.length === 0 || (!all && targets.length < keys.length)) {
      ctx.keepStatement(
        stmt,
        true,
        `${disable ? "DISABLE" : "ENABLE"} TRIGGER names a trigger the scripts do not define; kept as written`,
        file,
      );
      return;
    }
    for (const t of targets) t.isDisabled = disable;
  });
}
