/**
 * Where a schema comes from on the command line, and reading it into the model through the library:
 *   - a folder of T-SQL scripts (an SSDT project) or one .sql file → readScripts;
 *   - a model snapshot .json → loadSnapshot;
 *   - a live database: --server/--database (with a prefix, `--source-server`, for compare) → extractCatalog.
 * The password (SQL authentication) or access token (entra-token) comes from the environment, or from a prompt
 * when stdin is a terminal; the names are in `secretVariables`.
 */
import { promises as fs } from "node:fs";
import { allObjects, loadSnapshot, readScripts, SnapshotError, type DatabaseModel } from "../provider/schema";
import { extractCatalog, SqlError, type SqlAuthentication, type SqlConnectionSpec } from "../provider/sql";
import { choiceOption, portOption, stringOption, booleanOption, type OptionSpecs, type OptionValues } from "./args";
import { CliError, describeFsError, UsageError, type Console } from "./io";

export const AUTHENTICATIONS = ["sql", "entra-default", "entra-token"] as const;
export type CliAuthentication = (typeof AUTHENTICATIONS)[number];
const ENCRYPT_CHOICES = ["strict", "true", "false"] as const;

/** The server flags of one side; `prefix` is "" for assess/script and "source-" / "target-" for compare. */
export function serverOptionSpecs(prefix: string): OptionSpecs {
  return {
    [`${prefix}server`]: { type: "string" },
    [`${prefix}port`]: { type: "string" },
    [`${prefix}database`]: { type: "string" },
    [`${prefix}user`]: { type: "string" },
    [`${prefix}authentication`]: { type: "string" },
    [`${prefix}encrypt`]: { type: "string" },
    [`${prefix}trust-server-certificate`]: { type: "boolean" },
    [`${prefix}ca-file`]: { type: "string" },
    [`${prefix}database-name`]: { type: "string" },
  };
}

/** Environment variables holding a side's secret: `SQLSERVER_PASSWORD` for assess/script, `SOURCE_PASSWORD`... for compare. */
export function secretVariables(envPrefix: string): { password: string; token: string } {
  return { password: `${envPrefix}_PASSWORD`, token: `${envPrefix}_ACCESS_TOKEN` };
}

export type SourceSpec =
  /** `path` resolved against the working folder; `shown` as given on the command line, for messages. */
  | { type: "scripts"; path: string; shown: string; databaseName?: string }
  | { type: "snapshot"; path: string; shown: string; databaseName?: string }
  | {
      type: "server";
      /** The connection without its secret, which is read only when the source is read. */
      connection: Omit<SqlConnectionSpec, "authentication">;
      authentication: CliAuthentication;
      user?: string;
      envPrefix: string;
      /** Which flag prefix the side uses, for messages. */
      flagPrefix: string;
    };

export interface ReadSource {
  model: DatabaseModel;
  /** "scripts <path>", "snapshot <path>" or "database host:port/db": never a credential. */
  description: string;
  /** Statements the reader kept but did not understand (file:line: message). */
  warnings: string[];
  /** How many script files were read (scripts only). */
  files?: number;
}

/** True when any of the side's server flags was given (the side is then a live database). */
export function serverFlagsGiven(values: OptionValues, prefix: string): boolean {
  return Object.keys(serverOptionSpecs(prefix)).some(
    (name) => name !== `${prefix}database-name` && values[name] !== undefined,
  );
}

/**
 * One side from its flags and (when it is not a server) a positional path. `flagPrefix` "" or "source-"...;
 * `envPrefix` "SQLSERVER" or "SOURCE"/"TARGET"; `what` names the side in messages.
 */
export async function sourceFromArgs(
  values: OptionValues,
  positional: string | undefined,
  flagPrefix: string,
  envPrefix: string,
  what: string,
  console: Console,
): Promise<SourceSpec> {
  const side: SideFlags = { values, flagPrefix, flag: (name) => `--${flagPrefix}${name}` };
  const databaseName = stringOption(values, `${flagPrefix}database-name`);
  if (!serverFlagsGiven(values, flagPrefix)) return pathSource(side, positional, databaseName, what, console);
  if (positional !== undefined)
    throw new UsageError(`${side.flag("server")} and a path (${positional}) both name the ${what}: give one`);
  if (databaseName !== undefined)
    throw new UsageError(
      `${side.flag("database-name")} is for scripts and snapshots: a server's database is named by ${side.flag("database")}`,
    );
  return serverSource(side, envPrefix, console);
}

