/**
 * `script`: reads a source, generates the Azure SQL Database deployment script (dependency order, safe fixes
 * applied, objects with unfixable blockers and their dependants held back) and writes it to --out, with the
 * held-back objects and their reasons to --held-back (.json or .md). Exits 1 when findings fail --fail-on
 * (default blocking: a script that leaves objects out should not be deployed unnoticed); the files are
 * written either way.
 */
import * as path from "node:path";
import { assess, evaluateFailPolicy, writeScriptFile, type ScriptSummary } from "../../provider/schema";
import { parseCommandArgs, stringOption } from "../args";
import { connectionHelp, EXIT_CODES_HELP, table, TOOL } from "../help";
import { EXIT_FAILED_CHECK, EXIT_OK, UsageError, writeOutputFile, writeOutputFileWith, type Console } from "../io";
import { POLICY_OPTIONS, policyFromArgs, printDecision, TIERS } from "../policy";
import { describeRead, readSource, reportWarnings, serverOptionSpecs, sourceFromArgs } from "../source";
import type { Command } from "./command";

const OPTIONS = {
  ...serverOptionSpecs(""),
  ...POLICY_OPTIONS,
  out: { type: "string" },
  "held-back": { type: "string" },
} as const;

const HELP = `Usage: ${TOOL} script <scripts-folder | file.sql | snapshot.json> --out <file.sql> [options]
       ${TOOL} script --server <host> --database <name> [connection options] --out <file.sql> [options]

Writes the Azure SQL Database deployment script of a schema: objects in dependency order, batches separated
by GO, the assessment's safe fixes applied. Objects with blocking findings that have no fix, and whatever
depends on them, are held back from the script and listed with the reason.

Options:
${table([
  ["--out <file.sql>", "where to write the script (required)"],
  ["--held-back <file>", "write the held-back objects, blocking findings and applied fixes: .json or .md"],
  [
    "--fail-on <level>",
    "blocking (default), warning or never: exit 1 when findings fail it (files are written anyway)",
  ],
  ["--tier <tier>", `target service tier: ${TIERS.join(", ")}`],
  ["--database-name <name>", "the source database's name (scripts, snapshots)"],
  ["-h, --help", "this help"],
])}

Connection options (a live source instead of a path):
${connectionHelp("", "SQLSERVER")}

${EXIT_CODES_HELP}`;

export const HELD_BACK_FORMAT = "pulumi-azure-sql-migration/held-back@1";

