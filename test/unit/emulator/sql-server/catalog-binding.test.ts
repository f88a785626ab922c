/**
 * The TDS test server binds each catalog query against its own knowledge of the catalog views (written from
 * Microsoft's documentation) before answering it, and refuses the mistakes SQL Server refuses, with SQL Server's
 * error numbers and wording, through the real mssql driver. Every query provider/sql sends binds, and its result
 * columns are named by the query itself, so they must match what the extractor declares it reads.
 */
import sql from "mssql";
import { CATALOG_QUERIES } from "../../../../provider/sql/catalog-queries";
import { buildMssqlConfig, withConnection } from "../../../../provider/sql/connection";
import { SqlError } from "../../../../provider/sql/errors";
import { startTdsTestServer, type TdsTestServer } from "../../../../emulator/sql-server";
import { sampleModel } from "../../sql/sample-model";
import { specFor } from "../../sql/tds-connection";

let server: TdsTestServer;
beforeAll(async () => {
  server = await startTdsTestServer({ model: sampleModel() });
});
afterAll(() => server.stop());
afterEach(() => expect(server.protocolErrors).toEqual([]));

const SYNONYMS = CATALOG_QUERIES.synonyms.marker;

/** Rows of the first result set, through the provider's session (errors come back as SqlError). */
function run(text: string): Promise<Record<string, unknown>[]> {
  return withConnection(specFor(server), async (session) => (await session.query(text)).recordsets[0] ?? []);
}

/** Column names of the first result set, from the driver's own column metadata (there even with no rows). */
async function resultColumnNames(text: string): Promise<string[]> {
  const pool = await new sql.ConnectionPool(buildMssqlConfig(specFor(server))).connect();
  try {
    const result = await pool.request().query(text);
    return Object.keys(result.recordset.columns);
  } finally {
    await pool.close();
  }
}

/** The error the server sent for `sql`, as the provider's driver wrapper surfaces it. */
async function refusal(text: string): Promise<{ number?: number; state?: number; severity?: number; message: string }> {
  const error = await run(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SqlError);
  const { number, state, severity, message } = error as SqlError;
  return { number, state, severity, message };
}

describe("a catalog query with a mistake is refused as SQL Server refuses it", () => {
  test("a misspelled column: 207 Invalid column name", async () => {
    const sql = `${SYNONYMS}\nSELECT sn.name, sn.base_objct_name FROM sys.synonyms AS sn;`;
    expect(await refusal(sql)).toEqual({
      number: 207,
      state: 1,
      severity: 16,
      message: "Invalid column name 'base_objct_name'.",
    });
  });

  test("a column taken from the wrong view's alias: 207 (sys.types has no column_id)", async () => {
    const sql = `${CATALOG_QUERIES.columns.marker}
SELECT c.object_id, ty.column_id, c.name
FROM sys.columns AS c
JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id;`;
    expect(await refusal(sql)).toMatchObject({ number: 207, message: "Invalid column name 'column_id'." });
  });

  test("a wrong join column: 207 (sys.foreign_keys has object_id, not constraint_object_id)", async () => {
    const sql = `${CATALOG_QUERIES.foreignKeys.marker}
SELECT fk.name, fkc.constraint_column_id
FROM sys.foreign_keys AS fk
JOIN sys.foreign_key_columns AS fkc ON fkc.constraint_object_id = fk.constraint_object_id;`;
    expect(await refusal(sql)).toMatchObject({ number: 207, message: "Invalid column name 'constraint_object_id'." });
  });

  test("an unknown view: 208 Invalid object name, before any column is looked at", async () => {
    const sql = `${SYNONYMS}\nSELECT sn.name, sn.no_such_column FROM sys.synonym AS sn;`;
    expect(await refusal(sql)).toEqual({
      number: 208,
      state: 1,
      severity: 16,
      message: "Invalid object name 'sys.synonym'.",
    });
  });

  test("an alias used but not declared: 4104 The multi-part identifier could not be bound", async () => {
    const sql = `${CATALOG_QUERIES.views.marker}\nSELECT v.object_id, v.name, m.definition FROM sys.views AS v;`;
    expect(await refusal(sql)).toEqual({
      number: 4104,
      state: 1,
      severity: 16,
      message: 'The multi-part identifier "m.definition" could not be bound.',
    });
  });

  test("an alias used in an ON before the JOIN that declares it: 4104", async () => {
    const sql = `${CATALOG_QUERIES.views.marker}
SELECT v.name, m.definition
FROM sys.views AS v
JOIN sys.sql_modules AS m ON m.object_id = o.object_id
JOIN sys.objects AS o ON o.object_id = v.object_id;`;
    expect(await refusal(sql)).toMatchObject({
      number: 4104,
      message: 'The multi-part identifier "o.object_id" could not be bound.',
    });
  });

  test("a name inside a subquery is bound too, against the subquery's and the outer query's sources", async () => {
    const correlated = `${CATALOG_QUERIES.indexes.marker}
SELECT i.name, (SELECT c.name FROM sys.columns AS c WHERE c.object_id = i.object_id AND c.column_id = 1) AS first_column
FROM sys.indexes AS i;`;
    await expect(run(correlated)).resolves.toBeDefined();
    const misspelt = correlated.replace("c.column_id = 1", "c.colum_id = 1");
    expect(await refusal(misspelt)).toMatchObject({ number: 207, message: "Invalid column name 'colum_id'." });
  });

  test("an unqualified column must belong to one of the query's views: 207, or 209 when two have it", async () => {
    expect(await refusal(`${SYNONYMS}\nSELECT base_object FROM sys.synonyms;`)).toMatchObject({ number: 207 });
    const ambiguous = `${SYNONYMS}\nSELECT name FROM sys.synonyms AS sn JOIN sys.schemas AS s ON s.schema_id = sn.schema_id;`;
    expect(await refusal(ambiguous)).toEqual({
      number: 209,
      state: 1,
      severity: 16,
      message: "Ambiguous column name 'name'.",
    });
  });
});

