import {
  DmsShapeError,
  isConnectToTargetTask,
  parseCommand,
  parseCompleteSyncCommand,
  parseDataMigrationService,
  parseProject,
  parseProjectTask,
  parseServiceStatus,
  parseSyncTaskOutput,
  parseOfflineTaskOutput,
} from "../../../provider/dms";
import servicesCreate from "./fixtures/spec-services-create-or-update.json";
import servicesGet from "./fixtures/spec-services-get.json";
import checkStatus from "./fixtures/spec-services-check-status.json";
import projectsCreate from "./fixtures/spec-projects-create-or-update.json";
import tasksCreate from "./fixtures/spec-tasks-create-or-update.json";
import tasksCommand from "./fixtures/spec-tasks-command.json";
import offlineOutput from "./fixtures/constructed-offline-output.json";
import syncOutput from "./fixtures/constructed-sync-output-ready.json";

describe("parsing the spec's own example responses", () => {
  test("Services_CreateOrUpdate and Services_Get", () => {
    const created = parseDataMigrationService(servicesCreate.response);
    expect(created.properties.provisioningState).toBe("Accepted");
    expect(created.sku).toEqual({ name: "Basic_1vCore", size: "1 vCore", tier: "Basic" });
    const got = parseDataMigrationService(servicesGet);
    expect(got.properties.provisioningState).toBe("Succeeded");
    expect(got.properties.publicKey).toMatch(/^0;AQAB;/);
    expect(got.properties.virtualSubnetId).toContain("/subnets/default");
  });

  test("Services_CheckStatus", () => {
    const status = parseServiceStatus(checkStatus);
    expect(status.status).toBe("Online");
    expect(status.supportedTaskTypes).toContain("Migrate.SqlServer.AzureSqlDb.Sync");
  });

  test("Projects_CreateOrUpdate", () => {
    const project = parseProject(projectsCreate.response);
    expect(project.properties.sourcePlatform).toBe("SQL");
    expect(project.properties.targetPlatform).toBe("SQLDB");
    expect(project.properties.provisioningState).toBe("Succeeded");
  });

  test("Tasks_CreateOrUpdate: request carries the password, response does not", () => {
    const request = parseProjectTask(tasksCreate.request);
    const response = parseProjectTask(tasksCreate.response);
    expect(isConnectToTargetTask(request.properties)).toBe(true);
    if (!isConnectToTargetTask(request.properties) || !isConnectToTargetTask(response.properties))
      throw new Error("narrowing");
    expect(request.properties.input?.targetConnectionInfo.password).toBe("testpassword");
    expect(response.properties.input?.targetConnectionInfo.password).toBeUndefined();
    expect(response.properties.state).toBe("Queued");
  });

  test("Tasks_Command", () => {
    expect(parseCommand(tasksCommand.response).state).toBe("Accepted");
    const command = parseCompleteSyncCommand(tasksCommand.response);
    expect(command.commandType).toBe("Migrate.Sync.Complete.Database");
    expect(command.input?.databaseName).toBe("TestDatabase");
    expect(() => parseCompleteSyncCommand(tasksCommand.request)).not.toThrow();
  });
});

describe("lenient reading", () => {
  test("unknown fields pass through", () => {
    const task = parseProjectTask({
      ...tasksCreate.response,
      futureField: { a: 1 },
      properties: { ...tasksCreate.response.properties, newThing: true },
    });
    expect((task as Record<string, unknown>).futureField).toEqual({ a: 1 });
    expect((task.properties as Record<string, unknown>).newThing).toBe(true);
  });

  test("unknown task types and result types are kept, not rejected", () => {
    const task = parseProjectTask({
      name: "t",
      properties: { taskType: "Service.Check.OCI", state: "Queued", input: { serverVersion: "NA" } },
    });
    expect(task.properties.taskType).toBe("Service.Check.OCI");
    const out = parseOfflineTaskOutput(offlineOutput);
    expect(out.map((o) => o.resultType)).toContain("MigrationValidationOutput");
  });

  test("enum values the spec does not list yet are accepted (modelAsString)", () => {
    const out = parseSyncTaskOutput([
      { resultType: "DatabaseLevelOutput", databaseName: "x", migrationState: "SOMETHING_NEW" },
    ]);
    expect((out[0] as { migrationState?: string }).migrationState).toBe("SOMETHING_NEW");
  });

  test("maps the spec declares as JSON text are decoded; numeric strings become numbers", () => {
    const out = parseOfflineTaskOutput(offlineOutput);
    const migration = out.find((o) => o.resultType === "MigrationLevelOutput") as {
      databases?: Record<string, string>;
    };
    expect(migration.databases).toEqual({ Sales: "db-1" });
    const orders = out.find((o) => o.objectName === "dbo.Orders") as { itemsCompletedCount?: number };
    expect(orders.itemsCompletedCount).toBe(1000);
  });

  test("sync fixture parses", () => {
    expect(parseSyncTaskOutput(syncOutput)).toHaveLength(4);
  });
});

describe("errors name the field", () => {
  test("a wrong type inside a known task type fails with its path", () => {
    const bad = {
      properties: {
        taskType: "Migrate.SqlServer.AzureSqlDb.Sync",
        output: [{ resultType: "TableLevelOutput", fullLoadTotalRows: "lots" }],
      },
    };
    expect(() => parseProjectTask(bad)).toThrow(DmsShapeError);
    try {
      parseProjectTask(bad);
    } catch (e) {
      expect((e as DmsShapeError).problems[0].path).toBe("properties.output[0].fullLoadTotalRows");
    }
  });

  test("a missing required field fails with its path and never echoes values", () => {
    const body = { location: "x", properties: { provisioningState: "Succeeded" }, secret: "hunter2" };
    expect(() => parseDataMigrationService(body)).toThrow(/properties\.virtualSubnetId/);
    expect(() => parseDataMigrationService(body)).not.toThrow(/hunter2/);
  });

  test("a JSON-text map that is not JSON fails", () => {
    expect(() => parseOfflineTaskOutput([{ resultType: "MigrationLevelOutput", databases: "{not json" }])).toThrow(
      /\[0\]\.databases/,
    );
  });
});
