/** The current DMS helpers: names, request bodies, reading a run and its phase. */
import {
  bracketedTableName,
  buildSqlDbMigrationBody,
  isValidSqlMigrationServiceName,
  parseDms,
  databaseMigrationSchema,
  sqlMigrationServiceName,
  summarizeSqlDbRun,
} from "../../../provider/dms";
import { phaseOf } from "../../../provider/resources/database-migration/run";
import { connectionFingerprint } from "../../../provider/resources/database-migration/inputs";

describe("sqlMigrationService names (Data Factory's rule)", () => {
  test.each([
    ["sales-sqlms", true],
    ["ab", false],
    ["a".repeat(64), false],
    ["-sales", false],
    ["sales-", false],
    ["sales--dms", false],
    ["sales_dms", false],
  ])("%s valid: %s", (name, valid) => expect(isValidSqlMigrationServiceName(name)).toBe(valid));

  test("derived names are valid, stable and keep distinct inputs apart", () => {
    for (const name of ["sales_dms", "a b", "a-b", "x", "-lead", "Ünïcode name", "y".repeat(80)]) {
      expect(isValidSqlMigrationServiceName(sqlMigrationServiceName(name))).toBe(true);
      expect(sqlMigrationServiceName(name)).toBe(sqlMigrationServiceName(name));
    }
    expect(sqlMigrationServiceName("a b")).not.toBe(sqlMigrationServiceName("a_b"));
    expect(sqlMigrationServiceName("sales-sqlms")).toBe("sales-sqlms");
  });
});

describe("the SqlDb migration body", () => {
  const connection = {
    dataSource: "sql01",
    authentication: "SqlAuthentication" as const,
    userName: "u",
    password: "p",
    encryptConnection: true,
    trustServerCertificate: false,
  };

  test("tables are bracket-quoted with ] doubled; an empty list is left out", () => {
    expect(bracketedTableName("Orders")).toBe("[dbo].[Orders]");
    expect(bracketedTableName("Sales.Order]Lines")).toBe("[Sales].[Order]]Lines]");
    expect(bracketedTableName("[Sales].[Order]]Lines]")).toBe("[Sales].[Order]]Lines]");
    const spec = {
      targetServerResourceId: "/s/x",
      migrationServiceId: "/s/y",
      sourceDatabaseName: "Sales",
      source: connection,
      target: connection,
    };
    expect(buildSqlDbMigrationBody({ ...spec, tableList: [] }).properties).not.toHaveProperty("tableList");
    expect(buildSqlDbMigrationBody({ ...spec, tableList: ["[dbo].[A]"] }).properties.tableList).toEqual(["[dbo].[A]"]);
    expect(buildSqlDbMigrationBody({ ...spec, tableList: [] }).properties).toMatchObject({
      kind: "SqlDb",
      scope: "/s/x",
      migrationService: "/s/y",
    });
  });
});

describe("reading a run", () => {
  const run = (properties: Record<string, unknown>) =>
    summarizeSqlDbRun(parseDms(databaseMigrationSchema, { properties }, "DatabaseMigrationSqlDb"));

  test.each([
    [{ provisioningState: "Creating" }, "queued"],
    [{ provisioningState: "Failed", provisioningError: "TestConnectionFailed" }, "failed"],
    [{ provisioningState: "Succeeded", migrationStatus: "InProgress" }, "running"],
    [{ provisioningState: "Succeeded", migrationStatus: "Retriable" }, "failed"],
    [{ provisioningState: "Succeeded", migrationStatus: "Failed" }, "failed"],
    [{ provisioningState: "Canceling", migrationStatus: "Canceling" }, "canceled"],
    [{ provisioningState: "Succeeded", migrationStatus: "Canceled" }, "canceled"],
    [{ provisioningState: "Succeeded", migrationStatus: "Succeeded" }, "completed"],
  ])("%j is %s", (properties, phase) => expect(phaseOf(run(properties))).toBe(phase));

  test('tables, rows and errors; empty copy errors are dropped (the spec\'s example has [""])', () => {
    const summary = run({
      provisioningState: "Succeeded",
      migrationStatus: "Retriable",
      migrationStatusDetails: {
        migrationState: "WaitForRetry",
        sqlDataCopyErrors: ["", "dbo.Orders: Violation of PRIMARY KEY constraint"],
        listOfCopyProgressDetails: [
          { tableName: "dbo.Customers", status: "Succeeded", rowsRead: 20, rowsCopied: "20", copyThroughput: 0.5 },
          { tableName: "dbo.Orders", status: "Failed", rowsRead: 7, rowsCopied: 5 },
        ],
      },
    });
    expect(summary.rowsCopied).toBe(25);
    expect(summary.tables.map((t) => [t.table, t.status])).toEqual([
      ["dbo.Customers", "Succeeded"],
      ["dbo.Orders", "Failed"],
    ]);
    expect(summary.errors).toEqual(["dbo.Orders: Violation of PRIMARY KEY constraint"]);
    expect(summary.migrationState).toBe("WaitForRetry");
  });
});

test("the connection fingerprint ignores passwords and sees every other change", () => {
  const endpoint = { server: "sql01", userName: "u", password: "a", encrypt: true, trustServerCertificate: false };
  const base = connectionFingerprint({ source: { ...endpoint, authentication: "sql" }, target: endpoint });
  expect(
    connectionFingerprint({
      source: { ...endpoint, authentication: "sql", password: "b" },
      target: { ...endpoint, password: "c" },
    }),
  ).toBe(base);
  expect(connectionFingerprint({ source: { ...endpoint, authentication: "windows" }, target: endpoint })).not.toBe(
    base,
  );
  expect(
    connectionFingerprint({ source: { ...endpoint, authentication: "sql" }, target: { ...endpoint, userName: "v" } }),
  ).not.toBe(base);
});
