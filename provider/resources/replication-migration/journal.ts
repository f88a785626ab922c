/**
 * The cutover journal: which cutover steps are done, written (atomically) the moment each step starts and ends,
 * in a file beside the report, and copied into the resource's state when the update ends. An `up` killed at any
 * step finds the steps that completed and does not repeat them; the step that was in progress runs again (each
 * step also checks the live state first, so one that had in fact finished sends nothing). When the file is gone
 * (another runner), the state's copy and the live checks take its place.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { fileStem, writeFileAtomically } from "../atomic-file";

export const CUTOVER_STEPS = [
  "stopWrites",
  "drain",
  "validate",
  "dropSubscription",
  "dropPublication",
  "disablePublishing",
  "removeDistributor",
  "reseedIdentities",
  "advanceSequences",
  "enableConstraints",
  "dropLeftovers",
] as const;

export type CutoverStep = (typeof CUTOVER_STEPS)[number];

/** From here on the source's replication is being taken apart: the cutover can only go forward. */
export const TEARDOWN_STEPS: readonly CutoverStep[] = CUTOVER_STEPS.slice(CUTOVER_STEPS.indexOf("dropSubscription"));

export interface JournalEntry {
  step: CutoverStep;
  startedAt: string;
  endedAt?: string;
  /** What the step did, in a few words. */
  detail?: string;
}

interface JournalFile {
  publication: string;
  sourceDatabase: string;
  targetDatabase: string;
  entries: JournalEntry[];
}

export class CutoverJournal {
  private constructor(
    private readonly file: string,
    private readonly identity: Omit<JournalFile, "entries">,
    private list: JournalEntry[],
  ) {}

  static fileFor(reportDirectory: string, publication: string): string {
    return path.resolve(reportDirectory, `${fileStem(publication)}.cutover-journal.json`);
  }

  /** The journal of this replication: the file's entries, else those recorded in state. */
  static async load(
    reportDirectory: string,
    identity: Omit<JournalFile, "entries">,
    recorded: readonly JournalEntry[] = [],
  ): Promise<CutoverJournal> {
    const file = CutoverJournal.fileFor(reportDirectory, identity.publication);
    let entries = [...recorded];
    try {
      const saved = JSON.parse(await fs.readFile(file, "utf8")) as JournalFile;
      const same =
        saved.publication === identity.publication &&
        saved.sourceDatabase === identity.sourceDatabase &&
        saved.targetDatabase === identity.targetDatabase;
      if (same && saved.entries.filter((e) => e.endedAt).length >= entries.filter((e) => e.endedAt).length)
        entries = saved.entries;
    } catch {
      // No file (first cutover, or another runner): the state's copy stands.
    }
    return new CutoverJournal(file, identity, entries);
  }

  get entries(): JournalEntry[] {
    return this.list.map((e) => ({ ...e }));
  }

  done(step: CutoverStep): boolean {
    return this.list.some((e) => e.step === step && e.endedAt);
  }

  get started(): boolean {
    return this.list.length > 0;
  }

  get tearingDown(): boolean {
    return TEARDOWN_STEPS.some((step) => this.done(step) || this.list.some((e) => e.step === step));
  }

  get complete(): boolean {
    return CUTOVER_STEPS.every((step) => this.done(step));
  }

  async start(step: CutoverStep): Promise<void> {
    this.list = [...this.list.filter((e) => e.step !== step), { step, startedAt: new Date().toISOString() }];
    await this.save();
  }

  async finish(step: CutoverStep, detail?: string): Promise<void> {
    const entry = this.list.find((e) => e.step === step) ?? { step, startedAt: new Date().toISOString() };
    this.list = [
      ...this.list.filter((e) => e.step !== step),
      { ...entry, endedAt: new Date().toISOString(), ...(detail ? { detail } : {}) },
    ];
    await this.save();
  }

  /** Forgets steps so they run again (a drain or validation that must be redone). */
  async forget(steps: readonly CutoverStep[]): Promise<void> {
    this.list = this.list.filter((e) => !steps.includes(e.step));
    await this.save();
  }

  async clear(): Promise<void> {
    this.list = [];
    await fs.rm(this.file, { force: true });
  }

  private async save(): Promise<void> {
    await writeFileAtomically(this.file, `${JSON.stringify({ ...this.identity, entries: this.list }, null, 2)}\n`);
  }
}
