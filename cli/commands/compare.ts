/**
 * `compare <source> <target>`: what would change on the target to make it match the source — objects to
 * create, alter (with what differs) and drop — through the library's compareSchemas. Each side is a scripts
 * path, a snapshot, or a live database given with `--source-...` / `--target-...` flags; the paths fill the
 * sides not given as servers, source first. Every difference is listed, drops and data-loss changes included
 * (marked): this is a report, not a plan. Exits 1 on differences only with --fail-on-changes.
 */
import { compareSchemas, type ChangeAction, type SchemaChange } from "../../provider/schema";
import { booleanOption, parseCommandArgs, stringOption } from "../args";
import { connectionHelp, table, TOOL } from "../help";
import { EXIT_FAILED_CHECK, EXIT_OK, UsageError, writeOutputFile, type Console } from "../io";
import {
  describeRead,
  readSource,
  reportWarnings,
  serverFlagsGiven,
  serverOptionSpecs,
  sourceFromArgs,
} from "../source";
import type { Command } from "./command";

const OPTIONS = {
  ...serverOptionSpecs("source-"),
  ...serverOptionSpecs("target-"),
  "fail-on-changes": { type: "boolean" },
  json: { type: "string" },
} as const;

const HELP = `Usage: ${TOOL} compare <source> <target> [options]

Lists what would change on the target to make it match the source: objects to create, alter (with what
differs) and drop. Each side is a scripts folder, a .sql file or a snapshot .json, or a live database given
with --source-server/--target-server and the other --source-*/--target-* connection options; the paths fill
the sides not given as a server, source first:
  ${TOOL} compare ./schema ./schema-main
  ${TOOL} compare ./schema --target-server sales.database.windows.net --target-database SalesDb \\
      --target-authentication entra-default

Options:
${table([
  ["--fail-on-changes", "exit 1 when there is any difference (default: exit 0 and only report)"],
  ["--json <file>", "write the differences as JSON"],
  ["--source-database-name <name>", "the source database's name (scripts, snapshots)"],
  ["--target-database-name <name>", "the target database's name (scripts, snapshots)"],
  ["-h, --help", "this help"],
])}

Source connection options (password from SOURCE_PASSWORD, token from SOURCE_ACCESS_TOKEN):
${connectionHelp("source-", "SOURCE")}

Target connection options (password from TARGET_PASSWORD, token from TARGET_ACCESS_TOKEN):
${connectionHelp("target-", "TARGET")}

Exit codes:
  0  no differences, or differences without --fail-on-changes
  1  differences, with --fail-on-changes
  2  usage error, unreadable or unwritable file, or a server could not be reached or read`;

export const COMPARE_FORMAT = "pulumi-azure-sql-migration/compare@1";

const VERB: Record<ChangeAction, string> = { create: "create", alter: "alter", drop: "drop" };

function changeLines(change: SchemaChange): string[] {
  const marks = change.dataLoss ? " [may lose data]" : "";
  return [
    `  ${VERB[change.action].padEnd(6)} ${change.kind} ${change.key}${marks}`,
    ...change.details.map((d) => `           ${d}`),
  ];
}

export const compareCommand: Command = {
  name: "compare",
  summary: "list what would change on a target to match a source",
  help: HELP,
  async run(args, console: Console) {
    const { values, positionals } = parseCommandArgs("compare", args, OPTIONS);
    const jsonFile = stringOption(values, "json");
    const paths = [...positionals];
    const sourceIsServer = serverFlagsGiven(values, "source-");
    const targetIsServer = serverFlagsGiven(values, "target-");
    const wanted = (sourceIsServer ? 0 : 1) + (targetIsServer ? 0 : 1);
    if (paths.length !== wanted) {
      throw new UsageError(
        wanted === 0
          ? `both sides are servers, so no path is expected (got ${paths.join(", ")})`
          : paths.length < wanted
            ? `compare needs ${wanted === 2 ? "a source and a target" : `the ${sourceIsServer ? "target" : "source"}`}: a scripts folder, a .sql file or a snapshot .json` +
              (wanted === 2 ? " each (or --source-server/--target-server)" : "")
            : `too many paths (${paths.join(", ")}): compare takes a source and a target`,
      );
    }
    const source = await sourceFromArgs(
      values,
      sourceIsServer ? undefined : paths.shift(),
      "source-",
      "SOURCE",
      "source",
      console,
    );
    const target = await sourceFromArgs(
      values,
      targetIsServer ? undefined : paths.shift(),
      "target-",
      "TARGET",
      "target",
      console,
    );

    const sourceRead = await readSource(source, console);
    reportWarnings(sourceRead, console);
    const targetRead = await readSource(target, console);
    reportWarnings(targetRead, console);
    // Every difference, drops and data loss included: the marks say which would lose data.
    const comparison = compareSchemas(sourceRead.model, targetRead.model, { allowDrops: true, allowDataLoss: true });
    const changes = comparison.changes;
    const count = (action: ChangeAction) => changes.filter((c) => c.action === action).length;
    const summary = { create: count("create"), alter: count("alter"), drop: count("drop") };

    if (jsonFile !== undefined) {
      const doc = {
        format: COMPARE_FORMAT,
        source: sourceRead.description,
        target: targetRead.description,
        summary,
        changes: changes.map((c) => ({
          action: c.action,
          kind: c.kind,
          key: c.key,
          details: c.details,
          dataLoss: c.dataLoss,
        })),
      };
      await writeOutputFile(console.resolve(jsonFile), `${JSON.stringify(doc, null, 2)}\n`, "--json");
    }

    console.out(`Source: ${describeRead(sourceRead)}.`);
    console.out(`Target: ${describeRead(targetRead)}.`);
    if (changes.length === 0) {
      console.out("No differences: the target matches the source.");
      return EXIT_OK;
    }
    console.out(
      `To make the target match the source: ${summary.create} create, ${summary.alter} alter, ${summary.drop} drop.`,
    );
    for (const change of changes) for (const line of changeLines(change)) console.out(line);
    if (jsonFile !== undefined) console.out(`JSON: ${jsonFile}`);
    if (booleanOption(values, "fail-on-changes")) {
      console.out(`FAILED: ${changes.length} difference(s) (--fail-on-changes)`);
      return EXIT_FAILED_CHECK;
    }
    return EXIT_OK;
  },
};
