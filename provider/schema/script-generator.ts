/**
 * Generates a deterministic Azure SQL Database deployment script from a model:
 *   database options → schemas → XML schema collections → partitioning → types → sequences → functions used by
 *   tables → tables (no foreign keys) → primary key / unique / check constraints → foreign keys and edge
 *   constraints → indexes → system versioning → synonyms → views and functions (topologically sorted by their
 *   references; an indexed view's unique clustered index, then its nonclustered ones, right after it) → security
 *   policies → procedures → triggers → fulltext catalogs and indexes → users, roles, memberships, permissions,
 *   schema owners → remaining statements. The phases are in generator/script-phases.ts.
 *
 * The assessment's safe fixes are applied to a copy of the model first and listed. Objects with blocking
 * findings that have no fix are left out (with whatever depends on them) and listed, unless includeBlocked.
 * Same input, same output, byte for byte: every phase is ordered by key, never by discovery order.
 *
 * Two ways out: writeScript / writeScriptFile stream the script text as the batches are made (a schema of tens
 * of thousands of objects never has its script whole in memory), and generateScript returns the batches and the
 * whole text — a thin wrapper over the same stream, so both give the same bytes.
 */
import * as fs from "node:fs";
import { assess, type AssessmentReport } from "./assessment/assess";
import { ASSESSMENT_RULES } from "./assessment/rules";
import type { AssessOptions, Finding } from "./assessment/types";
import { BatchWriter, Omissions, type OmittedObject, type ScriptBatch } from "./generator/batch-writer";
import { modelForFixes } from "./generator/clone";
import { KindKeyMap } from "./generator/kind-key-map";
import { newScriptContext, SCRIPT_PHASES } from "./generator/script-phases";
import { allObjects, type DatabaseModel, type SchemaObject } from "./model";

export type { BatchKind, OmittedObject, ScriptBatch } from "./generator/batch-writer";

export interface AppliedFix {
  ruleId: string;
  description: string;
  /** Objects whose findings the fix resolved. */
  objectKeys: string[];
}

export interface Blocker {
  ruleId: string;
  objectKind: string;
  objectKey: string;
  message: string;
  /** True when the object was left out of the script because of it. */
  omitted: boolean;
}

/** What a streamed script leaves behind once written: everything generateScript returns but the text. */
export interface ScriptSummary {
  /** Number of batches written. */
  batchCount: number;
  appliedFixes: AppliedFix[];
  blockers: Blocker[];
  omitted: OmittedObject[];
  /**
   * The model after the fixes: what the script deploys (left-out objects aside). Compare a deployed database
   * against this, not against the source, when looking for anomalies.
   */
  fixedModel: DatabaseModel;
}

export interface GeneratedScript extends Omit<ScriptSummary, "batchCount"> {
  batches: ScriptBatch[];
  /** The batches joined with GO separators. */
  script: string;
}

export interface GenerateOptions {
  /** Apply the assessment's safe fixes (default true). */
  applyFixes?: boolean;
  /** Keep objects that have unfixable blocking findings (default false: leave them out and list them). */
  includeBlocked?: boolean;
  assess?: AssessOptions;
  /**
   * The report of `assess(source, options.assess)` when the caller already has it (a pipeline that assesses,
   * then scripts): the generator uses it instead of assessing the same model a second time.
   */
  assessment?: AssessmentReport;
}

/** Where writeScript puts the text: called with chunks of about CHUNK_CHARACTERS, in order. */
export interface ScriptSink {
  write(text: string): void;
}

/** Text is handed to the sink in chunks of about this many characters: few calls, little held. */
const CHUNK_CHARACTERS = 64 * 1024;

/** The script as one string, with its batches: a wrapper over writeScript that keeps what it writes. */
export function generateScript(source: DatabaseModel, options: GenerateOptions = {}): GeneratedScript {
  const chunks: string[] = [];
  const batches: ScriptBatch[] = [];
  const { batchCount: _count, ...summary } = streamScript(source, { write: (t) => chunks.push(t) }, options, (b) =>
    batches.push(b),
  );
  return { batches, script: chunks.join(""), ...summary };
}

