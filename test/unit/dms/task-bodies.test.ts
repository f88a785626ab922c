import { ZodError } from "zod";
import {
  buildCompleteSyncCommandBody,
  buildConnectToSourceTaskBody,
  buildGetUserTablesTaskBody,
  buildMigrationTaskBody,
  buildProjectBody,
  parseProjectTask,
  isOfflineMigrationTask,
  isSyncMigrationTask,
  qualifiedTableName,
  type MigrationSpec,
} from "../../../provider/dms";

const spec: MigrationSpec = {
  mode: "offline",
  source: { server: "sql01.contoso.local", port: 1444, userName: "migrator", password: "src-pass" },
  target: {
    server: "target.database.windows.net",
    userName: "admin1",
    password: "tgt-pass",
    trustServerCertificate: false,
  },
  databases: [
    { sourceName: "Sales", targetName: "SalesDb", tables: ["Customers", "[Sales].[Orders]"] },
    { sourceName: "Hr", targetName: "HrDb" },
  ],
};

describe("task body builders", () => {
  test("offline spec → Migrate.SqlServer.SqlDb body the shapes accept", () => {
    const body = buildMigrationTaskBody(spec);
    expect(body.properties.taskType).toBe("Migrate.SqlServer.SqlDb");
    const task = parseProjectTask(body);
    if (!isOfflineMigrationTask(task.properties)) throw new Error("expected offline task");
    const input = task.properties.input!;
    expect(input.sourceConnectionInfo).toEqual({
      type: "SqlConnectionInfo",
      dataSource: "sql01.contoso.local,1444",
      authentication: "SqlAuthentication",
      encryptConnection: true,
      trustServerCertificate: false,
      userName: "migrator",
      password: "src-pass",
    });
    expect(input.targetConnectionInfo.dataSource).toBe("target.database.windows.net");
    expect(input.selectedDatabases[0]).toEqual({
      name: "Sales",
      targetDatabaseName: "SalesDb",
      tableMap: { "dbo.Customers": "dbo.Customers", "Sales.Orders": "Sales.Orders" },
    });
    expect(input.selectedDatabases[1]).toEqual({ name: "Hr", targetDatabaseName: "HrDb" });
  });

  test("online spec → Migrate.SqlServer.AzureSqlDb.Sync with both connections and every database's table map", () => {
    const body = buildMigrationTaskBody({ ...spec, mode: "online" });
    // Written out from MigrateSqlServerSqlDbSyncTaskInput in the REST spec: the whole body, not just its type.
    expect(body).toEqual({
      properties: {
        taskType: "Migrate.SqlServer.AzureSqlDb.Sync",
        input: {
          sourceConnectionInfo: {
            type: "SqlConnectionInfo",
            dataSource: "sql01.contoso.local,1444",
            authentication: "SqlAuthentication",
            encryptConnection: true,
            trustServerCertificate: false,
            userName: "migrator",
            password: "src-pass",
          },
          targetConnectionInfo: {
            type: "SqlConnectionInfo",
            dataSource: "target.database.windows.net",
            authentication: "SqlAuthentication",
            encryptConnection: true,
            trustServerCertificate: false,
            userName: "admin1",
            password: "tgt-pass",
          },
          selectedDatabases: [
            {
              name: "Sales",
              targetDatabaseName: "SalesDb",
              tableMap: { "dbo.Customers": "dbo.Customers", "Sales.Orders": "Sales.Orders" },
            },
            { name: "Hr", targetDatabaseName: "HrDb" },
          ],
        },
      },
    });
    const task = parseProjectTask(body);
    expect(isSyncMigrationTask(task.properties)).toBe(true);
    expect(isOfflineMigrationTask(task.properties)).toBe(false);
  });

  test("invalid spec fails with a field path", () => {
    const bad = { ...spec, databases: [{ sourceName: "Sales", targetName: "" }] };
    try {
      buildMigrationTaskBody(bad);
      throw new Error("should have thrown");
    } catch (e) {
      expect(e).toBeInstanceOf(ZodError);
      expect((e as ZodError).issues[0].path).toEqual(["databases", 0, "targetName"]);
    }
    expect(() => buildMigrationTaskBody({ ...spec, databases: [spec.databases[0], spec.databases[0]] })).toThrow(
      /listed twice/,
    );
    expect(() =>
      buildMigrationTaskBody({
        ...spec,
        mode: "online",
        databases: [{ sourceName: "a", targetName: "b", makeSourceDbReadOnly: true }],
      }),
    ).toThrow(/only offline/);
  });

  test("connection checks, table listing, command and project bodies", () => {
    const src = buildConnectToSourceTaskBody(spec.source);
    expect(src.properties.taskType).toBe("ConnectToSource.SqlServer");
    expect(src.properties.input.sourceConnectionInfo).toMatchObject({ dataSource: "sql01.contoso.local,1444" });
    const tables = buildGetUserTablesTaskBody(spec.source, ["Sales"]);
    expect(tables.properties.input).toMatchObject({
      selectedDatabases: ["Sales"],
      connectionInfo: { type: "SqlConnectionInfo" },
    });
    expect(buildCompleteSyncCommandBody("Sales")).toEqual({
      commandType: "Migrate.Sync.Complete.Database",
      input: { databaseName: "Sales" },
    });
    expect(buildProjectBody({ location: "westeurope", sourceDatabases: ["Sales"] })).toEqual({
      location: "westeurope",
      properties: { sourcePlatform: "SQL", targetPlatform: "SQLDB", databasesInfo: [{ sourceDatabaseName: "Sales" }] },
    });
  });

  test("table names normalise to schema.table", () => {
    expect(qualifiedTableName("Orders")).toBe("dbo.Orders");
    expect(qualifiedTableName("Sales.Orders")).toBe("Sales.Orders");
    expect(qualifiedTableName("[my.schema].[Order]]s]")).toBe("my.schema.Order]s");
  });
});
