/**
 * The real mssql driver against the TDS test server, over TLS with certificate validation:
 * connecting, parameters both ways, result shapes, errors and large results.
 */
import sql from "mssql";
import { buildMssqlConfig, withConnection } from "../../../provider/sql/connection";
import { SqlError } from "../../../provider/sql/errors";
import { startTdsTestServer, type ResultSet, type TdsTestServer } from "../../../emulator/sql-server";
import { specFor } from "./tds-connection";

let server: TdsTestServer;

beforeAll(async () => {
  server = await startTdsTestServer({ databases: ["SalesDb", "master"] });
});
afterAll(() => server.stop());
afterEach(() => {
  server.clearFailures();
  expect(server.protocolErrors).toEqual([]);
});

const ALL_TYPES: ResultSet = {
  columns: [
    { name: "i", type: { type: "int" } },
    { name: "b", type: { type: "bigint" } },
    { name: "s", type: { type: "smallint" } },
    { name: "t", type: { type: "tinyint" } },
    { name: "flag", type: { type: "bit" } },
    { name: "nv", type: { type: "nvarchar", length: 50 } },
    { name: "nvmax", type: { type: "nvarchar", length: "max" } },
    { name: "v", type: { type: "varchar", length: 20 } },
    { name: "d", type: { type: "decimal", precision: 18, scale: 4 } },
    { name: "n", type: { type: "numeric", precision: 38, scale: 0 } },
    { name: "dt", type: { type: "datetime2", scale: 7 } },
    { name: "g", type: { type: "uniqueidentifier" } },
    { name: "bin", type: { type: "varbinary", length: "max" } },
  ],
  rows: [
    [
      -42,
      9007199254740993n,
      -300,
      255,
      true,
      "Grüße 👋",
      "x".repeat(10_000),
      "plain",
      "-12345.6789",
      "12345678901234567890123456789012345678",
      new Date("2024-02-29T13:14:15.678Z"),
      "6F9619FF-8B86-D011-B42D-00C04FC964FF",
      Buffer.from([0, 1, 2, 254, 255]),
    ],
    [null, null, null, null, null, null, null, null, null, null, null, null, null],
  ],
};

test("connects with strict TLS, validates the certificate against the test CA and runs a query", async () => {
  server.use((request) =>
    request.sql === "SELECT @@VERSION AS v"
      ? { resultSets: [{ columns: [{ name: "v", type: { type: "nvarchar" } }], rows: [["TDS test server"]] }] }
      : undefined,
  );
  const result = await withConnection(specFor(server), (session) =>
    session.query<{ v: string }>("SELECT @@VERSION AS v"),
  );
  expect(result.recordsets[0]).toEqual([{ v: "TDS test server" }]);
  const batch = server.clientBatches().find((b) => b.sql === "SELECT @@VERSION AS v");
  expect(batch).toMatchObject({ database: "SalesDb", login: "migrator", kind: "rpc" });
});

test("refuses a server whose certificate does not chain to the trusted CA", async () => {
  // Without our CA the system store is used, which does not know the test CA: the handshake must fail.
  const spec = specFor(server, { ca: undefined });
  await expect(withConnection(spec, async () => undefined)).rejects.toMatchObject({
    name: "SqlError",
    kind: "connection",
  });
});

test("also speaks TDS 7.x encryption (TLS inside PRELOGIN) with validation on", async () => {
  server.use((request) =>
    request.sql === "SELECT 7 AS seven"
      ? { resultSets: [{ columns: [{ name: "seven", type: { type: "int" } }], rows: [[7]] }] }
      : undefined,
  );
  const result = await withConnection(
    specFor(server, { encrypt: true, hostNameInCertificate: "localhost" }),
    (session) => session.query("SELECT 7 AS seven"),
  );
  expect(result.recordsets[0]).toEqual([{ seven: 7 }]);
});

test("parameters round-trip: the server decodes each type the driver sends", async () => {
  const probe = "SELECT /* probe:params */ 1";
  await withConnection(specFor(server), (session) =>
    session.query(probe, {
      anInt: { type: "int", value: -123456 },
      aBig: { type: "bigint", value: 9007199254740993n },
      aText: { type: "nvarchar", value: "O'Brien ✓", length: 100 },
      aMax: { type: "nvarchar", value: "y".repeat(6000) },
      anAscii: { type: "varchar", value: "abc", length: 10 },
      aBit: { type: "bit", value: true },
      aWhen: { type: "datetime2", value: new Date("2023-12-31T23:59:59.123Z"), scale: 3 },
      anId: { type: "uniqueidentifier", value: "6f9619ff-8b86-d011-b42d-00c04fc964ff" },
      someBytes: { type: "varbinary", value: Buffer.from("cafebabe", "hex") },
      aDecimal: { type: "decimal", value: "-1234.5678", precision: 10, scale: 4 },
      aNull: { type: "int", value: null },
    }),
  );
  const recorded = server.clientBatches().find((b) => b.sql === probe);
  expect(recorded?.params).toEqual({
    anInt: -123456,
    aBig: 9007199254740993n,
    aText: "O'Brien ✓",
    aMax: "y".repeat(6000),
    anAscii: "abc",
    aBit: true,
    aWhen: new Date("2023-12-31T23:59:59.123Z"),
    anId: "6F9619FF-8B86-D011-B42D-00C04FC964FF",
    someBytes: Buffer.from("cafebabe", "hex"),
    aDecimal: "-1234.5678",
    aNull: null,
  });
});

