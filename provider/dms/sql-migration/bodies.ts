/**
 * Request bodies for the current DMS, with exactly the properties the 2025-06-30 spec defines (the emulator
 * refuses any other, so a misspelt field fails the tests instead of being ignored by Azure).
 */

export interface SqlConnectionSpec {
  /** `host`, `host\instance` or `host,port`, as the self-hosted integration runtime resolves it. */
  dataSource: string;
  authentication: "SqlAuthentication" | "WindowsAuthentication";
  userName: string;
  password: string;
  encryptConnection: boolean;
  trustServerCertificate: boolean;
}

export interface SqlDbMigrationSpec {
  targetServerResourceId: string;
  migrationServiceId: string;
  sourceDatabaseName: string;
  source: SqlConnectionSpec;
  target: SqlConnectionSpec;
  /** `[schema].[table]` names; empty means every table. */
  tableList: string[];
}

/** Create body of a sqlMigrationService: a location and tags, nothing else is writable. */
export function buildSqlMigrationServiceBody(inputs: { location: string; tags?: Record<string, string> }) {
  return { location: inputs.location, ...(inputs.tags ? { tags: inputs.tags } : {}) };
}

/**
 * PUT body of a databaseMigration (kind SqlDb). `scope` repeats the parent server id, as every client sends it
 * (the spec review asked what happens when they differ; they never do here). `offlineConfiguration` is
 * read-only for SqlDb and left out.
 */
export function buildSqlDbMigrationBody(spec: SqlDbMigrationSpec) {
  return {
    properties: {
      kind: "SqlDb",
      scope: spec.targetServerResourceId,
      migrationService: spec.migrationServiceId,
      sourceDatabaseName: spec.sourceDatabaseName,
      sourceSqlConnection: { ...spec.source },
      targetSqlConnection: { ...spec.target },
      ...(spec.tableList.length ? { tableList: spec.tableList } : {}),
    },
  };
}

/** Body of cancel and retry: the run they act on. */
export function buildMigrationOperationBody(migrationOperationId: string) {
  return { migrationOperationId };
}