describe("any batch that reads the catalog is bound, whoever answers it", () => {
  test("a query without a catalog marker (validation, replication, a test's handler) is refused the same way", async () => {
    const sql =
      "SELECT s.[name], t.[nmae] FROM sys.tables AS t JOIN sys.schemas AS s ON s.[schema_id] = t.[schema_id];";
    expect(await refusal(sql)).toMatchObject({ number: 207, message: "Invalid column name 'nmae'." });
    await expect(run(sql.replace("[nmae]", "[name]"))).resolves.toBeDefined();
  });

  test("a user table's columns are not the catalog's to judge: only the sys views are checked", async () => {
    await expect(
      run("SELECT o.[anything] FROM [dbo].[Orders] AS o JOIN sys.tables AS t ON t.[name] = N'Orders';"),
    ).resolves.toBeDefined();
  });
});

describe("a version-adaptive batch is built as SQL Server builds it, then bound", () => {
  const tables = CATALOG_QUERIES.tables.sql;

  test("a misspelling in the branch a current server takes is refused", async () => {
    const broken = tables.replace("N't.temporal_type'", "N't.temporal_typ'");
    expect(broken).not.toBe(tables);
    expect(await refusal(broken)).toMatchObject({ number: 207, message: "Invalid column name 'temporal_typ'." });
  });

  test("a misspelling in the branch for older servers is never compiled, as on a current server", async () => {
    const olderBranch = tables.replace("N'CAST(0 AS tinyint)'", "N'CAST(0 AS tinyint) + t.no_such_column'");
    expect(olderBranch).not.toBe(tables);
    await expect(run(olderBranch)).resolves.toBeDefined();
  });

  test("a condition on a column the catalog lacks takes the older branch, and the newer one is not compiled", async () => {
    const newerBranchOnly = tables.replace("N't.is_node'", "N't.is_nod'");
    expect(await refusal(newerBranchOnly)).toMatchObject({ number: 207, message: "Invalid column name 'is_nod'." });
    const probingTheMissingColumn = newerBranchOnly.replace("N'sys.tables', N'is_node'", "N'sys.tables', N'is_nod'");
    expect(probingTheMissingColumn).not.toBe(newerBranchOnly);
    await expect(run(probingTheMissingColumn)).resolves.toBeDefined();
  });
});

describe("the result set is named by the query, not by the extractor's declaration", () => {
  test("a wrong result alias reaches the client as a column of that name, and the expected one is missing", async () => {
    const rows = await run(`${SYNONYMS}\nSELECT sn.name AS nmae, sn.base_object_name FROM sys.synonyms AS sn;`);
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0]!)).toEqual(["nmae", "base_object_name"]);
  });

  test("every catalog query provider/sql sends binds, and names exactly the columns the extractor declares", async () => {
    for (const query of Object.values(CATALOG_QUERIES)) {
      const names = await resultColumnNames(query.sql);
      expect({ query: query.marker, names }).toEqual({ query: query.marker, names: Object.keys(query.columns) });
    }
  });
});
