/** SchemaDeployment's inputs: every mistake is named by its field, and the defaults are the safe ones. */
import { schemaDeploymentInputs } from "../../../../provider/resources/schema-deployment/inputs";
import { UNKNOWN, validateInputs } from "../../../../provider/resources/validation";

const target = {
  server: "sales.database.windows.net",
  database: "Sales",
  authentication: { type: "sql", user: "u", password: "pw" },
};

const failuresOf = (inputs: unknown) => {
  const result = validateInputs(schemaDeploymentInputs, inputs);
  return result.ok ? [] : result.failures;
};

test("defaults: fail on blockers, deploy, never lose data, never drop", () => {
  const result = validateInputs(schemaDeploymentInputs, { source: { scriptPath: "db" }, target });
  expect(result).toEqual({
    ok: true,
    value: {
      source: { scriptPath: "db" },
      target,
      include: [],
      exclude: [],
      failOn: "blocking",
      deploy: true,
      outputDirectory: "schema-deployment",
      allowDataLoss: false,
      dropExtraObjects: false,
    },
  });
});

test("the source needs exactly one of connection, scriptPath, snapshotPath", () => {
  expect(failuresOf({ source: {}, target })).toEqual([
    { property: "source", reason: "must give one of connection, scriptPath or snapshotPath" },
  ]);
  expect(failuresOf({ source: { scriptPath: "a", snapshotPath: "b" }, target })).toEqual([
    {
      property: "source",
      reason: "must give only one of connection, scriptPath or snapshotPath (got scriptPath and snapshotPath)",
    },
  ]);
  expect(failuresOf({ source: { scriptsPath: "a" }, target }).map((f) => f.property)).toContain("source");
});

test("mistakes deep in a connection are named by their path", () => {
  const failures = failuresOf({
    source: { connection: { ...target, port: 70000 } },
    target: { ...target, authentication: { type: "sql", user: "u" } },
  });
  expect(failures.map((f) => f.property).sort()).toEqual(["source.connection.port", "target.authentication.password"]);
});

test("filters, failOn and the tier are checked", () => {
  const failures = failuresOf({
    source: { scriptPath: "db" },
    target,
    include: ["Sales.*", "a.b.c.d"],
    exclude: ["[x"],
    failOn: "always",
    targetTier: "Gold",
  });
  expect(failures.map((f) => f.property).sort()).toEqual(["exclude[0]", "failOn", "include[1]", "targetTier"]);
  expect(failures.find((f) => f.property === "include[1]")!.reason).toMatch(/4 parts/);
});

test("values not known yet (preview) are not judged", () => {
  expect(
    validateInputs(schemaDeploymentInputs, { source: { scriptPath: UNKNOWN }, target: { ...target, server: UNKNOWN } })
      .ok,
  ).toBe(true);
});

test("no failure message repeats a password, not even one about the authentication that holds it", () => {
  const password = "Pa55-w0rd-never-echoed";
  const failures = failuresOf({
    source: { connection: { ...target, port: "x", authentication: { type: "sql", user: "u", password } } },
    target: { ...target, database: "", authentication: { type: "sqll", user: "u", password } },
  });
  // Not vacuous: the inputs are refused, on the fields next to (and around) the password.
  expect(failures.map((f) => f.property).sort()).toEqual([
    "source.connection.port",
    "target.authentication.type",
    "target.database",
  ]);
  expect(JSON.stringify(failures)).not.toContain(password);
});