/**
 * Writes the script to `sink` as it is generated, batch by batch, and returns what was fixed, blocked and left
 * out. Holds no batch once written — except with includeBlocked, where the header's "[left out]" marks are
 * only known at the end (a kept blocked object can still be left out by a dependency), so the body waits.
 */
export function writeScript(source: DatabaseModel, sink: ScriptSink, options: GenerateOptions = {}): ScriptSummary {
  return streamScript(source, sink, options);
}

/**
 * Writes the script to `file` (through a temporary file renamed into place, so a reader never sees half a
 * script), chunk by chunk as it is generated. Synchronous writes: generation is synchronous, and a stream it
 * could not wait on would buffer the whole script instead.
 */
export function writeScriptFile(
  file: string,
  source: DatabaseModel,
  options: GenerateOptions = {},
): ScriptSummary & { bytes: number } {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, "w");
  let bytes = 0;
  try {
    const summary = streamScript(source, { write: (text) => (bytes += fs.writeSync(fd, text, null, "utf8")) }, options);
    fs.closeSync(fd);
    fs.renameSync(temp, file);
    return { ...summary, bytes };
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      // Already closed: the rename failed.
    }
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

function streamScript(
  source: DatabaseModel,
  sink: ScriptSink,
  options: GenerateOptions,
  onBatch?: (batch: ScriptBatch) => void,
): ScriptSummary {
  const text = new ChunkedText(sink);
  const fixes = applyFixes(source, options);
  const blocking = unresolvedBlocking(fixes);
  const omit = new Omissions(options.includeBlocked === true ? [] : blocking);
  // Without includeBlocked every blocked object is left out from the start, so the header is known now.
  const held: string[] | undefined = options.includeBlocked === true ? [] : undefined;
  const headerBlockers = held === undefined ? blockersOf(blocking, omit) : undefined;
  if (headerBlockers !== undefined) text.write(renderHeader(fixes.appliedFixes, headerBlockers));

  const out = new BatchWriter(omit, (batch) => {
    onBatch?.(batch);
    const rendered = out.count > 1 ? `\n${renderBatch(batch)}` : renderBatch(batch);
    if (held !== undefined) held.push(rendered);
    else text.write(rendered);
  });
  const ctx = newScriptContext(fixes.model, out, omit, fixes.removedByFixes);
  for (const phase of SCRIPT_PHASES) phase(ctx);

  const blockers = blockersOf(blocking, omit);
  if (held !== undefined) {
    text.write(renderHeader(fixes.appliedFixes, blockers));
    for (const rendered of held) text.write(rendered);
  } else if (blockers.some((b, i) => b.omitted !== headerBlockers![i]!.omitted)) {
    throw new Error("script generator: a blocker's left-out mark changed after the script header was written");
  }
  text.flush();
  return {
    batchCount: out.count,
    appliedFixes: fixes.appliedFixes,
    blockers,
    omitted: omit.list(),
    fixedModel: fixes.model,
  };
}

interface FixedModel {
  /** A copy of the source with the fixes applied. */
  model: DatabaseModel;
  /** The assessment of the source. */
  before: AssessmentReport;
  appliedFixes: AppliedFix[];
  /** Objects a fix took out of the model (USE statements, server objects, extra filegroups...), listed too. */
  removedByFixes: OmittedObject[];
}

