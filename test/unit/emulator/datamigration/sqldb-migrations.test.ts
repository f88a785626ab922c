/**
 * databaseMigrations of kind SqlDb (current DMS, api-version 2025-06-30) on a Microsoft.Sql server: the
 * validation LRO, the simulated copy tick by tick, runs and migrationOperationId, cancel, retry, delete,
 * the synchronous refusals and the strict request shape.
 */
import { GUID_PATTERN, relative } from "../support";
import {
  api,
  createService,
  getExpanded,
  LOCATION,
  migrationBody,
  migrationPath,
  readyForMigration,
  registerNode,
  RG,
  SERVER,
  SERVER_ID,
  SERVICE_ID,
  servicePath,
  SOURCE,
  sourceConnection,
  startCurrentHarness,
  SUB,
  tablesOf,
  TARGET,
  targetConnection,
  type Harness,
} from "./sql-migration-support";

/** PUT, then the validation LRO (one step); returns the PUT's answer. */
async function startMigration(h: Harness, body = migrationBody(), path = migrationPath()) {
  const res = await api(h, "PUT", path, body);
  expect([200, 201]).toContain(res.status);
  h.clock.advance(0);
  return res;
}

describe("SqlDb database migrations", () => {
  let h: Harness;
  afterEach(() => h.emulator.stop());

  test("a migration under a missing server: ARM's gateway 404 ResourceNotFound", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    const res = await api(h, "PUT", migrationPath("SalesDb", "nosuchserver"), migrationBody());
    expect(res.status).toBe(404);
    expect(res.headers["x-ms-failure-cause"]).toBe("gateway");
    expect(res.json.error.code).toBe("ResourceNotFound");
    expect(res.json.error.message).toMatch(
      /^The Resource 'Microsoft\.Sql\/servers\/nosuchserver' under resource group 'rg-mig' was not found\./,
    );
  });

  // Long on purpose: one migration's life in order (201, the validation LRO, each tick of the copy); each check
  // reads the state the one before left.
  test("create: 201 Creating, validation LRO, then the copy table by table until Succeeded", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    const created = await api(h, "PUT", migrationPath(), migrationBody());
    expect(created.status).toBe(201);
    expect(created.headers["retry-after"]).toBeDefined();
    const operationUrl = relative(created.headers["azure-asyncoperation"]);
    expect(created.json.id).toBe(`${SERVER_ID}/providers/Microsoft.DataMigration/databaseMigrations/SalesDb`);
    expect(created.json.type).toBe("Microsoft.DataMigration/databaseMigrations");
    expect(created.json.properties).toEqual({
      kind: "SqlDb",
      scope: SERVER_ID,
      migrationService: SERVICE_ID,
      sourceDatabaseName: "Sales",
      sourceServerName: SOURCE.server,
      provisioningState: "Creating",
      offlineConfiguration: { offline: true },
      backupConfiguration: { sourceLocation: { fileStorageType: "None" } },
      sqlDataMigrationConfiguration: { enableDataMigration: true },
      sqlSchemaMigrationConfiguration: { enableSchemaMigration: false },
    });
    expect((await api(h, "GET", operationUrl)).json.status).toBe("InProgress");

    h.clock.advance(0);
    expect((await api(h, "GET", operationUrl)).json.status).toBe("Succeeded");
    const started = await api(h, "GET", migrationPath());
    expect(started.json.properties).toMatchObject({ provisioningState: "Succeeded", migrationStatus: "InProgress" });
    expect(started.json.properties.migrationOperationId).toMatch(GUID_PATTERN);
    expect(started.json.properties.startedOn).toBe(new Date(h.clock.now()).toISOString());
    expect(started.json.properties.migrationStatusDetails).toBeUndefined();
    expect(started.json.properties.endedOn).toBeUndefined();
    expect((await getExpanded(h)).json.properties.migrationStatusDetails).toEqual({
      migrationState: "StartSqlDataCopy",
      sqlDataCopyErrors: [],
      listOfCopyProgressDetails: [],
    });

    h.ticks(1);
    let res = await api(h, "GET", `${migrationPath()}?$EXPAND=migrationstatusdetails`);
    expect(res.json.properties.migrationStatusDetails.migrationState).toBe("MonitorMigration");
    // Tables without rows never appear.
    expect(Object.keys(tablesOf(res)).sort()).toEqual(["dbo.Customers", "dbo.Orders"]);
    expect(Object.values(tablesOf(res)).map((t) => t.status)).toEqual(["PreparingForCopy", "PreparingForCopy"]);

    h.ticks(1);
    res = await getExpanded(h);
    expect(tablesOf(res)["dbo.Customers"]).toMatchObject({
      status: "Copying",
      rowsRead: 1000,
      rowsCopied: 1000,
      dataRead: 20000,
      dataWritten: 20000,
      parallelCopyType: "None",
      usedParallelCopies: 1,
      copyStart: new Date(h.clock.now()).toISOString(),
    });
    h.ticks(2);
    res = await getExpanded(h);
    // Customers (2500 rows) is done and waits for Orders (3000 of 4000).
    expect(tablesOf(res)["dbo.Customers"]).toMatchObject({ status: "CopyFinished", rowsCopied: 2500 });
    expect(tablesOf(res)["dbo.Orders"]).toMatchObject({ status: "Copying", rowsCopied: 3000 });
    h.ticks(1);
    res = await getExpanded(h);
    expect(Object.values(tablesOf(res)).map((t) => t.status)).toEqual(["RebuildingIndexes", "RebuildingIndexes"]);
    expect(res.json.properties.migrationStatus).toBe("InProgress");
    h.ticks(1);
    res = await getExpanded(h);
    expect(res.json.properties).toMatchObject({
      provisioningState: "Succeeded",
      migrationStatus: "Succeeded",
      endedOn: new Date(h.clock.now()).toISOString(),
    });
    expect(res.json.properties.migrationStatusDetails.migrationState).toBe("Succeeded");
    expect(tablesOf(res)["dbo.Orders"]).toMatchObject({ status: "Succeeded", rowsCopied: 4000, copyDuration: 3 });
    expect(tablesOf(res)["dbo.Customers"]).toMatchObject({ status: "Succeeded", rowsCopied: 2500, copyDuration: 2 });
    // Nothing is left to happen once the run ended.
    expect(h.clock.pendingCount()).toBe(0);

    const listed = await api(h, "GET", `${servicePath()}/listMigrations`);
    expect(listed.json.value).toEqual([(await api(h, "GET", migrationPath())).json]);
  });

  test("migrationService is matched without regard to case and echoed as stored; tableList in both forms", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    const body = migrationBody({
      migrationService: SERVICE_ID.replace("sqlMigrationServices", "SqlMigrationServices")
        .toUpperCase()
        .replace("/SUBSCRIPTIONS/", "/subscriptions/"),
      scope: SERVER_ID.toLowerCase(),
      tableList: ["[dbo].[Orders]", "dbo.Customers"],
      sourceSqlConnection: { ...sourceConnection(), authentication: "sqlauthentication" },
      targetSqlConnection: { ...targetConnection(), authentication: "SQLAuthentication" },
      targetDatabaseCollation: "SQL_Latin1_General_CP1_CI_AS",
    });
    const res = await startMigration(h, body);
    expect(res.json.properties.migrationService).toBe(SERVICE_ID);
    expect(res.json.properties.scope).toBe(SERVER_ID);
    expect(res.json.properties.tableList).toEqual(["[dbo].[Orders]", "dbo.Customers"]);
    expect(res.json.properties.targetDatabaseCollation).toBe("SQL_Latin1_General_CP1_CI_AS");
    h.ticks(2);
    expect(Object.keys(tablesOf(await getExpanded(h))).sort()).toEqual(["dbo.Customers", "dbo.Orders"]);
  });

  test("validation failures end the LRO Failed with the service's code; provisioningState Failed, no operation id", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    const cases: Array<{
      body: ReturnType<typeof migrationBody>;
      path?: string;
      setup?: () => void;
      code: string;
      message: RegExp;
    }> = [
      {
        body: migrationBody({ sourceSqlConnection: sourceConnection("wrong") }),
        code: "TestConnectionFailed",
        message:
          /^Failed to test connections using provided Integration Runtime\. Error details: 'Source: Login failed for user 'migrator'\.'$/,
      },
      {
        body: migrationBody({ sourceDatabaseName: "Nope" }),
        code: "TestConnectionFailed",
        message: /Source: Cannot open database "Nope" requested by the login\. The login failed\./,
      },
      {
        body: migrationBody(),
        path: migrationPath("OtherDb"),
        code: "TestConnectionFailed",
        message: /Target: Cannot open database "OtherDb" requested by the login\. The login failed\./,
      },
      {
        body: migrationBody(),
        setup: () =>
          h.dms.controls.servers.define({
            ...TARGET,
            databases: { SalesDb: { tables: { "dbo.Customers": 0, "Sales.Empty": 0 } } },
          }),
        code: "SqlInfoValidationFailed",
        message: /^TableMappingMismatch: .*'SalesDb': dbo\.Orders\./,
      },
      {
        body: migrationBody({ tableList: ["dbo.Invoices"] }),
        code: "SqlInfoValidationFailed",
        message: /^NoTablesFound: .*'Sales': dbo\.Invoices\./,
      },
      {
        body: migrationBody(),
        setup: () =>
          h.dms.controls.faults.add({
            kind: "connectionFails",
            server: TARGET.server,
            message: "TCP Provider: timeout.",
          }),
        code: "TestConnectionFailed",
        message: /Target: TCP Provider: timeout\./,
      },
    ];
    for (const c of cases) {
      h.dms.controls.servers.define(TARGET);
      c.setup?.();
      const path = c.path ?? migrationPath();
      const res = await api(h, "PUT", path, c.body);
      expect(res.status === 200 || res.status === 201).toBe(true);
      h.clock.advance(0);
      const operation = await api(h, "GET", relative(res.headers["azure-asyncoperation"]));
      expect(operation.json.status).toBe("Failed");
      expect(operation.json.error.code).toBe(c.code);
      expect(operation.json.error.message).toMatch(c.message);
      const got = await getExpanded(h, path);
      expect(got.json.properties.provisioningState).toBe("Failed");
      expect(got.json.properties.provisioningError).toBe(operation.json.error.message);
      expect(got.json.properties.migrationOperationId).toBeUndefined();
      expect(got.json.properties.migrationStatus).toBeUndefined();
      expect(got.json.properties.migrationStatusDetails).toBeUndefined();
    }
    // A failed run holds nothing: the next PUT on the same resource is a new run (200).
    h.dms.controls.servers.define(TARGET);
    const retried = await startMigration(h);
    expect(retried.status).toBe(200);
    expect((await api(h, "GET", migrationPath())).json.properties.migrationStatus).toBe("InProgress");
  });

  // Long on purpose: a table of refusals, a few lines each, over one ready harness (starting one per refusal would
  // multiply the setup for no added coverage).
  test("synchronous refusals: scope, service, location, runtime, authentication, table names, path names, empty body", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    const expectError = async (
      body: unknown,
      status: number,
      code: string,
      message?: string,
      path = migrationPath(),
    ) => {
      const res = await api(h, "PUT", path, body);
      expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status, code });
      if (message) expect(res.json.error.message).toBe(message);
    };
    await expectError(
      migrationBody({ scope: SERVER_ID.replace(SERVER, "other") }),
      400,
      "InvalidArgument",
      "Invalid argument 'properties.scope'.",
    );
    await expectError(
      migrationBody({ scope: undefined }),
      400,
      "InvalidArgument",
      "Invalid argument 'properties.scope'.",
    );
    await expectError(
      migrationBody({ migrationService: SERVICE_ID.replace("dms-current", "nope") }),
      400,
      "InvalidArgument",
      "Invalid argument 'properties.migrationService'.",
    );
    await expectError(
      migrationBody({ targetSqlConnection: { ...targetConnection(), authentication: "WindowsAuthentication" } }),
      400,
      "InvalidArgument",
      "Invalid argument 'properties.targetSqlConnection.authentication'.",
    );
    await expectError(
      migrationBody({ sourceSqlConnection: { ...sourceConnection(), authentication: "ActiveDirectoryPassword" } }),
      400,
      "InvalidArgument",
    );
    await expectError(migrationBody({ tableList: ["Orders"] }), 400, "InvalidTableNameFormat");
    await expectError(migrationBody({ tableList: ["[dbo].Orders"] }), 400, "InvalidTableNameFormat");
    await expectError(
      migrationBody(),
      400,
      "InvalidParameterValue",
      "An invalid value was provided for parameter 'targetDbName'.",
      migrationPath("-bad"),
    );
    const empty = await api(h, "PUT", migrationPath(), undefined);
    expect(empty.json.error.code).toBe("EmptyRequiredRequestBody");

    // A service elsewhere: InvalidLocation; a service without an Online runtime: IntegrationRuntimeIsNotOnline.
    await createService(h, "dms-north", "northeurope");
    await registerNode(h, "dms-north", "north-node");
    await expectError(
      migrationBody({ migrationService: SERVICE_ID.replace("dms-current", "dms-north") }),
      400,
      "InvalidLocation",
      "Invalid Location: 'northeurope'. Location should match selected Azure target location 'westeurope'.",
    );
    h.dms.controls.integrationRuntime.setNodeStatus("shir-node-1", "Offline");
    await expectError(
      migrationBody(),
      400,
      "IntegrationRuntimeIsNotOnline",
      `Integration Runtime 'dms-current' is not online for resource group '${RG}' subscription '${SUB}'`,
    );
    await createService(h, "dms-fresh");
    await expectError(
      migrationBody({ migrationService: SERVICE_ID.replace("dms-current", "dms-fresh") }),
      400,
      "IntegrationRuntimeIsNotOnline",
    );
    expect(h.emulator.store.all().filter((r) => r.type === "Microsoft.DataMigration/databaseMigrations")).toEqual([]);

    // Windows logins are for the source only, and resolved on the SHIR host: accepted.
    h.dms.controls.integrationRuntime.setNodeStatus("shir-node-1", "Online");
    const windows = await startMigration(
      h,
      migrationBody({ sourceSqlConnection: { ...sourceConnection(), authentication: "WindowsAuthentication" } }),
    );
    expect(windows.status).toBe(201);
    expect((await api(h, "GET", migrationPath())).json.properties.provisioningState).toBe("Succeeded");
  });

  test("bodies are strict: a misspelt field is refused by its path; read-only fields are accepted and ignored", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    const { password: _password, ...withoutPassword } = sourceConnection();
    const typo = await api(
      h,
      "PUT",
      migrationPath(),
      migrationBody({ sourceSqlConnection: { ...withoutPassword, pasword: "x" } }),
    );
    expect(typo.status).toBe(400);
    expect(typo.json.error).toEqual({
      code: "InvalidRequestContent",
      message: "The request content is not valid: 'properties.sourceSqlConnection.pasword': unknown property.",
    });
    const wrongType = await api(
      h,
      "PUT",
      migrationPath(),
      migrationBody({ targetSqlConnection: { ...targetConnection(), encryptConnection: "yes" } }),
    );
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.message).toMatch(
      /^The request content is not valid: 'properties\.targetSqlConnection\.encryptConnection': /,
    );
    const miOnly = await api(h, "PUT", migrationPath(), migrationBody({ backupConfiguration: { sourceLocation: {} } }));
    expect(miOnly.json.error.message).toBe(
      "The request content is not valid: 'properties.backupConfiguration': unknown property.",
    );
    const topLevel = await api(h, "PUT", migrationPath(), { ...migrationBody(), location: LOCATION });
    expect(topLevel.json.error.message).toBe("The request content is not valid: 'location': unknown property.");
    const otherKind = await api(h, "PUT", migrationPath(), migrationBody({ kind: "SqlMi" }));
    expect(otherKind.json.error.message).toMatch(/^The request content is not valid: 'properties\.kind': /);
    const instanceId = "/subscriptions/x/resourceGroups/y/providers/Microsoft.AzureArcData/SqlServerInstances/z";
    const tooNew = await api(h, "PUT", migrationPath(), migrationBody({ sqlServerInstanceId: instanceId }));
    expect(tooNew.json.error.message).toBe(
      "The request content is not valid: 'properties.sqlServerInstanceId': unknown property.",
    );
    expect(h.emulator.store.all().filter((r) => r.type === "Microsoft.DataMigration/databaseMigrations")).toEqual([]);

    const preview = await api(
      h,
      "PUT",
      migrationPath(),
      migrationBody({ sqlServerInstanceId: instanceId }),
      "2025-09-01-preview",
    );
    expect(preview.status).toBe(201);
    expect(preview.json.properties.sqlServerInstanceId).toBe(instanceId);
    h.clock.advance(0);
    await api(h, "DELETE", `${migrationPath()}?force=true`);
    h.clock.advance(0);

    const readOnly = migrationBody({
      provisioningState: "Succeeded",
      migrationStatus: "Succeeded",
      migrationOperationId: "11111111-1111-1111-1111-111111111111",
      provisioningError: "",
      startedOn: "2020-01-01T00:00:00Z",
      sourceServerName: "elsewhere",
      offlineConfiguration: { offline: true },
      migrationFailureError: { code: "X", message: "y" },
      migrationStatusDetails: {
        migrationState: "Succeeded",
        sqlDataCopyErrors: [],
        listOfCopyProgressDetails: [{ tableName: "dbo.T", rowsCopied: 1 }],
      },
    });
    const accepted = await api(h, "PUT", migrationPath(), { id: "x", name: "y", type: "z", ...readOnly });
    expect(accepted.status).toBe(201);
    expect(accepted.json.properties).toMatchObject({ provisioningState: "Creating", sourceServerName: SOURCE.server });
    expect(accepted.json.properties.migrationOperationId).toBeUndefined();
    expect(accepted.json.properties.migrationStatus).toBeUndefined();
  });

  test("every PUT is a new run: 409 while one is active, then a new migrationOperationId; old runs stay readable", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    await startMigration(h);
    const first = (await api(h, "GET", migrationPath())).json.properties.migrationOperationId;
    const busy = await api(h, "PUT", migrationPath(), migrationBody());
    expect(busy.status).toBe(409);
    expect(busy.json.error).toEqual({
      code: "OperationInProgress",
      message: "Operation in progress on resource already.",
    });
    h.ticks(6);
    expect((await api(h, "GET", migrationPath())).json.properties.migrationStatus).toBe("Succeeded");

    const again = await api(h, "PUT", migrationPath(), migrationBody({ tableList: ["dbo.Customers"] }));
    expect(again.status).toBe(200);
    expect(again.json.properties.provisioningState).toBe("Creating");
    expect(again.json.properties.migrationOperationId).toBeUndefined();
    h.clock.advance(0);
    const second = (await api(h, "GET", migrationPath())).json.properties;
    expect(second.migrationOperationId).toMatch(GUID_PATTERN);
    expect(second.migrationOperationId).not.toBe(first);
    expect(second.migrationStatus).toBe("InProgress");

    const old = await api(h, "GET", `${migrationPath()}?migrationOperationId=${first}&$expand=MigrationStatusDetails`);
    expect(old.status).toBe(200);
    expect(old.json.properties).toMatchObject({ migrationOperationId: first, migrationStatus: "Succeeded" });
    expect(old.json.properties.tableList).toBeUndefined();
    expect(Object.keys(tablesOf(old)).sort()).toEqual(["dbo.Customers", "dbo.Orders"]);
    const unknown = await api(h, "GET", `${migrationPath()}?migrationOperationId=00000000-0000-0000-0000-000000000000`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toEqual({
      code: "OperationIdNotFound",
      message: "Operation ID '00000000-0000-0000-0000-000000000000' not found.",
    });
    expect((await api(h, "GET", migrationPath("NoSuchDb"))).status).toBe(404);
  });

  test("cancel: 200 Canceling with Azure-AsyncOperation, then Canceled; unfinished tables Canceled", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    await startMigration(h);
    const operationId = (await api(h, "GET", migrationPath())).json.properties.migrationOperationId;
    h.ticks(4);
    const missing = await api(h, "POST", `${migrationPath()}/cancel`, {});
    expect(missing.json.error).toEqual({
      code: "InvalidArgument",
      message: "Invalid argument 'migrationOperationId'.",
    });
    const unknown = await api(h, "POST", `${migrationPath()}/cancel`, {
      migrationOperationId: "00000000-0000-0000-0000-000000000001",
    });
    expect(unknown.json.error.code).toBe("OperationIdNotFound");

    const canceled = await api(h, "POST", `${migrationPath()}/cancel`, { migrationOperationId: operationId });
    expect(canceled.status).toBe(200);
    expect(canceled.headers["azure-asyncoperation"]).toBeDefined();
    expect(canceled.headers["retry-after"]).toBeDefined();
    expect(canceled.json.properties.provisioningState).toBe("Canceling");
    const during = await api(h, "GET", migrationPath());
    expect(during.json.properties).toMatchObject({ provisioningState: "Canceling", migrationStatus: "Canceling" });
    h.ticks(1);
    expect(tablesOf(await getExpanded(h))["dbo.Orders"]!.rowsCopied).toBe(3000);

    h.clock.advance(0);
    expect((await api(h, "GET", relative(canceled.headers["azure-asyncoperation"]))).json.status).toBe("Succeeded");
    const after = await getExpanded(h);
    expect(after.json.properties).toMatchObject({
      provisioningState: "Succeeded",
      migrationStatus: "Canceled",
      endedOn: expect.any(String),
    });
    expect(tablesOf(after)["dbo.Orders"]).toMatchObject({ status: "Canceled", rowsCopied: 3000 });
    // Customers had copied its rows but not rebuilt its indexes: it is Canceled too.
    expect(tablesOf(after)["dbo.Customers"]).toMatchObject({ status: "Canceled", rowsCopied: 2500 });
    expect(h.clock.pendingCount()).toBe(0);

    const twice = await api(h, "POST", `${migrationPath()}/cancel`, { migrationOperationId: operationId });
    expect(twice.status).toBe(400);
    expect(twice.json.error.code).toBe("MigrationCancelFailed");
  });

  test("a retriable table failure waits for retry; retry copies the failed table again under the same operation id", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    h.dms.controls.faults.add({
      kind: "tableFails",
      database: "Sales",
      table: "dbo.Orders",
      afterRows: 1500,
      message: "Transport-level error.",
    });
    await startMigration(h);
    const operationId = (await api(h, "GET", migrationPath())).json.properties.migrationOperationId;
    const early = await api(h, "POST", `${migrationPath()}/retry`, { migrationOperationId: operationId });
    expect(early.status).toBe(400);
    expect(early.json.error.message).toBe(
      `Migration is not in a retriable state. Migration must be in state WaitForRetry. Current state: 'StartSqlDataCopy', Target server:'${SERVER}', Target database: 'SalesDb'.`,
    );
    h.ticks(6);
    const waiting = await getExpanded(h);
    expect(waiting.json.properties.migrationStatus).toBe("Retriable");
    expect(waiting.json.properties.endedOn).toBeUndefined();
    expect(waiting.json.properties.migrationStatusDetails.migrationState).toBe("WaitForRetry");
    expect(waiting.json.properties.migrationStatusDetails.sqlDataCopyErrors).toEqual([
      "dbo.Orders: Transport-level error.",
    ]);
    expect(tablesOf(waiting)["dbo.Orders"]).toMatchObject({ status: "Failed", rowsCopied: 1500 });
    expect(tablesOf(waiting)["dbo.Customers"]).toMatchObject({ status: "Succeeded", rowsCopied: 2500 });
    // Retriable holds the migration: no new PUT, no delete without force, no service delete.
    expect((await api(h, "PUT", migrationPath(), migrationBody())).status).toBe(409);
    expect((await api(h, "DELETE", migrationPath())).json.error.code).toBe(
      "DeleteMigrationNotAllowedMigrationInProgress",
    );
    expect((await api(h, "DELETE", servicePath())).json.error.code).toBe("DeleteServiceNotAllowed");

    const tooOld = await api(
      h,
      "POST",
      `${migrationPath()}/retry`,
      { migrationOperationId: operationId },
      "2023-07-15-preview",
    );
    expect(tooOld.status).toBe(400);
    expect(tooOld.json.error.code).toBe("InvalidArgument");
    const retried = await api(h, "POST", `${migrationPath()}/retry`, { migrationOperationId: operationId });
    expect(retried.status).toBe(202);
    expect(retried.headers["azure-asyncoperation"]).toBeDefined();
    expect(retried.json.properties).toMatchObject({ migrationOperationId: operationId, migrationStatus: "InProgress" });
    h.ticks(1);
    const copying = await getExpanded(h);
    expect(tablesOf(copying)["dbo.Orders"]).toMatchObject({ status: "Copying", rowsCopied: 1000 });
    expect(tablesOf(copying)["dbo.Customers"]).toMatchObject({ status: "Succeeded", rowsCopied: 2500 });
    expect(copying.json.properties.migrationStatusDetails.sqlDataCopyErrors).toEqual([]);
    h.ticks(5);
    const done = await getExpanded(h);
    expect(done.json.properties).toMatchObject({ migrationOperationId: operationId, migrationStatus: "Succeeded" });
    expect(tablesOf(done)["dbo.Orders"]).toMatchObject({ status: "Succeeded", rowsCopied: 4000 });

    const late = await api(h, "POST", `${migrationPath()}/retry`, { migrationOperationId: operationId });
    expect(late.json.error.code).toBe("MigrationRetryNotAllowed");
    expect(late.json.error.message).toContain("Current state: 'Succeeded'");
  });

  test("a table failure that is not retriable fails the migration with SqlDataCopyFailed", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    h.dms.controls.faults.add({
      kind: "tableFails",
      database: "Sales",
      table: "Customers",
      retriable: false,
      message: "Arithmetic overflow.",
    });
    await startMigration(h);
    h.ticks(6);
    const res = await getExpanded(h);
    expect(res.json.properties).toMatchObject({
      provisioningState: "Succeeded",
      migrationStatus: "Failed",
      migrationFailureError: { code: "SqlDataCopyFailed", message: "dbo.Customers: Arithmetic overflow." },
      endedOn: expect.any(String),
    });
    expect(tablesOf(res)["dbo.Customers"]).toMatchObject({ status: "Failed", rowsCopied: 0 });
    expect(tablesOf(res)["dbo.Orders"]!.status).toBe("Succeeded");
    expect(h.clock.pendingCount()).toBe(0);
  });

  test("delete: 400 while running without force; 200 + Azure-AsyncOperation, Dropping, then gone; the target is left alone", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    await startMigration(h);
    h.ticks(2);
    const refused = await api(h, "DELETE", migrationPath());
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe("DeleteMigrationNotAllowedMigrationInProgress");
    expect((await api(h, "DELETE", `${migrationPath()}?force=false`)).status).toBe(400);

    const forced = await api(h, "DELETE", `${migrationPath()}?force=true`);
    expect(forced.status).toBe(200);
    expect(forced.text).toBe("");
    expect(forced.headers["azure-asyncoperation"]).toBeDefined();
    expect(forced.headers["retry-after"]).toBeDefined();
    expect(forced.headers["location"]).toBeUndefined();
    expect((await api(h, "GET", migrationPath())).json.properties).toMatchObject({
      provisioningState: "Dropping",
      migrationStatus: "Dropping",
    });
    expect((await api(h, "DELETE", `${migrationPath()}?force=true`)).json.error.code).toBe(
      "DeleteMigrationNotAllowedDeleteInProgress",
    );
    h.clock.advance(0);
    expect((await api(h, "GET", relative(forced.headers["azure-asyncoperation"]))).json.status).toBe("Succeeded");
    const gone = await api(h, "GET", migrationPath());
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe("ResourceNotFound");
    expect((await api(h, "DELETE", migrationPath())).status).toBe(204);
    expect(h.clock.pendingCount()).toBe(0);
    expect(h.dms.controls.servers.list().find((s) => s.server === TARGET.server)?.databases).toEqual(TARGET.databases);

    // A finished migration needs no force.
    await startMigration(h);
    h.ticks(6);
    expect((await api(h, "DELETE", migrationPath())).status).toBe(200);
  });

  test("the service cannot be deleted while a migration using it runs; it can once the migration ended", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    await startMigration(h);
    const refused = await api(h, "DELETE", servicePath());
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe("DeleteServiceNotAllowed");
    expect(refused.json.error.message).toBe(
      "One or more migrations attached to the migration service 'dms-current' are currently running. To delete the migration service, " +
        "please wait until all migrations have completed or cancel the migrations manually and retry deleting the service. Running migrations are: 'SalesDb'",
    );
    h.ticks(6);
    expect((await api(h, "DELETE", servicePath())).status).toBe(202);
  });

  test("the copy waits while the service's runtime has no Online node, and resumes when one is back", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    await startMigration(h);
    h.ticks(2);
    h.dms.controls.integrationRuntime.setNodeStatus("shir-node-1", "Offline");
    h.ticks(3);
    const paused = await getExpanded(h);
    expect(paused.json.properties.migrationStatus).toBe("InProgress");
    expect(tablesOf(paused)["dbo.Orders"]).toMatchObject({ status: "Copying", rowsCopied: 1000 });
    h.dms.controls.integrationRuntime.setNodeStatus("shir-node-1", "Online");
    h.ticks(1);
    expect(tablesOf(await getExpanded(h))["dbo.Orders"]!.rowsCopied).toBe(2000);
  });

  test("deleting the target server removes its migrations; the migration then answers the gateway 404", async () => {
    h = await startCurrentHarness();
    await readyForMigration(h);
    await startMigration(h);
    h.ticks(6);
    expect((await api(h, "DELETE", SERVER_ID, undefined, "2023-08-01")).status).toBe(202);
    h.clock.advance(0);
    const res = await api(h, "GET", migrationPath());
    expect(res.status).toBe(404);
    expect(res.headers["x-ms-failure-cause"]).toBe("gateway");
    expect((await api(h, "GET", `${servicePath()}/listMigrations`)).json).toEqual({ value: [] });
  });
});