/** One side's flag values, with its prefix and how its flags are spelled in messages. */
interface SideFlags {
  values: OptionValues;
  flagPrefix: string;
  flag: (name: string) => string;
}

/** A scripts folder, a .sql file or a snapshot .json named on the command line. */
async function pathSource(
  side: SideFlags,
  positional: string | undefined,
  databaseName: string | undefined,
  what: string,
  console: Console,
): Promise<SourceSpec> {
  if (positional === undefined) {
    throw new UsageError(
      `no ${what} given: name a scripts folder, a .sql file or a snapshot .json, or give ${side.flag("server")} and ${side.flag("database")}`,
    );
  }
  const file = console.resolve(positional);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    throw new CliError(`${positional}: cannot read the ${what} (${describeFsError(error)})`);
  }
  const lower = file.toLowerCase();
  const type: "scripts" | "snapshot" | undefined =
    stat.isDirectory() || lower.endsWith(".sql") ? "scripts" : lower.endsWith(".json") ? "snapshot" : undefined;
  if (type === undefined)
    throw new UsageError(`${positional}: expected a folder of .sql scripts, a .sql file or a snapshot .json`);
  return { type, path: file, shown: positional, ...(databaseName !== undefined ? { databaseName } : {}) };
}

/** A live database from the side's server flags; its secret is read later, when the source is read. */
async function serverSource(side: SideFlags, envPrefix: string, console: Console): Promise<SourceSpec> {
  const { values, flagPrefix, flag } = side;
  const server = stringOption(values, `${flagPrefix}server`);
  if (server === undefined) {
    const given = Object.keys(serverOptionSpecs(flagPrefix)).find((name) => values[name] !== undefined);
    throw new UsageError(`${flag("server")} is required with --${given}`);
  }
  const database = stringOption(values, `${flagPrefix}database`);
  if (database === undefined) throw new UsageError(`${flag("database")} is required with ${flag("server")}`);
  const { authentication, user } = authenticationFlags(side);
  const encrypt = choiceOption(values, `${flagPrefix}encrypt`, ENCRYPT_CHOICES);
  const trust = booleanOption(values, `${flagPrefix}trust-server-certificate`);
  if (trust && encrypt === "strict") {
    // The driver validates the certificate under TDS 8.0 whatever trustServerCertificate says: refuse rather than ignore.
    throw new UsageError(
      `${flag("trust-server-certificate")} has no effect with ${flag("encrypt")} strict (TDS 8.0 always validates the certificate): give ${flag("ca-file")} instead`,
    );
  }
  const port = portOption(values, `${flagPrefix}port`);
  const ca = await readCaFile(side, console);
  return {
    type: "server",
    connection: {
      server,
      database,
      ...(port !== undefined ? { port } : {}),
      ...(encrypt !== undefined ? { encrypt: encrypt === "strict" ? "strict" : encrypt === "true" } : {}),
      ...(trust ? { trustServerCertificate: true } : {}),
      ...(ca !== undefined ? { ca } : {}),
    },
    authentication,
    ...(user !== undefined ? { user } : {}),
    envPrefix,
    flagPrefix,
  };
}

/** The authentication kind and its user: SQL authentication needs a user, the Entra kinds refuse one. */
function authenticationFlags(side: SideFlags): { authentication: CliAuthentication; user: string | undefined } {
  const { values, flagPrefix, flag } = side;
  const authentication = choiceOption(values, `${flagPrefix}authentication`, AUTHENTICATIONS) ?? "sql";
  const user = stringOption(values, `${flagPrefix}user`);
  if (authentication === "sql" && user === undefined)
    throw new UsageError(
      `${flag("user")} is required with SQL authentication (or give ${flag("authentication")} entra-default)`,
    );
  if (authentication !== "sql" && user !== undefined)
    throw new UsageError(`${flag("user")} is only for ${flag("authentication")} sql`);
  return { authentication, user };
}

/** The PEM certificate named by --ca-file, if given; anything else is refused here rather than at connect time. */
async function readCaFile(side: SideFlags, console: Console): Promise<string | undefined> {
  const caFile = stringOption(side.values, `${side.flagPrefix}ca-file`);
  if (caFile === undefined) return undefined;
  let ca: string;
  try {
    ca = await fs.readFile(console.resolve(caFile), "utf8");
  } catch (error) {
    throw new CliError(`${side.flag("ca-file")} ${caFile}: cannot read (${describeFsError(error)})`);
  }
  if (!ca.includes("-----BEGIN CERTIFICATE-----"))
    throw new CliError(`${side.flag("ca-file")} ${caFile}: not a PEM certificate`);
  return ca;
}

