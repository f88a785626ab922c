/**
 * What the script generator's phases write into: the batch types, the record of left-out objects (Omissions)
 * and the BatchWriter that hands each accepted batch to a sink as soon as it is made. Keeping no batch here is
 * what lets the script be streamed: the sink decides whether batches are kept (generateScript) or written out
 * and dropped (writeScript).
 */
import type { Finding } from "../assessment/types";
import type { ObjectKind, TableDef, ViewDef } from "../model";
import { KindKeyMap } from "./kind-key-map";
import { UnsafeLiteralError } from "./literals";

/** What a batch creates. Constraint, index and membership batches name their own kind. */
export type BatchKind =
  | ObjectKind
  | "databaseOptions"
  | "constraint"
  | "foreignKey"
  | "index"
  | "systemVersioning"
  | "fulltextIndex"
  | "roleMember"
  | "schemaOwner";

export interface ScriptBatch {
  objectKey: string;
  kind: BatchKind;
  sql: string;
}

export interface OmittedObject {
  objectKind: string;
  objectKey: string;
  reason: string;
}

/** Keys of objects left out, by kind, and why. */
export class Omissions {
  private readonly reasons = new KindKeyMap<OmittedObject>();
  private readonly keys = new Set<string>();
  private readonly cascaded = new KindKeyMap<true>();

  constructor(blocking: Finding[]) {
    for (const f of blocking) {
      if (f.objectKind === "database") continue;
      this.cascade(f.objectKey, f.objectKind, `${f.ruleId}: ${f.message}`);
    }
  }

  cascade(key: string, kind: string, reason: string): void {
    this.keys.add(key);
    this.cascaded.setIfAbsent(kind, key, true);
    this.note(key, kind, reason);
  }

  /** True when this object (this kind, this key) is left out with what depends on it. */
  isCascaded(kind: string, key: string): boolean {
    return this.cascaded.has(kind, key);
  }

  /** Records a left-out object without marking its key as omitted for dependants. */
  note(key: string, kind: string, reason: string): void {
    if (!this.reasons.has(kind, key)) this.reasons.setIfAbsent(kind, key, { objectKind: kind, objectKey: key, reason });
  }

  isOmittedKey(key: string): boolean {
    return this.keys.has(key);
  }

  isOmitted(kind: string, key: string): boolean {
    return this.reasons.has(kind, key);
  }

  /** Sorted by key, then kind: the order objects were left out in does not show. */
  list(): OmittedObject[] {
    return this.reasons
      .values()
      .sort((a, b) =>
        a.objectKey < b.objectKey
          ? -1
          : a.objectKey > b.objectKey
            ? 1
            : a.objectKind < b.objectKind
              ? -1
              : a.objectKind > b.objectKind
                ? 1
                : 0,
      );
  }
}

/**
 * Turns each object into a batch, skipping omitted objects and turning unsafe literals into omissions instead
 * of bad SQL; every accepted batch goes to the sink at once. Remembers only which model objects (kind, key) it
 * wrote, so the generator can list objects no phase wrote.
 */
export class BatchWriter {
  private readonly written = new KindKeyMap<true>();
  private batches = 0;

  constructor(
    private readonly omit: Omissions,
    private readonly sink: (batch: ScriptBatch) => void,
  ) {}

  add(objectKey: string, kind: BatchKind, sql: string | (() => string)): void {
    this.write(objectKey, kind, sql, true);
  }

  /** `remember`: whether `wrote` will be asked about this batch (children of tables and views it never is). */
  private write(objectKey: string, kind: BatchKind, sql: string | (() => string), remember: boolean): void {
    // By kind and key: a user left out must not take a schema or role of the same name with it.
    if (this.omit.isCascaded(kind, objectKey)) {
      this.omit.note(objectKey, kind, "left out");
      return;
    }
    let text: string;
    try {
      text = typeof sql === "string" ? sql : sql();
    } catch (err) {
      if (!(err instanceof UnsafeLiteralError)) throw err;
      this.omit.cascade(objectKey, kind, err.message);
      return;
    }
    // trimEnd is empty exactly when trim is: one pass over the text, not two.
    const trimmed = text.trimEnd();
    if (trimmed === "") {
      this.omit.note(objectKey, kind, "no definition to script (the source gave no text for it)");
      return;
    }
    if (remember) this.written.setIfAbsent(kind, objectKey, true);
    this.batches++;
    this.sink({ objectKey, kind, sql: trimmed });
  }

  /** A constraint or index: left out with its table (or, for an indexed view's index, its view). */
  addChild(parent: TableDef | ViewDef, key: string, kind: BatchKind, sql: () => string): void {
    if (this.omit.isOmittedKey(parent.key) || this.omit.isOmitted(parent.kind, parent.key)) {
      this.omit.note(key, kind, `its ${parent.kind} ${parent.key} is left out`);
      return;
    }
    // Not remembered: no model object is a constraint or an index, and they are most of a script's batches.
    this.write(key, kind, sql, false);
  }

  /** True when `add` wrote a batch for this kind and key (what addChild writes is not remembered). */
  wrote(kind: string, key: string): boolean {
    return this.written.has(kind, key);
  }

  /** Batches written so far. */
  get count(): number {
    return this.batches;
  }
}
