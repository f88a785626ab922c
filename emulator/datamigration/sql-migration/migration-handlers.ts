/**
 * `Microsoft.DataMigration/databaseMigrations` of kind SqlDb, an extension resource on a Microsoft.Sql server
 * named after the target database; one named handler per operation of sqlmigration.json. Status codes follow
 * the recorded Azure answers where they differ from the spec (see the dms-current fact sheet, §1.3, §5):
 *
 *   PUT      201 (new) / 200 (existing) + Azure-AsyncOperation, provisioningState Creating; every PUT is a new
 *            run (new migrationOperationId once validated). 409 OperationInProgress while a run is active.
 *   GET      the latest run, or ?migrationOperationId=; migrationStatusDetails only with $expand.
 *   cancel   200 (recorded; the spec says 200/202) + body Canceling + Azure-AsyncOperation.
 *   retry    202 + body + Azure-AsyncOperation (2025-06-30 and later).
 *   DELETE   200 (recorded, not the spec's 202) + Azure-AsyncOperation, empty body; 204 when absent.
 */
import { normalizeLocation } from "../../arm/ids";
import type { LongRunningOperation } from "../../arm/lro";
import { respond, type ArmRequest, type ArmResponse } from "../../arm/request";
import { queryFlag, queryValue, readBody } from "../../arm/request-body";
import type { StoredResource } from "../../arm/store";
import { SERVER_TYPE, sqlServerId } from "../../sql/paths";
import { sqlMigrationErrors } from "./errors";
import { requireGroup, type SqlMigrationContext } from "./gates";
import {
  inVersions,
  NAMESPACE,
  parseSqlMigrationServiceId,
  RETRY_API_VERSIONS,
  sameId,
  SQL_DB_PATH_NAME,
  SQL_MIGRATION_SERVICE_TYPE,
  sqlDbMigrationId,
} from "./paths";
import type { SqlDbMigration } from "./sqldb-migration-engine";
import { isActive, type SqlDbRun, type SqlDbRunInput } from "./sqldb-run";
import {
  databaseMigrationSqlDbBody,
  migrationOperationInput,
  type DatabaseMigrationSqlDbBody,
  type SqlConnectionInformation,
} from "./spec-shapes";
import { parseTableListEntry } from "./table-names";

/** Gates, then the target server: a missing one is ARM's gateway 404 (recorded, with x-ms-failure-cause). */
function requireTargetServer(ctx: SqlMigrationContext, req: ArmRequest): StoredResource {
  requireGroup(ctx, req, "databaseMigrations");
  const p = req.params;
  if (!SQL_DB_PATH_NAME.test(p["sqlDbInstanceName"]!))
    throw sqlMigrationErrors.invalidParameterValue("sqlDbInstanceName");
  if (!SQL_DB_PATH_NAME.test(p["targetDbName"]!)) throw sqlMigrationErrors.invalidParameterValue("targetDbName");
  const server = ctx.services.store.get(
    sqlServerId(p["subscriptionId"]!, p["resourceGroupName"]!, p["sqlDbInstanceName"]!),
  );
  if (!server || server.type !== SERVER_TYPE)
    throw sqlMigrationErrors.targetServerNotFound(p["sqlDbInstanceName"]!, p["resourceGroupName"]!);
  return server;
}

function requireMigration(
  ctx: SqlMigrationContext,
  req: ArmRequest,
): { server: StoredResource; migration: SqlDbMigration } {
  const server = requireTargetServer(ctx, req);
  const migration = ctx.state.sqlDbMigrations.find(sqlDbMigrationId(req.params));
  if (!migration)
    throw sqlMigrationErrors.migrationNotFound(req.params["targetDbName"]!, req.params["resourceGroupName"]!);
  return { server, migration };
}

/** The run a cancel or retry names: a missing id is InvalidArgument, an unknown one OperationIdNotFound. */
function requireRun(ctx: SqlMigrationContext, req: ArmRequest, migration: SqlDbMigration): SqlDbRun {
  const { migrationOperationId } = readBody(migrationOperationInput, req.body);
  if (!migrationOperationId) throw sqlMigrationErrors.invalidArgument("migrationOperationId");
  const run = ctx.state.sqlDbMigrations.runOf(migration, migrationOperationId);
  if (!run) throw sqlMigrationErrors.operationIdNotFound(migrationOperationId);
  return run;
}

type Connection = SqlConnectionInformation;