function applyFixes(source: DatabaseModel, options: GenerateOptions): FixedModel {
  const model = modelForFixes(source);
  const before = options.assessment ?? assess(model, options.assess);
  const appliedFixes: AppliedFix[] = [];
  const removedByFixes: OmittedObject[] = [];
  if (options.applyFixes === false) return { model, before, appliedFixes, removedByFixes };
  for (const rule of ASSESSMENT_RULES) {
    const fixed = before.findings.filter((f) => f.ruleId === rule.id);
    if (rule.fix === undefined || fixed.length === 0) continue;
    const held = allObjects(model);
    rule.fix.apply(model);
    for (const o of removedBy(held, allObjects(model)))
      removedByFixes.push({
        objectKind: o.kind,
        objectKey: o.key,
        reason: `${rule.id} fix: ${rule.fix.description}`,
      });
    appliedFixes.push({
      ruleId: rule.id,
      description: rule.fix.description,
      objectKeys: [...new Set(fixed.map((f) => f.objectKey))].sort(),
    });
  }
  return { model, before, appliedFixes, removedByFixes };
}

/**
 * The objects of `held` that a fix took out. One the fix changed is there as a copy (RuleFix: a fix replaces
 * what it changes), found by its kind and key among the objects that are new; the others by identity.
 */
function removedBy(held: SchemaObject[], after: SchemaObject[]): SchemaObject[] {
  const kept = new Set(after);
  const missing = held.filter((o) => !kept.has(o));
  if (missing.length === 0) return missing;
  const before = new Set(held);
  const copies = new KindKeyMap<true>();
  for (const o of after) if (!before.has(o)) copies.setIfAbsent(o.kind, o.key, true);
  return missing.filter((o) => !copies.has(o.kind, o.key));
}

/**
 * The blocking findings the fixes did not resolve. Re-running the assessment would give the same answer at twice
 * the cost: a fix only removes its own rule's findings, and objects it deleted take their other findings with them.
 */
function unresolvedBlocking({ model, before, appliedFixes }: FixedModel): Finding[] {
  const fixedRules = new Set(appliedFixes.map((f) => f.ruleId));
  const blocking = before.findings.filter((f) => f.severity === "blocking" && !fixedRules.has(f.ruleId));
  // Which of the few blocked objects are still there: one pass over the model, no key string per object.
  const blocked = new KindKeyMap<true>();
  for (const f of blocking) blocked.setIfAbsent(f.objectKind, f.objectKey, true);
  const present = new KindKeyMap<true>();
  for (const o of allObjects(model)) if (blocked.has(o.kind, o.key)) present.setIfAbsent(o.kind, o.key, true);
  return blocking.filter((f) => f.objectKind === "database" || present.has(f.objectKind, f.objectKey));
}

function blockersOf(blocking: Finding[], omit: Omissions): Blocker[] {
  return blocking.map((f) => ({
    ruleId: f.ruleId,
    objectKind: f.objectKind,
    objectKey: f.objectKey,
    message: f.message,
    omitted: omit.isOmitted(f.objectKind, f.objectKey),
  }));
}

/** Comment text must stay on its line, whatever a name contains. */
function oneLine(text: string): string {
  // Called for every batch's key: most keys have no line break, and a scan is cheaper than a replace.
  return text.includes("\n") || text.includes("\r") ? text.replace(/[\r\n]+/g, " ") : text;
}

function renderHeader(fixes: AppliedFix[], blockers: Blocker[]): string {
  const header: string[] = ["-- Azure SQL Database deployment script generated by pulumi-azure-sql-migration."];
  for (const f of fixes)
    header.push(`-- Fix ${f.ruleId}: ${oneLine(f.description)} (${f.objectKeys.length} object(s))`);
  for (const b of blockers)
    header.push(
      `-- Blocker ${b.ruleId} on ${oneLine(b.objectKey)}: ${oneLine(b.message)}${b.omitted ? " [left out]" : ""}`,
    );
  return `${header.join("\n")}\n\n`;
}

function renderBatch(b: ScriptBatch): string {
  return `-- ${b.kind} ${oneLine(b.objectKey)}\n${b.sql}\nGO\n`;
}

/** Collects small pieces of text and hands them on in chunks of about CHUNK_CHARACTERS. */
class ChunkedText {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly sink: ScriptSink) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK_CHARACTERS) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.sink.write(this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
}
