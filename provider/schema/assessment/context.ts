/**
 * What a rule sees: the model, the options, and the model's T-SQL text already tokenized once (module
 * definitions, loose statements, server object and assembly definitions), with line numbers that point into
 * the script file the object came from. Rules match tokens, so words in comments and strings never count.
 */
import { allObjects, type DatabaseModel, type SchemaObject } from "../model";
import { significantTokens, type Token } from "../tokenizer";
import { multipartNames, type NameRef } from "./scan";
import type { AssessOptions, AssessmentRule, Finding, Severity } from "./types";

/** One piece of T-SQL belonging to an object. */
export interface CodeUnit {
  object: SchemaObject;
  tokens: Token[];
  /** Dotted names in the tokens, computed on first use and shared by the rules that look at names. */
  names?: NameRef[];
}

/** The dotted names of a unit (cached on the unit: several rules ask for them). */
export function namesOf(unit: CodeUnit): NameRef[] {
  unit.names ??= multipartNames(unit.tokens);
  return unit.names;
}

export class AssessmentContext {
  private units: CodeUnit[] | undefined;

  constructor(
    readonly model: DatabaseModel,
    readonly options: AssessOptions,
  ) {}

  /** Every object that carries T-SQL text, with its significant tokens (computed once, shared by all rules). */
  codeUnits(): CodeUnit[] {
    if (this.units === undefined) {
      this.units = [];
      for (const object of allObjects(this.model)) {
        const text = codeOf(object);
        if (text === undefined) continue;
        this.units.push({ object, tokens: significantTokens(text, { startLine: object.source?.line ?? 1 }) });
      }
    }
    return this.units;
  }

  /** A finding about the database as a whole (its options). */
  databaseFinding(rule: AssessmentRule, message: string): Finding {
    return { ruleId: rule.id, severity: rule.severity, objectKind: "database", objectKey: DATABASE_KEY, message, recommendation: rule.recommendation, fixable: rule.fix !== undefined };
  }

  /** A finding about an object, positioned at a token of its code or at the object itself. */
  finding(rule: AssessmentRule, object: SchemaObject, message: string, at?: Token, severity: Severity = rule.severity): Finding {
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
