/**
 * The schema-version probe (provider/sql/schema-version.ts) through the real driver against the TDS test server,
 * which answers it from the model it serves (emulator/sql-server/schema-version-responder.ts), not from the
 * provider's code: the same schema gives the same answer, and each kind of change moves the column of the
 * catalog view that lists it.
 */
import {
  readSchemaVersion,
  SCHEMA_VERSION_COLUMNS,
  SCHEMA_VERSION_QUERY,
} from "../../../../provider/sql/schema-version";
import { withConnection } from "../../../../provider/sql/connection";
import type { DatabaseModel } from "../../../../provider/schema/model";
import { startTdsTestServer, type TdsTestServer } from "../../../../emulator/sql-server";
import { sampleModel } from "../../sql/sample-model";
import { specFor } from "../../sql/tds-connection";

let server: TdsTestServer;
beforeAll(async () => {
  server = await startTdsTestServer({ model: sampleModel() });
});
afterAll(() => server.stop());
afterEach(() => expect(server.protocolErrors).toEqual([]));

/** The probe's answer for `model`, column by column. */
async function probe(model: DatabaseModel): Promise<Record<string, string>> {
  server.setModel(model);
  const answer = (await readSchemaVersion(specFor(server))).split(":");
  expect(answer).toHaveLength(SCHEMA_VERSION_COLUMNS.length);
  return Object.fromEntries(SCHEMA_VERSION_COLUMNS.map((column, i) => [column, answer[i]!]));
}

/** Which of the probe's columns differ after `change` is made to a copy of the sample model. */
async function columnsMovedBy(change: (model: DatabaseModel) => void): Promise<string[]> {
  const before = await probe(sampleModel());
  const changed = sampleModel();
  change(changed);
  const after = await probe(changed);
  return SCHEMA_VERSION_COLUMNS.filter((column) => before[column] !== after[column]);
}

test("the same schema gives the same answer, on a new connection and from a copy of the model", async () => {
  const first = await probe(sampleModel());
  expect(await probe(sampleModel())).toEqual(first);
  expect(Number(first.objects)).toBeGreaterThan(0);
});

test.each<[string, (model: DatabaseModel) => void, string[]]>([
  ["a view's text altered", (m) => (m.views[0]!.definition += "\n-- changed"), ["objects_checksum"]],
  [
    "a table created",
    (m) => m.tables.push({ ...structuredClone(m.tables[0]!), key: "[dbo].[Extra]", name: "Extra" }),
    ["objects", "objects_checksum", "indexes_checksum", "columns_checksum"],
  ],
  [
    "an index dropped (the table's modify_date moves too)",
    (m) => m.tables.find((t) => t.indexes.length > 0)!.indexes.pop(),
    ["objects_checksum", "indexes_checksum"],
  ],
  [
    "a column renamed (sp_rename: in the emulator the table's date moves as well)",
    (m) => (m.tables[0]!.columns[0]!.name += "Renamed"),
    ["objects_checksum", "columns_checksum"],
  ],
  ["a schema added", (m) => m.schemas.push({ kind: "schema", key: "[Extra]", name: "Extra" }), ["schemas_checksum"]],
  ["a role member added", (m) => m.roles[0]!.members.push("auditor"), ["role_members_checksum"]],
  ["a permission revoked", (m) => m.permissions.pop(), ["permissions_checksum"]],
  [
    "a database option changed",
    (m) => (m.options.compatibilityLevel = m.options.compatibilityLevel === 150 ? 160 : 150),
    ["database_checksum"],
  ],
])("%s moves the columns of the views that list it", async (_name, change, moved) => {
  expect(await columnsMovedBy(change)).toEqual(moved);
});

test("the probe is bound against the documented catalog: a misspelled column fails as on SQL Server", async () => {
  server.setModel(sampleModel());
  const misspelled = SCHEMA_VERSION_QUERY.replace("o.modify_date", "o.modified_date");
  const error = await withConnection(specFor(server), (session) => session.query(misspelled)).catch((e: Error) => e);
  expect(error).toMatchObject({ number: 207, message: expect.stringContaining("Invalid column name 'modified_date'") });
});
