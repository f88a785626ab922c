/**
 * The SQL data plane against a real SQL Server (or Azure SQL Database), when one is configured:
 *
 *   SQLSERVER_HOST, SQLSERVER_PORT (default 1433), SQLSERVER_DATABASE,
 *   SQLSERVER_USER + SQLSERVER_PASSWORD (SQL authentication; without them, Entra ID through
 *   DefaultAzureCredential), SQLSERVER_ENCRYPT ("strict", "true" (default) or "false"),
 *   SQLSERVER_TRUST_CERT ("true" to skip certificate validation, e.g. a local container),
 *   SQLSERVER_CA_FILE (PEM of a CA to trust instead).
 *
 * Without SQLSERVER_HOST and SQLSERVER_DATABASE the suite is reported as skipped, with the reason,
 * so it never counts as passed. Everything it creates lives in a scratch schema it drops at the end.
 */
import { readFileSync } from "fs";
import { randomBytes } from "crypto";
import { extractCatalog } from "../../provider/sql/catalog";
import type { SqlConnectionSpec } from "../../provider/sql/connection-spec";
import { withConnection } from "../../provider/sql/connection";
import { deployBatches, type DeploymentBatch } from "../../provider/sql/deploy";
import { readTableFigures } from "../../provider/sql/verify";
import { quoteName, quoteParts } from "../../provider/schema/quote";

function specFromEnvironment(): SqlConnectionSpec | undefined {
  const env = process.env;
  if (!env.SQLSERVER_HOST || !env.SQLSERVER_DATABASE) return undefined;
  const encrypt = env.SQLSERVER_ENCRYPT === "strict" ? "strict" : env.SQLSERVER_ENCRYPT !== "false";
  return {
    server: env.SQLSERVER_HOST,
    port: env.SQLSERVER_PORT ? Number(env.SQLSERVER_PORT) : undefined,
    database: env.SQLSERVER_DATABASE,
    authentication: env.SQLSERVER_USER
      ? { type: "sql", user: env.SQLSERVER_USER, password: env.SQLSERVER_PASSWORD ?? "" }
      : { type: "entra-default" },
    encrypt,
    trustServerCertificate: env.SQLSERVER_TRUST_CERT === "true",
    ca: env.SQLSERVER_CA_FILE ? readFileSync(env.SQLSERVER_CA_FILE, "utf8") : undefined,
    connectTimeoutMs: 30_000,
  };
}

const spec = specFromEnvironment();

if (!spec) {
  const reason =
    "SKIPPED: no real SQL Server configured (set SQLSERVER_HOST and SQLSERVER_DATABASE, plus SQLSERVER_USER/SQLSERVER_PASSWORD or an Entra ID login)";
  console.warn(`test/realsql: ${reason}`);
  test.skip(reason, () => undefined);
} else {
  const real = spec;
  const schema = `migtest_${randomBytes(4).toString("hex")}`;
  const table = { schema, name: "Orders]Archive" };
  const qualified = quoteParts(table.schema, table.name);

  const batches: DeploymentBatch[] = [
    { objectKey: quoteName(schema), kind: "schema", sql: `CREATE SCHEMA ${quoteName(schema)};` },
    {
      objectKey: qualified,
      kind: "table",
      sql: `CREATE TABLE ${qualified} ([Id] int NOT NULL CONSTRAINT [PK_OrdersArchive] PRIMARY KEY, [Note] nvarchar(50) NULL, [Amount] decimal(18,2) NOT NULL CONSTRAINT [DF_OrdersArchive_Amount] DEFAULT ((0)));`,
    },
    {
      objectKey: qualified,
      kind: "data",
      sql: `INSERT INTO ${qualified} ([Id], [Note], [Amount]) VALUES (1, N'one', 1.50), (2, NULL, 2.25), (3, N'three', 0);`,
    },
    {
      objectKey: quoteParts(schema, "vBroken"),
      kind: "view",
      sql: `CREATE VIEW ${quoteParts(schema, "vBroken")} AS SELECT [Missing] FROM ${qualified};`,
    },
    {
      objectKey: quoteParts(schema, "vOrders"),
      kind: "view",
      sql: `CREATE VIEW ${quoteParts(schema, "vOrders")} AS SELECT [Id] FROM ${qualified};`,
    },
  ];

  afterAll(async () => {
    // Only what this suite created: the two views, the table and the scratch schema.
    await withConnection(real, async (session) => {
      await session.executeBatch(
        `DROP VIEW IF EXISTS ${quoteParts(schema, "vOrders")}; DROP VIEW IF EXISTS ${quoteParts(schema, "vBroken")};`,
      );
      await session.executeBatch(`DROP TABLE IF EXISTS ${qualified};`);
      await session.executeBatch(`DROP SCHEMA IF EXISTS ${quoteName(schema)};`);
    }).catch((error: Error) => console.warn(`test/realsql: cleanup of schema ${schema} failed: ${error.message}`));
  });

  test("connects and answers a parameterized query", async () => {
    const result = await withConnection(real, (session) =>
      session.query<{ n: number; s: string }>("SELECT @n + 1 AS n, @s AS s", {
        n: { type: "int", value: 41 },
        s: { type: "nvarchar", value: "ok", length: 10 },
      }),
    );
    expect(result.recordsets[0]).toEqual([{ n: 42, s: "ok" }]);
  });

  test("deploy stops at the batch the server rejects and resumes after the fix", async () => {
    const first = await deployBatches(real, batches);
    expect(first.failure).toMatchObject({ batchIndex: 3, objectKey: quoteParts(schema, "vBroken") });
    expect(first.failure?.error.number).toBe(207); // Invalid column name 'Missing'.
    const fixed = batches.map((batch, index) =>
      index === 3
        ? { ...batch, sql: `CREATE VIEW ${quoteParts(schema, "vBroken")} AS SELECT [Note] FROM ${qualified};` }
        : batch,
    );
    const second = await deployBatches(real, fixed, { fromBatchIndex: first.nextBatchIndex });
    expect(second).toEqual({ nextBatchIndex: batches.length, executed: 2 });
  });

  test("the catalog extraction finds what was deployed", async () => {
    const model = await extractCatalog(real);
    expect(model.schemas.map((s) => s.name)).toContain(schema);
    const extracted = model.tables.find((t) => t.schema === schema && t.name === table.name);
    expect(extracted?.columns.map((c) => [c.name, c.typeName, c.maxLength, c.isNullable])).toEqual([
      ["Id", "int", 4, false],
      ["Note", "nvarchar", 100, true],
      ["Amount", "decimal", 9, false],
    ]);
    expect(extracted?.primaryKey).toMatchObject({
      name: "PK_OrdersArchive",
      clustered: true,
      columns: [{ name: "Id", descending: false }],
    });
    expect(extracted?.columns[2]?.default).toEqual({ name: "DF_OrdersArchive_Amount", definition: "((0))" });
    expect(
      model.views
        .filter((v) => v.schema === schema)
        .map((v) => v.name)
        .sort(),
    ).toEqual(["vBroken", "vOrders"]);
  });

  test("row counts and checksums read a name containing ]", async () => {
    const [figures] = await readTableFigures(real, [table]);
    expect(figures?.rowCount).toBe("3");
    expect(typeof figures?.checksum).toBe("number");
  });
}
