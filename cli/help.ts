/** Help text pieces that several commands share. */
export const TOOL = "pulumi-azure-sql-migration";

/** The connection flags of one side, with its prefix ("" or "source-"...) and environment prefix. */
export function connectionHelp(flagPrefix: string, envPrefix: string): string {
  const f = (name: string) => `--${flagPrefix}${name}`;
  const rows: [string, string][] = [
    [`${f("server")} <host>`, "SQL Server or Azure SQL logical server to read the schema from"],
    [`${f("port")} <n>`, "TCP port (default 1433)"],
    [`${f("database")} <name>`, "database to read (required with the server)"],
    [
      `${f("user")} <login>`,
      `SQL authentication login; the password is read from ${envPrefix}_PASSWORD, or asked for on a terminal`,
    ],
    [
      `${f("authentication")} <kind>`,
      `sql (default), entra-default (DefaultAzureCredential: az login, workload or managed identity,`,
    ],
    ["", `AZURE_CLIENT_ID/...) or entra-token (an access token read from ${envPrefix}_ACCESS_TOKEN)`],
    [`${f("encrypt")} <mode>`, "strict (TDS 8.0), true (default) or false"],
    [
      `${f("trust-server-certificate")}`,
      `do not validate the server's certificate (development servers only; not with ${f("encrypt")} strict,`,
    ],
    ["", `which always validates: give ${f("ca-file")})`],
    [`${f("ca-file")} <pem>`, "trust this CA (PEM) for the server's certificate"],
  ];
  return table(rows);
}

export function table(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`.trimEnd()).join("\n");
}

export const EXIT_CODES_HELP = `Exit codes:
  0  clean
  1  findings not allowed by --fail-on (or differences, with compare --fail-on-changes)
  2  usage error, unreadable or unwritable file, or the server could not be reached or read`;
