/**
 * Argument parsing on top of Node's util.parseArgs: strict (an unknown flag is an error, not ignored), with
 * errors that name the flag in one line, and typed readers for the values (enums, ports). A password is never
 * a flag: any `--...password` / `--...token` option is refused before parsing, without repeating its value.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./io";

export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;
export type OptionValues = Record<string, string | boolean | undefined>;

export interface ParsedArgs {
  values: OptionValues;
  positionals: string[];
}

const SECRET_FLAG = /^--?([A-Za-z0-9-]*-)?(password|passwd|pwd|secret|token|access-token)(=.*)?$/i;

/** Parses a command's arguments; every problem is a UsageError naming the flag. */
export function parseCommandArgs(command: string, args: readonly string[], options: OptionSpecs): ParsedArgs {
  for (const arg of args) {
    if (arg === "--") break;
    const match = SECRET_FLAG.exec(arg);
    if (match) {
      const flag = arg.replace(/=.*$/, "");
      throw new UsageError(
        `${flag} is not accepted: passwords and tokens are read from the environment (see '${command} --help'), never from the command line`,
        command,
      );
    }
  }
  try {
    const parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }), command);
  }
}

/** Node's messages, shortened to one line that starts with the flag. */
function describeParseError(error: Error & { code?: string }): string {
  const flag = /'(-[^' ]*)/.exec(error.message)?.[1];
  if (flag === undefined) return error.message.split("\n")[0]!;
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${flag}`;
  if (/does not take an argument/.test(error.message)) return `${flag} takes no value`;
  if (/argument missing|ambiguous/.test(error.message)) return `${flag} needs a value`;
  return `${flag}: ${error.message.split("\n")[0]}`;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (typeof value !== "string") return undefined;
  if (value.trim() === "") throw new UsageError(`--${name} must not be empty`);
  return value;
}

export function booleanOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** One of `choices`, matched case-insensitively and answered in the choice's own spelling. */
export function choiceOption<T extends string>(
  values: OptionValues,
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const choice = choices.find((c) => c.toLowerCase() === value.toLowerCase());
  if (choice === undefined) throw new UsageError(`--${name} must be one of ${choices.join(", ")} (got "${value}")`);
  return choice;
}

export function portOption(values: OptionValues, name: string): number | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535)
    throw new UsageError(`--${name} must be a port number from 1 to 65535 (got "${value}")`);
  return port;
}

/** Refuses flags given together that contradict each other. */
export function refuseTogether(values: OptionValues, names: readonly string[], reason: string): void {
  const given = names.filter((n) => values[n] !== undefined && values[n] !== false);
  if (given.length > 0) throw new UsageError(`--${given[0]} ${reason}`);
}
