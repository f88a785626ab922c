/**
 * What a rule sees: the model, the options, and the model's T-SQL text (module definitions, loose statements,
 * server object and assembly definitions) as code units. Each unit is pre-scanned once by the sieve (sieve.ts)
 * for the triggers of the rules that run; a rule asks for `codeUnits(this)` and gets only the units that contain
 * one of its triggers. Tokens (with line numbers that point into the script file the object came from) and bound
 * names (binding.ts) are computed on first use and shared by all rules. Rules match tokens, so words in comments
 * and strings never count.
 */
import { allObjects, type DatabaseModel, type SchemaObject } from "../model";
import { significantTokens, type Token } from "../tokenizer";
import { bindNames, makeCatalog, type BoundName, type NameCatalog } from "./binding";
import { matchingParens } from "./scan";
import { Sieve, mayMatch, type CodeTriggers, type SieveResult } from "./sieve";
import type { AssessOptions, AssessmentRule, Finding, Severity } from "./types";

/** One piece of T-SQL belonging to an object. */
export class CodeUnit {
  private tokenList: Token[] | undefined;
  private parenList: Int32Array | undefined;
  /** Bound names (what each dotted name stands for), computed on first use. */
  bound: BoundName[] | undefined;

  constructor(
    readonly object: SchemaObject,
    readonly text: string,
    /** What the sieve found in the text. */
    readonly sifted: SieveResult,
  ) {}

  /** Significant tokens (no whitespace or comments), tokenized on first use. */
  get tokens(): Token[] {
    this.tokenList ??= significantTokens(this.text, { startLine: this.object.source?.line ?? 1 });
    return this.tokenList;
  }

  /** For each `(` token, the index of its `)` (-1 when unclosed or not a parenthesis). */
  get parens(): Int32Array {
    this.parenList ??= matchingParens(this.tokens);
    return this.parenList;
  }
}

export class AssessmentContext {
  private units: CodeUnit[] | undefined;
  private nameCatalog: NameCatalog | undefined;
  private readonly sieve: Sieve;
  /** The trigger sets the sieve looks for; a rule whose triggers are not among them gets every unit. */
  private readonly sifted: ReadonlySet<CodeTriggers>;

  constructor(
    readonly model: DatabaseModel,
    readonly options: AssessOptions,
    /** The rules that will run: the sieve looks for their triggers only. */
    rules?: readonly AssessmentRule[],
  ) {
    const triggers = (rules ?? []).map((r) => r.code).filter((c): c is CodeTriggers => c !== undefined);
    this.sieve = new Sieve(triggers);
    this.sifted = new Set(triggers);
  }

  /**
   * The objects that carry T-SQL text. With a rule: only the units that can give that rule a finding (those
   * that contain one of its `code` triggers); a rule without triggers gets every unit.
   */
  codeUnits(rule?: Pick<AssessmentRule, "code">): CodeUnit[] {
    if (this.units === undefined) {
      this.units = [];
      for (const object of allObjects(this.model)) {
        const text = codeOf(object);
        if (text === undefined) continue;
        this.units.push(new CodeUnit(object, text, this.sieve.sift(text)));
      }
    }
    const triggers = rule?.code;
    if (triggers === undefined || !this.sifted.has(triggers)) return this.units;
    return this.units.filter((u) => mayMatch(u.sifted, triggers));
  }

  /** The names binding resolves against: the model's schemas, objects and columns, and the database's name. */
  catalog(): NameCatalog {
    this.nameCatalog ??= modelCatalog(this.model);
    return this.nameCatalog;
  }

  /** What every dotted name of a unit stands for (computed once per unit, shared by the rules). */
  boundNames(unit: CodeUnit): BoundName[] {
    if (unit.bound === undefined) {
      const object = unit.object;
      const defaultSchema =
        "schema" in object && typeof object.schema === "string" && object.schema !== "" ? object.schema : "dbo";
      unit.bound = bindNames(unit.tokens, this.catalog(), { defaultSchema, leadingCall: object.kind === "statement" });
    }
    return unit.bound;
  }

  /** A finding about the database as a whole (its options). */
  databaseFinding(rule: AssessmentRule, message: string): Finding {
    return {
      ruleId: rule.id,
      severity: rule.severity,
      objectKind: "database",
      objectKey: DATABASE_KEY,
      message,
      recommendation: rule.recommendation,
      fixable: rule.fix !== undefined,
    };
  }

  /** A finding about an object, positioned at a token of its code or at the object itself. */
  finding(
    rule: AssessmentRule,
    object: SchemaObject,
    message: string,
    at?: Token,
    severity: Severity = rule.severity,
  ): Finding {
    const line = at?.line ?? object.source?.line;
    return {
      ruleId: rule.id,
      severity,
      objectKind: object.kind,
      objectKey: object.key,
      ...(object.source !== undefined ? { file: object.source.file } : {}),
      ...(line !== undefined ? { line } : {}),
      message,
      recommendation: rule.recommendation,
      fixable: rule.fix !== undefined,
    };
  }
}

/** Key used for findings about the database itself (its options). */
export const DATABASE_KEY = "DATABASE";

/** The model's names for binding: schemas, schema-scoped objects with the columns of tables and table types. */
export function modelCatalog(model: DatabaseModel): NameCatalog {
  const objects: { schema: string; name: string; columns?: string[]; isTable?: boolean }[] = [];
  for (const t of model.tables)
    objects.push({ schema: t.schema, name: t.name, columns: t.columns.map((c) => c.name), isTable: true });
  for (const v of model.views) objects.push({ schema: v.schema, name: v.name, isTable: true });
  for (const t of model.types)
    objects.push({
      schema: t.schema,
      name: t.name,
      ...(t.kind === "tableType" ? { columns: t.columns.map((c) => c.name) } : {}),
    });
  for (const list of [model.functions, model.procedures, model.sequences, model.synonyms, model.queues]) {
    for (const o of list) objects.push({ schema: o.schema, name: o.name });
  }
  return makeCatalog({
    schemas: model.schemas.map((s) => s.name),
    objects,
    ...(model.databaseName !== undefined ? { databaseName: model.databaseName } : {}),
  });
}

function codeOf(object: SchemaObject): string | undefined {
  switch (object.kind) {
    case "view":
    case "function":
    case "procedure":
    case "trigger":
      return object.definition;
    case "statement":
      return object.sql;
    case "assembly":
    case "queue":
    case "service":
    case "serverObject":
      return object.definition;
    default:
      return undefined;
  }
}
