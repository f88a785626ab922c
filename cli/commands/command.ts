/** What every command provides: its name, a one-line summary for the tool's help, its help, and its run. */
import type { Console } from "../io";

export interface Command {
  name: string;
  summary: string;
  help: string;
  /** Runs with the arguments after the command's name; answers the exit code (errors are thrown as CliError). */
  run(args: readonly string[], console: Console): Promise<number>;
}