test("result columns of every supported type reach JS intact, NULLs included", async () => {
  server.use((request) => (request.sql === "SELECT /* all types */ *" ? { resultSets: [ALL_TYPES] } : undefined));
  const result = await withConnection(specFor(server), (session) =>
    session.query<Record<string, unknown>>("SELECT /* all types */ *"),
  );
  const [full, empty] = result.recordsets[0]!;
  expect(full).toEqual({
    i: -42,
    b: "9007199254740993", // mssql returns bigint as a string
    s: -300,
    t: 255,
    flag: true,
    nv: "Grüße 👋",
    nvmax: "x".repeat(10_000),
    v: "plain",
    d: -12345.6789,
    n: 1.2345678901234568e37,
    dt: new Date("2024-02-29T13:14:15.678Z"),
    g: "6F9619FF-8B86-D011-B42D-00C04FC964FF",
    bin: Buffer.from([0, 1, 2, 254, 255]),
  });
  expect(Object.values(empty!).every((value) => value === null)).toBe(true);
});

test("multiple result sets, rows affected and INFO messages", async () => {
  server.use((request) =>
    request.sql.startsWith("/* multi */")
      ? {
          infos: [{ number: 50001, message: "just so you know" }],
          resultSets: [
            { columns: [{ name: "a", type: { type: "int" } }], rows: [[1], [2]] },
            { columns: [{ name: "b", type: { type: "nvarchar" } }], rows: [["x"]] },
          ],
          rowsAffected: 5,
        }
      : undefined,
  );
  const pool = new sql.ConnectionPool(buildMssqlConfig(specFor(server)));
  const infos: string[] = [];
  await pool.connect();
  try {
    const request = pool.request();
    request.on("info", (info: { message: string }) => infos.push(info.message));
    const result = await request.query("/* multi */ SELECT 1");
    const recordsets = result.recordsets as sql.IRecordSet<Record<string, unknown>>[];
    expect(recordsets).toHaveLength(2);
    expect([...recordsets[0]!]).toEqual([{ a: 1 }, { a: 2 }]);
    expect([...recordsets[1]!]).toEqual([{ b: "x" }]);
    expect(result.rowsAffected).toEqual([2, 1, 5]);
    expect(infos).toEqual(["just so you know"]);
  } finally {
    await pool.close();
  }
});

test("a server error surfaces with its number, state, severity, message, server, procedure and line", async () => {
  server.failOn("SELECT * FROM [dbo].[Missing]", {
    number: 208,
    state: 1,
    class: 16,
    message: "Invalid object name 'dbo.Missing'.",
    procName: "p_read",
    lineNumber: 3,
  });
  const failure = await withConnection(specFor(server), (session) =>
    session.query("SELECT * FROM [dbo].[Missing]"),
  ).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(SqlError);
  expect(failure).toMatchObject({
    kind: "request",
    number: 208,
    state: 1,
    severity: 16,
    message: "Invalid object name 'dbo.Missing'.",
    server: "tds-test-server",
    procedure: "p_read",
    lineNumber: 3,
  });
});

test("a statement that runs past the request timeout is a SqlError of kind timeout", async () => {
  const SLOW = "/* slow */ SELECT COUNT_BIG(*) FROM [dbo].[Orders]";
  // The server takes 1.5 s to answer; the client gives up after 300 ms (and cancels the request).
  server.use((request) =>
    request.sql === SLOW ? new Promise((resolve) => setTimeout(() => resolve(undefined), 1500)) : undefined,
  );
  const failure = await withConnection({ ...specFor(server), requestTimeoutMs: 300 }, (session) =>
    session.query(SLOW),
  ).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(SqlError);
  expect(failure).toMatchObject({ kind: "timeout" });
});

test("the raw driver sees the same error as a RequestError (number and message)", async () => {
  server.failOn("/* raw */", { number: 2714, message: "There is already an object named 'Orders' in the database." });
  const pool = new sql.ConnectionPool(buildMssqlConfig(specFor(server)));
  await pool.connect();
  try {
    const error = await pool
      .request()
      .batch("/* raw */ CREATE TABLE Orders (id int)")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sql.RequestError);
    expect(error).toMatchObject({
      number: 2714,
      message: "There is already an object named 'Orders' in the database.",
    });
  } finally {
    await pool.close();
  }
});

