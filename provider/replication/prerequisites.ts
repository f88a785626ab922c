/**
 * What transactional replication to Azure SQL Database needs before anything is configured, read from the
 * source (and the target), each failure naming its fix:
 *   - SQL Server 2016 (13.x) or later, not Express (it cannot publish), a sysadmin login;
 *   - SQL Server Agent running (every replication agent is an Agent job);
 *   - @@SERVERNAME equal to the name the instance runs as (replication connects by that name);
 *   - a primary key on every published table (sp_addarticle refuses others with error 14088);
 *   - the target reachable, and (once the schema step ran) holding every published table.
 */
import { REPLICATION_MARKERS, tableKey, type TableName } from "./names";
import { asFlag, asNumber, asText, queryRows } from "./calls";
import type { SqlSession } from "../sql/session";

export interface ServerFacts {
  serverName: string;
  machineServerName: string;
  productVersion: string;
  majorVersion: number;
  engineEdition: number;
  edition: string;
  isSysadmin: boolean;
  agentRunning: boolean;
  databaseName: string;
  updateability: string;
}

export interface TableFacts extends TableName {
  hasPrimaryKey: boolean;
  hasIdentity: boolean;
}

export interface PrerequisiteFailure {
  /** The input the failure is about (`source`, `tables`, `target`), for `pulumi preview`'s field-named failures. */
  field: "source" | "tables" | "target";
  check: string;
  message: string;
  fix: string;
}

export function serverFactsQuery(): string {
  return (
    `${REPLICATION_MARKERS.serverFacts}\n` +
    "SELECT CAST(@@SERVERNAME AS nvarchar(256)) AS [server_name], " +
    "CAST(SERVERPROPERTY('ServerName') AS nvarchar(256)) AS [machine_server_name], " +
    "CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS [product_version], " +
    "CAST(SERVERPROPERTY('EngineEdition') AS int) AS [engine_edition], " +
    "CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS [edition], " +
    "CAST(IS_SRVROLEMEMBER(N'sysadmin') AS int) AS [is_sysadmin], " +
    "CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.dm_exec_sessions WHERE [program_name] LIKE N'SQLAgent%') THEN 1 ELSE 0 END AS int) AS [agent_running], " +
    "DB_NAME() AS [database_name], " +
    "CAST(DATABASEPROPERTYEX(DB_NAME(), 'Updateability') AS nvarchar(60)) AS [updateability];"
  );
}

export async function readServerFacts(session: SqlSession): Promise<ServerFacts> {
  const [row = {}] = await queryRows(session, serverFactsQuery());
  const productVersion = asText(row["product_version"]) ?? "";
  return {
    serverName: asText(row["server_name"]) ?? "",
    machineServerName: asText(row["machine_server_name"]) ?? "",
    productVersion,
    majorVersion: Number(productVersion.split(".")[0]) || 0,
    engineEdition: asNumber(row["engine_edition"]) ?? 0,
    edition: asText(row["edition"]) ?? "",
    isSysadmin: asFlag(row["is_sysadmin"]),
    agentRunning: asFlag(row["agent_running"]),
    databaseName: asText(row["database_name"]) ?? "",
    updateability: asText(row["updateability"]) ?? "READ_WRITE",
  };
}

/** The user tables of the session's database, with whether each has a primary key and an identity column. */
export function tablesQuery(): string {
  return (
    `${REPLICATION_MARKERS.tables}\n` +
    "SELECT s.[name] AS [schema_name], t.[name] AS [table_name], " +
    "CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.key_constraints AS k WHERE k.[parent_object_id] = t.[object_id] AND k.[type] = 'PK') THEN 1 ELSE 0 END AS int) AS [has_primary_key], " +
    "CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.identity_columns AS c WHERE c.[object_id] = t.[object_id]) THEN 1 ELSE 0 END AS int) AS [has_identity] " +
    "FROM sys.tables AS t JOIN sys.schemas AS s ON s.[schema_id] = t.[schema_id] WHERE t.[is_ms_shipped] = 0 ORDER BY s.[name], t.[name];"
  );
}

export async function readTables(session: SqlSession): Promise<TableFacts[]> {
  return (await queryRows(session, tablesQuery())).map((row) => ({
    schema: String(row["schema_name"]),
    name: String(row["table_name"]),
    hasPrimaryKey: asFlag(row["has_primary_key"]),
    hasIdentity: asFlag(row["has_identity"]),
  }));
}

const MIN_MAJOR_VERSION = 13;
const EXPRESS_ENGINE_EDITION = 4;
const AZURE_SQL_DATABASE_ENGINE_EDITION = 5;

