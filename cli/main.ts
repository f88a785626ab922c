#!/usr/bin/env node
/**
 * pulumi-azure-sql-migration: the schema library on the command line, for pipelines and pull-request checks
 * that run without Pulumi (what DmaCmd is to the Data Migration Assistant).
 *
 *   assess   assess a schema for Azure SQL Database; exit 1 on findings over --fail-on
 *   script   write the deployment script and the objects held back from it
 *   compare  list what would change on a target to match a source
 *
 * `run` does the work with the io it is given (the tests call it in-process); the bottom of the file wires it
 * to the real process. Exit codes: 0 clean, 1 a failed check, 2 usage, I/O or connection error.
 */
import { assessCommand } from "./commands/assess";
import type { Command } from "./commands/command";
import { compareCommand } from "./commands/compare";
import { scriptCommand } from "./commands/script";
import { packageVersion } from "../provider/package-version";
import { EXIT_CODES_HELP, table, TOOL } from "./help";
import { CliError, Console, EXIT_ERROR, EXIT_OK, processIo, UsageError, type CliIo } from "./io";

const COMMANDS: readonly Command[] = [assessCommand, scriptCommand, compareCommand];

const HELP = `Usage: ${TOOL} <command> [options]

Assesses, scripts and compares SQL Server schemas for Azure SQL Database, from T-SQL scripts, a schema
snapshot or a live database. For pipelines and pull-request checks; no Pulumi needed.

Commands:
${table(COMMANDS.map((c) => [c.name, c.summary]))}

Options:
${table([
  ["-h, --help", "this help; '<command> --help' for a command's options"],
  ["-v, --version", "the version"],
])}

Passwords are never flags: SQLSERVER_PASSWORD (assess, script), SOURCE_PASSWORD and TARGET_PASSWORD
(compare), or a prompt when stdin is a terminal. Access tokens: SQLSERVER_ACCESS_TOKEN, SOURCE_ACCESS_TOKEN,
TARGET_ACCESS_TOKEN.

${EXIT_CODES_HELP}`;

function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}

/** Runs the tool with `argv` (the arguments after the program name) and answers the exit code; never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const console = new Console(io);
  const [name, ...args] = argv;
  let command: Command | undefined;
  try {
    if (name === undefined) {
      console.err(HELP);
      return EXIT_ERROR;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      const topic = name === "help" ? COMMANDS.find((c) => c.name === args[0]) : undefined;
      console.out(topic?.help ?? HELP);
      return EXIT_OK;
    }
    if (name === "--version" || name === "-v") {
      console.out(await packageVersion(__dirname));
      return EXIT_OK;
    }
    command = COMMANDS.find((c) => c.name === name);
    if (command === undefined) {
      throw new UsageError(
        name.startsWith("-") ? `unknown option ${name} (a command comes first)` : `unknown command '${name}'`,
      );
    }
    if (wantsHelp(args)) {
      console.out(command.help);
      return EXIT_OK;
    }
    return await command.run(args, console);
  } catch (error) {
    if (error instanceof UsageError) {
      const where = command !== undefined ? `${TOOL} ${command.name} --help` : `${TOOL} --help`;
      console.err(`${TOOL}: ${error.message} (see '${where}')`);
      return error.exitCode;
    }
    if (error instanceof CliError) {
      console.err(`${TOOL}: ${error.message}`);
      return error.exitCode;
    }
    // Not expected: still one line, still exit 2, still scrubbed.
    console.err(`${TOOL}: unexpected error: ${(error as Error)?.message ?? String(error)}`);
    return EXIT_ERROR;
  }
}

if (require.main === module) {
  run(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_ERROR;
    },
  );
}