test("a failed login reports 18456 and never carries the password", async () => {
  const password = "S3cret-that-must-not-leak!";
  const spec = specFor(server, { authentication: { type: "sql", user: "migrator", password } });
  const connectionsBefore = server.connections();
  const failure = (await withConnection(spec, async () => undefined).catch((error: unknown) => error)) as SqlError;
  // The server's connection counter sees a refused login too (what "not even a connection" tests rely on).
  expect(server.connections()).toBeGreaterThan(connectionsBefore);
  expect(failure).toBeInstanceOf(SqlError);
  expect(failure).toMatchObject({ kind: "login", number: 18456, severity: 14, server: "tds-test-server" });
  expect(failure.message).toContain("Login failed for user 'migrator'.");
  const everything = JSON.stringify({ ...failure, message: failure.message, stack: failure.stack }) + String(failure);
  expect(everything).not.toContain(password);
});

test("a password the server echoes back in an error is scrubbed from the message", async () => {
  const spec = specFor(server);
  const loginPassword = (spec.authentication as { password: string }).password;
  server.failOn("/* echo */", { number: 50000, message: `could not use ${loginPassword} here` });
  const failure = (await withConnection(spec, (session) => session.query("/* echo */ SELECT 1")).catch(
    (error: unknown) => error,
  )) as SqlError;
  expect(failure).toMatchObject({ kind: "request", number: 50000, message: "could not use *** here" });
});

test("a database that does not exist fails the login with 4060/18456, keeping 4060 (Azure SQL's transient number)", async () => {
  const failure = await withConnection(specFor(server, { database: "Nope" }), async () => undefined).catch(
    (error: unknown) => error,
  );
  // SQL Server sends 4060 (cannot open the database) then 18456 (login failed); 4060 is what a failing-over Azure
  // SQL database answers too, so it is the number kept: it is what makes the login worth retrying.
  expect(failure).toMatchObject({ kind: "login", number: 4060 });
  expect((failure as Error).message).toContain("Login failed");
});

test("an Entra ID access token is accepted through fedauth; a wrong one is refused without leaking it", async () => {
  const tokenServer = await startTdsTestServer({
    accessTokens: [{ token: "eyJ.good.token", principal: "pipeline@contoso.com" }],
  });
  try {
    tokenServer.use((request) =>
      request.sql === "SELECT SUSER_SNAME() AS who"
        ? { resultSets: [{ columns: [{ name: "who", type: { type: "nvarchar" } }], rows: [[request.login]] }] }
        : undefined,
    );
    const ok = await withConnection(
      specFor(tokenServer, { authentication: { type: "entra-token", token: "eyJ.good.token" } }),
      (session) => session.query<{ who: string }>("SELECT SUSER_SNAME() AS who"),
    );
    expect(ok.recordsets[0]).toEqual([{ who: "pipeline@contoso.com" }]);

    // The token presented is scrubbed from the server's errors just like a password.
    tokenServer.failOn("/* echo */", { number: 50000, message: "token eyJ.good.token is not allowed here" });
    const echoed = await withConnection(
      specFor(tokenServer, { authentication: { type: "entra-token", token: "eyJ.good.token" } }),
      (session) => session.query("/* echo */ SELECT 1"),
    ).catch((error: unknown) => error);
    expect(echoed).toMatchObject({ kind: "request", number: 50000, message: "token *** is not allowed here" });

    const refused = (await withConnection(
      specFor(tokenServer, { authentication: { type: "entra-token", token: "eyJ.bad.token" } }),
      async () => undefined,
    ).catch((error: unknown) => error)) as SqlError;
    expect(refused).toMatchObject({ kind: "login", number: 18456 });
    expect(JSON.stringify({ ...refused }) + refused.message).not.toContain("eyJ.bad.token");
  } finally {
    await tokenServer.stop();
  }
});

test("a large result spans many packets, at the default and at a negotiated packet size", async () => {
  const rows = Array.from({ length: 3000 }, (_, i) => [
    i,
    `row ${i} ${"·".repeat(i % 50)}`,
    "z".repeat(i % 7 === 0 ? 9000 : 10),
  ]);
  server.use((request) =>
    request.sql === "/* big */ SELECT *"
      ? {
          resultSets: [
            {
              columns: [
                { name: "id", type: { type: "int" } },
                { name: "label", type: { type: "nvarchar", length: 200 } },
                { name: "blob", type: { type: "nvarchar", length: "max" } },
              ],
              rows,
            },
          ],
        }
      : undefined,
  );
  for (const packetSize of [4096, 16384]) {
    const config = buildMssqlConfig(specFor(server));
    config.options = { ...config.options, packetSize };
    const pool = new sql.ConnectionPool(config);
    await pool.connect();
    try {
      const result = await pool.request().query<{ id: number; label: string; blob: string }>("/* big */ SELECT *");
      expect(result.recordset).toHaveLength(3000);
      expect(result.recordset[2999]).toEqual({ id: 2999, label: rows[2999]![1], blob: rows[2999]![2] });
      expect(result.recordset[7]!.blob).toHaveLength(9000);
    } finally {
      await pool.close();
    }
  }
});
