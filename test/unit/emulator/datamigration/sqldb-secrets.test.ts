/**
 * Passwords given to the current DMS API never come back: not from a SqlDb migration's PUT, GET (expanded or
 * for an old run), listMigrations, cancel, retry or operation status, not in a 400 that refuses the body, not
 * from the store, the request log or the admin listing. Connections themselves are not echoed (recorded).
 */
import { relative } from "../support";
import { expectNoSecretBehindTheApi, sharedHarness } from "./support";
import {
  api,
  getExpanded,
  migrationBody,
  migrationPath,
  servicePath,
  SOURCE_PASSWORD,
  sourceConnection,
  TARGET_PASSWORD,
  targetConnection,
  type Harness,
  type Response,
  readyCurrentHarness,
} from "./sql-migration-support";

const SECRETS = [SOURCE_PASSWORD, TARGET_PASSWORD, "Wr0ng-Secret!"];

function expectNoSecret(h: Harness, responses: Response[]): void {
  for (const r of responses) {
    for (const secret of SECRETS) expect(r.text).not.toContain(secret);
    // Answers never carry the connections at all (a refusal may name the field it refuses).
    if (r.status < 300) expect(r.text).not.toMatch(/sourceSqlConnection|targetSqlConnection|"password"/i);
  }
  expectNoSecretBehindTheApi(h, SECRETS);
}

describe("secrets in SqlDb migrations", () => {
  const h = sharedHarness(readyCurrentHarness);

  test("a migration through its life: PUT, GET, expanded GET, listMigrations, retry, operation status, a second run, delete", async () => {
    h.dms.controls.faults.add({ kind: "tableFails", database: "Sales", table: "dbo.Orders", afterRows: 10 });
    const responses: Response[] = [
      await api(h, "PUT", migrationPath(), migrationBody({ tableList: ["[dbo].[Orders]"] })),
    ];
    h.clock.advance(0);
    responses.push(await api(h, "GET", relative(responses[0]!.headers["azure-asyncoperation"])));
    h.ticks(3);
    const waiting = await getExpanded(h);
    responses.push(
      waiting,
      await api(h, "GET", migrationPath()),
      await api(h, "GET", `${servicePath()}/listMigrations`),
    );
    expect(waiting.json.properties.migrationStatus).toBe("Retriable");
    const operationId = waiting.json.properties.migrationOperationId;
    responses.push(await api(h, "POST", `${migrationPath()}/retry`, { migrationOperationId: operationId }));
    h.ticks(6);
    responses.push(await getExpanded(h));
    expect(responses[responses.length - 1]!.json.properties.migrationStatus).toBe("Succeeded");

    responses.push(await api(h, "PUT", migrationPath(), migrationBody()));
    h.clock.advance(0);
    responses.push(
      await api(h, "POST", `${migrationPath()}/cancel`, {
        migrationOperationId: (await api(h, "GET", migrationPath())).json.properties.migrationOperationId,
      }),
    );
    responses.push(
      await api(h, "GET", `${migrationPath()}?migrationOperationId=${operationId}&$expand=MigrationStatusDetails`),
    );
    responses.push(await api(h, "GET", `${servicePath()}/listMigrations`));
    h.clock.advance(0);
    responses.push(await api(h, "DELETE", migrationPath()));
    expect(responses.map((r) => r.status)).toEqual([201, 200, 200, 200, 200, 202, 200, 200, 200, 200, 200, 200]);
    expectNoSecret(h, responses);
  });

  test("failures: a wrong password's validation error, and a refused body", async () => {
    const wrong = await api(
      h,
      "PUT",
      migrationPath(),
      migrationBody({ sourceSqlConnection: sourceConnection("Wr0ng-Secret!") }),
    );
    h.clock.advance(0);
    const operation = await api(h, "GET", relative(wrong.headers["azure-asyncoperation"]));
    expect(operation.json.error.message).toContain("Login failed for user 'migrator'.");
    const failed = await getExpanded(h);
    expect(failed.json.properties.provisioningError).toContain("Login failed");
    const refused = await api(
      h,
      "PUT",
      migrationPath(),
      migrationBody({ targetSqlConnection: { ...targetConnection(), userName: 42 } }),
    );
    expect(refused.status).toBe(400);
    expectNoSecret(h, [wrong, operation, failed, refused]);
  });
});