/** host:port/database, as the library describes connections (no credential). */
function describeServer(connection: Pick<SqlConnectionSpec, "server" | "port" | "database">): string {
  return `${connection.server}${connection.port !== undefined && connection.port !== 1433 ? `:${connection.port}` : ""}/${connection.database}`;
}

export function describeSource(source: SourceSpec): string {
  if (source.type === "server") return `database ${describeServer(source.connection)}`;
  return `${source.type} ${source.shown}`;
}

/** The secret of a server side: from its environment variable, else a prompt on a terminal, else an error. */
async function resolveAuthentication(
  source: Extract<SourceSpec, { type: "server" }>,
  console: Console,
): Promise<SqlAuthentication> {
  if (source.authentication === "entra-default") return { type: "entra-default" };
  const names = secretVariables(source.envPrefix);
  const isToken = source.authentication === "entra-token";
  const variable = isToken ? names.token : names.password;
  let secret = console.io.env[variable];
  if (secret === undefined || secret === "") {
    if (console.io.readSecret === undefined) {
      throw new CliError(
        `${variable} is not set: put the ${isToken ? "access token" : `password of ${source.user}`} for ${describeServer(source.connection)} in it ` +
          `(stdin is not a terminal, so there is no prompt)`,
      );
    }
    secret = await console.io.readSecret(
      isToken
        ? `Access token for ${describeServer(source.connection)}: `
        : `Password for ${source.user} on ${describeServer(source.connection)}: `,
    );
    if (secret === "")
      throw new CliError(
        `no ${isToken ? "access token" : "password"} entered for ${describeServer(source.connection)}`,
      );
  }
  console.addSecret(secret);
  return isToken ? { type: "entra-token", token: secret } : { type: "sql", user: source.user!, password: secret };
}

/** Reads a side into the model; every failure is a CliError (exit 2) naming the path or the server. */
export async function readSource(source: SourceSpec, console: Console): Promise<ReadSource> {
  const description = describeSource(source);
  if (source.type === "scripts") {
    let read;
    try {
      read = await readScripts(
        source.path,
        source.databaseName !== undefined ? { databaseName: source.databaseName } : {},
      );
    } catch (error) {
      throw new CliError(`${source.shown}: cannot read the scripts (${describeFsError(error)})`);
    }
    if (read.files.length === 0) throw new CliError(`${source.shown}: no .sql files in this folder`);
    return {
      model: read.model,
      description,
      warnings: read.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`),
      files: read.files.length,
    };
  }
  if (source.type === "snapshot") {
    let model: DatabaseModel;
    try {
      model = await loadSnapshot(source.path);
    } catch (error) {
      // The library's message starts with the resolved path; the one given on the command line reads better.
      if (error instanceof SnapshotError) throw new CliError(error.message.split(source.path).join(source.shown));
      throw error;
    }
    if (source.databaseName !== undefined) model = { ...model, databaseName: source.databaseName };
    return { model, description, warnings: [] };
  }
  const authentication = await resolveAuthentication(source, console);
  try {
    const model = await extractCatalog({ ...source.connection, authentication });
    return { model, description, warnings: [] };
  } catch (error) {
    if (error instanceof SqlError) {
      // Connection failures already say where; a failed catalog query does not.
      const where = describeServer(source.connection);
      throw new CliError(
        error.message.includes(source.connection.server) ? error.message : `${where}: ${error.message}`,
      );
    }
    throw error;
  }
}

/** "12 objects from scripts x (4 files)". */
export function describeRead(read: ReadSource): string {
  const objects = allObjects(read.model).length;
  return `${objects} object(s) from ${read.description}${read.files !== undefined ? ` (${read.files} file(s))` : ""}`;
}

/** Prints the reader's notes (what it did with statements it did not model) to stderr, the first few in full. */
export function reportWarnings(read: ReadSource, console: Console): void {
  if (read.warnings.length === 0) return;
  const shown = 10;
  console.err(`note: ${read.warnings.length} remark(s) from reading ${read.description}:`);
  for (const w of read.warnings.slice(0, shown)) console.err(`  ${w}`);
  if (read.warnings.length > shown) console.err(`  ... and ${read.warnings.length - shown} more`);
}