function connectionOf(c: Connection) {
  return { dataSource: c.dataSource!, authentication: c.authentication, userName: c.userName, password: c.password };
}

/** The checks the service makes before accepting a run (synchronous 400s), turned into the run's input. */
function runInput(
  ctx: SqlMigrationContext,
  req: ArmRequest,
  server: StoredResource,
  body: DatabaseMigrationSqlDbBody,
): SqlDbRunInput {
  const props = body.properties;
  const missing = (
    ["scope", "migrationService", "sourceDatabaseName", "sourceSqlConnection", "targetSqlConnection"] as const
  ).find((k) => props[k] === undefined || props[k] === "");
  if (missing) throw sqlMigrationErrors.invalidArgument(`properties.${missing}`);
  if (!sameId(props.scope!, server.id)) throw sqlMigrationErrors.invalidArgument("properties.scope");

  const ref = parseSqlMigrationServiceId(props.migrationService!);
  const service = ref ? ctx.services.store.get(props.migrationService!) : undefined;
  if (!ref || !service || service.type !== SQL_MIGRATION_SERVICE_TYPE)
    throw sqlMigrationErrors.invalidArgument("properties.migrationService");
  if (normalizeLocation(service.location ?? "") !== normalizeLocation(server.location ?? "")) {
    throw sqlMigrationErrors.invalidLocation(service.location ?? "", server.location ?? "");
  }
  if (service.properties?.["provisioningState"] !== "Succeeded" || ctx.state.runtimes.state(service.id) !== "Online") {
    throw sqlMigrationErrors.integrationRuntimeNotOnline(service.name, ref.resourceGroupName, ref.subscriptionId);
  }

  const source = props.sourceSqlConnection!;
  const target = props.targetSqlConnection!;
  if (!source.dataSource) throw sqlMigrationErrors.invalidArgument("properties.sourceSqlConnection.dataSource");
  if (!target.dataSource) throw sqlMigrationErrors.invalidArgument("properties.targetSqlConnection.dataSource");
  // A free string in the spec, compared without regard to case (the RP accepted "SQLAuthentication"). Windows
  // logins are resolved on the SHIR host, so only the source can use them; Azure SQL targets take SQL logins.
  if (!["sqlauthentication", "windowsauthentication"].includes((source.authentication ?? "").toLowerCase())) {
    throw sqlMigrationErrors.invalidArgument("properties.sourceSqlConnection.authentication");
  }
  if ((target.authentication ?? "").toLowerCase() !== "sqlauthentication") {
    throw sqlMigrationErrors.invalidArgument("properties.targetSqlConnection.authentication");
  }

  const tables = (props.tableList ?? []).map((entry) => {
    const name = parseTableListEntry(entry);
    if (!name) throw sqlMigrationErrors.invalidTableNameFormat(entry);
    return name;
  });

  return {
    targetServerName: server.name,
    targetDbName: req.params["targetDbName"]!,
    scope: server.id,
    // Echoed in the stored casing (recorded: a differently-cased id came back normalised).
    migrationService: service.id,
    sourceDatabaseName: props.sourceDatabaseName!,
    sourceConnection: connectionOf(source),
    targetConnection: connectionOf(target),
    ...(props.tableList !== undefined ? { tableList: [...props.tableList], tables } : {}),
    ...(props.targetDatabaseCollation !== undefined ? { targetDatabaseCollation: props.targetDatabaseCollation } : {}),
    ...(props.sqlServerInstanceId !== undefined ? { sqlServerInstanceId: props.sqlServerInstanceId } : {}),
  };
}

export function DatabaseMigrationsSqlDb_CreateOrUpdate(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const { lro } = ctx.services;
  const engine = ctx.state.sqlDbMigrations;
  const server = requireTargetServer(ctx, req);
  if (req.body === undefined) throw sqlMigrationErrors.emptyRequiredRequestBody();
  const body = readBody(databaseMigrationSqlDbBody(req.apiVersion), req.body);
  const id = sqlDbMigrationId(req.params);
  const existing = engine.find(id);
  if (existing && (isActive(engine.current(existing)) || engine.isDropping(existing)))
    throw sqlMigrationErrors.operationInProgress();
  const input = runInput(ctx, req, server, body);

  const { migration, run, created } = engine.begin(id, req.params["targetDbName"]!, input);
  // Declared before assignment: the state callback below may run before lro.start returns.
  let operation: LongRunningOperation | undefined;
  // eslint-disable-next-line prefer-const
  operation = lro.start(req, {
    subscriptionId: req.params["subscriptionId"]!,
    namespace: NAMESPACE,
    location: server.location ?? "global",
    states: ["Creating"],
    // Validation is the operation: its error (TestConnectionFailed, SqlInfoValidationFailed, …) is the LRO's.
    complete: () => engine.validate(migration, run),
    applyState: (state) => {
      if (state === "Failed")
        engine.provisioningFailed(
          migration,
          run,
          (operation && lro.get(operation.id)?.error?.message) ?? "The operation failed.",
        );
    },
  });
  return lro.firstResponse(operation, {
    status: created ? 201 : 200,
    headers: "azureAsyncOperation",
    body: () => engine.view(migration, run, false),
  });
}

