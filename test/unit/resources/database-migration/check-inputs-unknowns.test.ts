/**
 * A preview's inputs may hold values not known yet; `check` must still apply the defaults around them, so
 * `diff` sees the same shape as at `up` (a missing defaulted list once crashed a preview's diff).
 */
import { UNKNOWN, validateInputs } from "../../../../provider/resources/validation";
import { databaseMigrationInputs } from "../../../../provider/resources/database-migration/inputs";

const inputs = {
  migrationServiceId:
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.DataMigration/sqlMigrationServices/svc",
  targetServerResourceId:
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.Sql/servers/t",
  targetDatabaseName: "SalesDb",
  sourceDatabaseName: "Sales",
  source: { server: "sql01", userName: "u", password: "p" },
  target: { server: "t.database.windows.net", userName: "u", password: "p" },
  report: { migration: "sales", engine: "dms", schema: UNKNOWN },
};

test("defaults are applied around unknown values, which are kept", () => {
  const result = validateInputs(databaseMigrationInputs, inputs);
  expect(result.ok).toBe(true);
  const value = (result as { value: Record<string, unknown> }).value;
  expect(value.tables).toEqual([]);
  expect(value.validation).toMatchObject({ depth: "rowCount" });
  expect(value.report).toMatchObject({ migration: "sales", schema: UNKNOWN });
  expect(value.migrationServiceId).toBe(inputs.migrationServiceId);
});

test("a bad known field still fails, naming it", () => {
  const result = validateInputs(databaseMigrationInputs, { ...inputs, targetDatabaseName: "-bad name" });
  expect(result).toMatchObject({ ok: false, failures: [{ property: "targetDatabaseName" }] });
});
