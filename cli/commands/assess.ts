/**
 * `assess`: reads a source (scripts, snapshot or live database), assesses it for Azure SQL Database, prints the
 * counts by severity and the blocking findings, writes the JSON/Markdown reports when asked, and exits 1 when
 * findings fail --fail-on (the reports are written first, so a failing pipeline still has them).
 */
import { assess, evaluateFailPolicy, renderAssessmentJson, renderAssessmentMarkdown } from "../../provider/schema";
import { parseCommandArgs, stringOption } from "../args";
import { connectionHelp, EXIT_CODES_HELP, table, TOOL } from "../help";
import { EXIT_FAILED_CHECK, EXIT_OK, UsageError, writeOutputFile, type Console } from "../io";
import { POLICY_OPTIONS, policyFromArgs, printDecision, printFindings, TIERS } from "../policy";
import { describeRead, readSource, reportWarnings, serverOptionSpecs, sourceFromArgs } from "../source";
import type { Command } from "./command";

const OPTIONS = {
  ...serverOptionSpecs(""),
  ...POLICY_OPTIONS,
  json: { type: "string" },
  markdown: { type: "string" },
} as const;

const HELP = `Usage: ${TOOL} assess <scripts-folder | file.sql | snapshot.json> [options]
       ${TOOL} assess --server <host> --database <name> [connection options] [options]

Assesses a SQL Server schema for Azure SQL Database, as the Data Migration Assistant does, and prints the
findings by severity with the blocking ones listed (rule, object, where).

Options:
${table([
  ["--fail-on <level>", "blocking (default), warning (warnings fail too) or never"],
  ["--tier <tier>", `target service tier, for tier-dependent findings: ${TIERS.join(", ")}`],
  ["--json <file>", "write the full assessment as JSON"],
  ["--markdown <file>", "write the full assessment as Markdown (a PR comment, a job summary)"],
  ["--database-name <name>", "the source database's name (scripts, snapshots), so three-part names naming it"],
  ["", "are not taken for cross-database references"],
  ["-h, --help", "this help"],
])}

Connection options (a live source instead of a path):
${connectionHelp("", "SQLSERVER")}

${EXIT_CODES_HELP}`;

export const assessCommand: Command = {
  name: "assess",
  summary: "assess a schema for Azure SQL Database; exit 1 on findings over --fail-on",
  help: HELP,
  async run(args, console: Console) {
    const { values, positionals } = parseCommandArgs("assess", args, OPTIONS);
    if (positionals.length > 1) throw new UsageError(`one source only (got ${positionals.join(", ")})`);
    const policy = policyFromArgs(values);
    const jsonFile = stringOption(values, "json");
    const markdownFile = stringOption(values, "markdown");
    const source = await sourceFromArgs(values, positionals[0], "", "SQLSERVER", "source", console);

    const read = await readSource(source, console);
    reportWarnings(read, console);
    const report = assess(read.model, policy.tier !== undefined ? { targetTier: policy.tier } : {});
    const decision = evaluateFailPolicy(report.findings, policy.failOn);

    const meta = read.model.databaseName !== undefined ? { databaseName: read.model.databaseName } : {};
    if (jsonFile !== undefined)
      await writeOutputFile(console.resolve(jsonFile), renderAssessmentJson(report, meta), "--json");
    if (markdownFile !== undefined)
      await writeOutputFile(console.resolve(markdownFile), renderAssessmentMarkdown(report, meta), "--markdown");

    const { blocking, warning, info } = report.summary;
    console.out(`Assessed ${describeRead(read)}${policy.tier !== undefined ? ` for ${policy.tier}` : ""}.`);
    console.out(`Findings: ${blocking} blocking, ${warning} warning, ${info} info.`);
    printFindings(report.findings, policy.failOn, console);
    if (jsonFile !== undefined) console.out(`JSON report: ${jsonFile}`);
    if (markdownFile !== undefined) console.out(`Markdown report: ${markdownFile}`);
    printDecision(decision, policy.failOn, console);
    return decision.fail ? EXIT_FAILED_CHECK : EXIT_OK;
  },
};