export function DatabaseMigrationsSqlDb_Get(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const engine = ctx.state.sqlDbMigrations;
  const { migration } = requireMigration(ctx, req);
  const operationId = queryValue(req.query, "migrationOperationId");
  const run = operationId !== undefined ? engine.runOf(migration, operationId) : engine.current(migration);
  if (!run) throw sqlMigrationErrors.operationIdNotFound(operationId ?? "");
  const expand = (queryValue(req.query, "$expand") ?? "")
    .split(",")
    .some((e) => e.trim().toLowerCase() === "migrationstatusdetails");
  return respond.ok(engine.view(migration, run, expand));
}

export function DatabaseMigrationsSqlDb_Delete(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const { lro } = ctx.services;
  const engine = ctx.state.sqlDbMigrations;
  const server = requireTargetServer(ctx, req);
  const migration = engine.find(sqlDbMigrationId(req.params));
  if (!migration) return respond.noContent();
  if (engine.isDropping(migration)) throw sqlMigrationErrors.deleteMigrationDeleteInProgress(migration.name);
  if (isActive(engine.current(migration)) && !queryFlag(req.query, "force"))
    throw sqlMigrationErrors.deleteMigrationInProgress(migration.name);
  engine.beginDrop(migration);
  const operation = lro.start(req, {
    subscriptionId: req.params["subscriptionId"]!,
    namespace: NAMESPACE,
    location: server.location ?? "global",
    states: [],
    complete: () => engine.finishDrop(migration),
    applyState: (state) => {
      if (state === "Failed") engine.abortDrop(migration);
    },
  });
  return lro.firstResponse(operation, { status: 200, headers: "azureAsyncOperation" });
}

export function DatabaseMigrationsSqlDb_cancel(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const { lro } = ctx.services;
  const engine = ctx.state.sqlDbMigrations;
  const { server, migration } = requireMigration(ctx, req);
  const run = requireRun(ctx, req, migration);
  if (run !== engine.current(migration) || !isActive(run))
    throw sqlMigrationErrors.migrationCancelFailed(run.migrationStatus ?? run.provisioningState);
  engine.beginCancel(migration, run);
  const operation = lro.start(req, {
    subscriptionId: req.params["subscriptionId"]!,
    namespace: NAMESPACE,
    location: server.location ?? "global",
    states: [],
    complete: () => engine.finishCancel(migration, run),
    applyState: (state) => {
      if (state === "Failed") engine.abortCancel(migration, run);
    },
  });
  return lro.firstResponse(operation, {
    status: 200,
    headers: "azureAsyncOperation",
    body: () => engine.view(migration, run, false),
  });
}

export function DatabaseMigrationsSqlDb_retry(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const { lro } = ctx.services;
  const engine = ctx.state.sqlDbMigrations;
  requireGroup(ctx, req, "databaseMigrations");
  if (!inVersions(RETRY_API_VERSIONS, req.apiVersion)) throw sqlMigrationErrors.invalidArgument("api-version");
  const { server, migration } = requireMigration(ctx, req);
  const run = requireRun(ctx, req, migration);
  if (run !== engine.current(migration) || run.migrationStatus !== "Retriable") {
    throw sqlMigrationErrors.migrationRetryNotAllowed(
      run.migrationState ?? run.migrationStatus ?? run.provisioningState,
      server.name,
      migration.name,
    );
  }
  engine.retry(migration, run);
  const operation = lro.start(req, {
    subscriptionId: req.params["subscriptionId"]!,
    namespace: NAMESPACE,
    location: server.location ?? "global",
    states: [],
  });
  return lro.firstResponse(operation, {
    status: 202,
    headers: "azureAsyncOperation",
    body: () => engine.view(migration, run, false),
  });
}