/** The instance-level checks. */
export function judgeServer(facts: ServerFacts): PrerequisiteFailure[] {
  const failures: PrerequisiteFailure[] = [];
  const fail = (check: string, message: string, fix: string) => failures.push({ field: "source", check, message, fix });
  if (facts.engineEdition === AZURE_SQL_DATABASE_ENGINE_EDITION) {
    fail(
      "edition",
      "the source is an Azure SQL Database, which cannot publish",
      "publish from SQL Server 2016 or later (or Azure SQL Managed Instance)",
    );
  } else if (facts.engineEdition === EXPRESS_ENGINE_EDITION) {
    fail(
      "edition",
      `the source is ${facts.edition || "SQL Server Express"}, which can subscribe but not publish`,
      "publish from Standard, Enterprise or Developer edition",
    );
  }
  if (facts.majorVersion < MIN_MAJOR_VERSION) {
    fail(
      "version",
      `the source runs SQL Server ${facts.productVersion || "(unknown version)"}; Azure SQL Database accepts push subscriptions from SQL Server 2016 (13.x) and later`,
      "upgrade the source to SQL Server 2016 or later",
    );
  }
  if (!facts.isSysadmin) {
    fail(
      "permissions",
      "the source login is not a member of sysadmin",
      "use a sysadmin login for the source: configuring distribution and publishing requires it",
    );
  }
  if (!facts.agentRunning) {
    fail(
      "agent",
      "SQL Server Agent is not running on the source (every replication agent is an Agent job)",
      "start SQL Server Agent (Windows: the SQL Server Agent service; Linux: mssql-conf set sqlagent.enabled true and restart; containers: MSSQL_AGENT_ENABLED=true)",
    );
  }
  if (
    facts.serverName &&
    facts.machineServerName &&
    facts.serverName.toLowerCase() !== facts.machineServerName.toLowerCase()
  ) {
    fail(
      "serverName",
      `@@SERVERNAME is '${facts.serverName}' but the instance runs as '${facts.machineServerName}'; replication connects by the real name`,
      `run EXEC sp_dropserver N'${facts.serverName.replace(/'/g, "''")}'; EXEC sp_addserver N'${facts.machineServerName.replace(/'/g, "''")}', N'local'; and restart SQL Server (containers: set the hostname explicitly)`,
    );
  }
  if (facts.updateability.toUpperCase() === "READ_ONLY") {
    fail(
      "readOnly",
      `the source database ${facts.databaseName} is read-only and cannot be published`,
      "make it read-write for the migration (ALTER DATABASE ... SET READ_WRITE)",
    );
  }
  return failures;
}

export interface TableSelection {
  /** The tables asked for (empty: every table). */
  requested: TableName[];
  /** `fail` (default): a table without a primary key fails the check; `exclude`: it is left out and named. */
  withoutPrimaryKey: "fail" | "exclude";
}

export interface SelectedTables {
  tables: TableFacts[];
  /** Tables without a primary key left out (`withoutPrimaryKey: "exclude"`). */
  excluded: TableName[];
  failures: PrerequisiteFailure[];
}

/** The tables to publish: those asked for (or every table), each with a primary key. */
export function selectTables(all: readonly TableFacts[], selection: TableSelection): SelectedTables {
  const failures: PrerequisiteFailure[] = [];
  const byKey = new Map(all.map((t) => [tableKey(t).toLowerCase(), t]));
  let chosen: TableFacts[];
  if (selection.requested.length) {
    chosen = [];
    for (const wanted of selection.requested) {
      const found = byKey.get(tableKey(wanted).toLowerCase());
      if (found) chosen.push(found);
      else
        failures.push({
          field: "tables",
          check: "tableExists",
          message: `table ${tableKey(wanted)} does not exist in the source database`,
          fix: "correct the table list (schema.table)",
        });
    }
  } else {
    chosen = [...all];
  }
  const keyless = chosen.filter((t) => !t.hasPrimaryKey);
  if (keyless.length && selection.withoutPrimaryKey === "fail") {
    for (const t of keyless) {
      failures.push({
        field: "tables",
        check: "primaryKey",
        message: `table ${tableKey(t)} has no primary key; transactional replication refuses it (sp_addarticle error 14088)`,
        fix: 'add a primary key to it, or set withoutPrimaryKey: "exclude" to leave it out of the publication (its rows then need another way to the target)',
      });
    }
  }
  const tables = chosen.filter((t) => t.hasPrimaryKey);
  if (!tables.length && !failures.length) {
    failures.push({
      field: "tables",
      check: "noTables",
      message: "there is no table with a primary key to publish",
      fix: "list the tables to migrate, each with a primary key",
    });
  }
  return { tables, excluded: keyless.map(({ schema, name }) => ({ schema, name })), failures };
}

export interface TargetFacts {
  databaseName: string;
  engineEdition: number;
}

export function targetFactsQuery(): string {
  return `${REPLICATION_MARKERS.targetFacts}\nSELECT DB_NAME() AS [database_name], CAST(SERVERPROPERTY('EngineEdition') AS int) AS [engine_edition];`;
}

export async function readTargetFacts(session: SqlSession): Promise<TargetFacts> {
  const [row = {}] = await queryRows(session, targetFactsQuery());
  return { databaseName: asText(row["database_name"]) ?? "", engineEdition: asNumber(row["engine_edition"]) ?? 0 };
}

/** Published tables the target lacks: replication does not create them (the schema step does). */
export function missingOnTarget(
  published: readonly TableName[],
  targetTables: readonly TableName[],
): PrerequisiteFailure[] {
  const present = new Set(targetTables.map((t) => tableKey(t).toLowerCase()));
  const missing = published.filter((t) => !present.has(tableKey(t).toLowerCase()));
  if (!missing.length) return [];
  return [
    {
      field: "target",
      check: "targetTables",
      message: `the target database lacks ${missing.length === 1 ? "table" : "tables"} ${missing.map(tableKey).join(", ")}; replication delivers rows into existing tables only`,
      fix: "deploy the schema first (the schema step of SqlServerToAzureSqlMigration, or SchemaDeployment)",
    },
  ];
}

/** One line per failure: what is wrong and how to fix it. */
export function describeFailures(failures: readonly PrerequisiteFailure[]): string {
  return failures.map((f) => `  - ${f.message}. Fix: ${f.fix}.`).join("\n");
}

/** Tables present in both databases: the migration's tables, which the target's cutover fixes cover. */
export async function commonTables(source: SqlSession, target: SqlSession): Promise<TableName[]> {
  const onTarget = new Set((await readTables(target)).map((t) => tableKey(t).toLowerCase()));
  return (await readTables(source))
    .filter((t) => onTarget.has(tableKey(t).toLowerCase()))
    .map(({ schema, name }) => ({ schema, name }));
}