export function renderHeldBackJson(script: ScriptSummary, databaseName?: string): string {
  const doc = {
    format: HELD_BACK_FORMAT,
    ...(databaseName !== undefined ? { database: databaseName } : {}),
    summary: {
      batches: script.batchCount,
      heldBack: script.omitted.length,
      blockers: script.blockers.length,
      appliedFixes: script.appliedFixes.length,
    },
    heldBack: script.omitted.map((o) => ({ objectKind: o.objectKind, objectKey: o.objectKey, reason: o.reason })),
    blockers: script.blockers.map((b) => ({
      ruleId: b.ruleId,
      objectKind: b.objectKind,
      objectKey: b.objectKey,
      message: b.message,
      heldBack: b.omitted,
    })),
    appliedFixes: script.appliedFixes.map((f) => ({
      ruleId: f.ruleId,
      description: f.description,
      objectKeys: f.objectKeys,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/`/g, "\\`").replace(/\r?\n/g, " ");
}

export function renderHeldBackMarkdown(script: ScriptSummary, databaseName?: string): string {
  const lines = [
    `# Held back from the deployment script${databaseName !== undefined ? `: ${cell(databaseName)}` : ""}`,
    "",
  ];
  lines.push(
    `**${script.omitted.length}** object(s) held back, **${script.blockers.length}** blocking finding(s), **${script.appliedFixes.length}** automatic fix(es) applied; the script has ${script.batchCount} batch(es).`,
    "",
  );
  if (script.omitted.length > 0) {
    lines.push("## Held-back objects", "", "| Kind | Object | Reason |", "| --- | --- | --- |");
    for (const o of script.omitted) lines.push(`| ${cell(o.objectKind)} | ${cell(o.objectKey)} | ${cell(o.reason)} |`);
    lines.push("");
  }
  if (script.blockers.length > 0) {
    lines.push(
      "## Blocking findings",
      "",
      "| Rule | Kind | Object | Finding | Held back |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const b of script.blockers)
      lines.push(
        `| ${b.ruleId} | ${cell(b.objectKind)} | ${cell(b.objectKey)} | ${cell(b.message)} | ${b.omitted ? "yes" : "no"} |`,
      );
    lines.push("");
  }
  if (script.appliedFixes.length > 0) {
    lines.push("## Automatic fixes applied", "", "| Rule | Fix | Objects |", "| --- | --- | --- |");
    for (const f of script.appliedFixes)
      lines.push(`| ${f.ruleId} | ${cell(f.description)} | ${cell(f.objectKeys.join(", "))} |`);
    lines.push("");
  }
  if (script.omitted.length === 0 && script.blockers.length === 0) lines.push("Nothing was held back.", "");
  return lines.join("\n");
}

export const scriptCommand: Command = {
  name: "script",
  summary: "write the deployment script and the objects held back from it",
  help: HELP,
  async run(args, console: Console) {
    const { values, positionals } = parseCommandArgs("script", args, OPTIONS);
    if (positionals.length > 1) throw new UsageError(`one source only (got ${positionals.join(", ")})`);
    const policy = policyFromArgs(values);
    const outFile = stringOption(values, "out");
    if (outFile === undefined) throw new UsageError("--out <file.sql> is required: where to write the script");
    const heldBackFile = stringOption(values, "held-back");
    const heldBackFormat = heldBackFile === undefined ? undefined : path.extname(heldBackFile).toLowerCase();
    if (heldBackFormat !== undefined && heldBackFormat !== ".json" && heldBackFormat !== ".md") {
      throw new UsageError(`--held-back ${heldBackFile}: name a .json or .md file (the extension picks the format)`);
    }
    const source = await sourceFromArgs(values, positionals[0], "", "SQLSERVER", "source", console);

    const read = await readSource(source, console);
    reportWarnings(read, console);
    const assessOptions = policy.tier !== undefined ? { targetTier: policy.tier } : {};
    // One assessment for the fail policy and the script; the script goes to --out as it is generated, never
    // held whole (a schema of tens of thousands of objects makes a script of tens of megabytes).
    const assessment = assess(read.model, assessOptions);
    const decision = evaluateFailPolicy(assessment.findings, policy.failOn);
    const script = await writeOutputFileWith(console.resolve(outFile), "--out", (file) =>
      writeScriptFile(file, read.model, { assess: assessOptions, assessment }),
    );
    if (heldBackFile !== undefined) {
      const text =
        heldBackFormat === ".json"
          ? renderHeldBackJson(script, read.model.databaseName)
          : renderHeldBackMarkdown(script, read.model.databaseName);
      await writeOutputFile(console.resolve(heldBackFile), text, "--held-back");
    }

    console.out(`Scripted ${describeRead(read)}${policy.tier !== undefined ? ` for ${policy.tier}` : ""}.`);
    console.out(`Script: ${outFile} (${script.batchCount} batch(es)).`);
    console.out(
      `Held back: ${script.omitted.length} object(s); blocking findings: ${script.blockers.length}; automatic fixes applied: ${script.appliedFixes.length}.`,
    );
    for (const o of script.omitted.slice(0, 20)) console.out(`  ${o.objectKind} ${o.objectKey}: ${o.reason}`);
    if (script.omitted.length > 20)
      console.out(
        `  ... and ${script.omitted.length - 20} more${heldBackFile !== undefined ? ` (see ${heldBackFile})` : " (write them all with --held-back)"}`,
      );
    if (heldBackFile !== undefined) console.out(`Held-back list: ${heldBackFile}`);
    printDecision(decision, policy.failOn, console);
    return decision.fail ? EXIT_FAILED_CHECK : EXIT_OK;
  },
};
