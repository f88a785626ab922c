/**
 * What the script generator's phases write into: the batch types, the record of left-out objects (Omissions)
 * and the BatchWriter that hands each accepted batch to a sink as soon as it is made. Keeping no batch here is
 * what lets the script be streamed: the sink decides whether batches are kept (generateScript) or written out
 * and dropped (writeScript).
 */
import type { Finding } from "../assessment/types";
import type { ObjectKind, TableDef, ViewDef } from "../model";
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
  private readonly reasons = new Map<string, OmittedObject>();
  private readonly keys = new Set<string>();
  private readonly cascaded = new Set<string>();

  constructor(blocking: Finding[]) {
    for (const f of blocking) {
      if (f.objectKind === "database") continue;
      this.cascade(f.objectKey, f.objectKind, `${f.ruleId}: ${f.message}`);
    }
  }

  cascade(key: string, kind: string, reason: string): void {
    this.keys.add(key);
    this.cascaded.add(`${kind} ${key}`);
    this.note(key, kind, reason);
  }

  /** True when this object (this kind, this key) is left out with what depends on it. */
  isCascaded(kind: string, key: string): boolean {
    return this.cascaded.has(`${kind} ${key}`);
  }

  /** Records a left-out object without marking its key as omitted for dependants. */
  note(key: string, kind: string, reason: string): void {
    const id = `${kind} ${key}`;
    if (!this.reasons.has(id)) this.reasons.set(id, { objectKind: kind, objectKey: key, reason });
  }

  isOmittedKey(key: string): boolean {
    return this.keys.has(key);
  }

  isOmitted(kind: string, key: string): boolean {
    return this.reasons.has(`${kind} ${key}`);
  }

  list(): OmittedObject[] {
    return [...this.reasons.values()].sort((a, b) =>
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
 * of bad SQL; every accepted batch goes to the sink at once. Remembers only which (kind, key) it wrote, so the
 * generator can list objects no phase wrote.
 */
export class BatchWriter {
  private readonly written = new Set<string>();
  private batches = 0;

  constructor(
    private readonly omit: Omissions,
    private readonly sink: (batch: ScriptBatch) => void,
  ) {}

  add(objectKey: string, kind: BatchKind, sql: string | (() => string)): void {
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
    if (text.trim() === "") {
      this.omit.note(objectKey, kind, "no definition to script (the source gave no text for it)");
      return;
    }
    this.written.add(`${kind} ${objectKey}`);
    this.batches++;
    this.sink({ objectKey, kind, sql: text.trimEnd() });
  }

  /** A constraint or index: left out with its table (or, for an indexed view's index, its view). */
  addChild(parent: TableDef | ViewDef, key: string, kind: BatchKind, sql: () => string): void {
    if (this.omit.isOmittedKey(parent.key) || this.omit.isOmitted(parent.kind, parent.key)) {
      this.omit.note(key, kind, `its ${parent.kind} ${parent.key} is left out`);
      return;
    }
    this.add(key, kind, sql);
  }

  /** True when a batch was written for this kind and key. */
  wrote(kind: string, key: string): boolean {
    return this.written.has(`${kind} ${key}`);
  }

  /** Batches written so far. */
  get count(): number {
    return this.batches;
  }
}
