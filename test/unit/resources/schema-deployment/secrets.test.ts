/**
 * SchemaDeployment never writes a password or token where it can be read: not in check's failures, not in the
 * log lines, not in the script or the reports, not in the outputs other than `source` and `target` (which the
 * component marks as secret outputs). The engine-level check of the state file is
 * test/integration/schema-deployment.test.ts; this one runs the provider directly, without a target.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { provider } from "../../../../provider/resources/schema-deployment";
import { forgetSourceReads } from "../../../../provider/resources/schema-deployment/read-source";

const logged: string[] = [];
jest.mock("../../../../provider/resources/log", () => ({
  logInfo: (message: string) => logged.push(message),
  logWarn: (message: string) => logged.push(message),
  logWarnDelivered: async (message: string) => void logged.push(message),
}));

const FIXTURES = path.join(__dirname, "../../../fixtures");
const TARGET_PASSWORD = "Tgt-Secret-4711!";
const SOURCE_PASSWORD = "Src-Secret-0815!";
const TOKEN = "eyJ-entra-token-secret";

let outputDirectory: string;

const target = (authentication: object = { type: "sql", user: "deployer", password: TARGET_PASSWORD }) => ({
  server: "sales.database.windows.net",
  database: "SalesDb",
  authentication,
});

async function writtenFiles(): Promise<string> {
  const names = await fs.readdir(outputDirectory).catch(() => [] as string[]);
  const texts = await Promise.all(names.map((n) => fs.readFile(path.join(outputDirectory, n), "utf8")));
  return texts.join("\n");
}

function expectNoSecret(...texts: string[]): void {
  for (const text of [...texts, logged.join("\n")]) {
    for (const secret of [TARGET_PASSWORD, SOURCE_PASSWORD, TOKEN]) expect(text).not.toContain(secret);
  }
}

beforeEach(async () => {
  logged.length = 0;
  forgetSourceReads();
  outputDirectory = await fs.mkdtemp(path.join(os.tmpdir(), "pasm-schema-secrets-"));
});
afterEach(() => fs.rm(outputDirectory, { recursive: true, force: true }));

test("create with deploy false: script, reports, log lines and non-secret outputs carry no credential", async () => {
  for (const authentication of [
    { type: "sql", user: "deployer", password: TARGET_PASSWORD },
    { type: "entra-token", token: TOKEN },
  ]) {
    const news = {
      source: { scriptPath: path.join(FIXTURES, "clean-db") },
      target: target(authentication),
      deploy: false,
      outputDirectory,
    };
    const checked = await provider.check!({}, news);
    expect(checked.failures ?? []).toEqual([]);
    const created = await provider.create!(checked.inputs);
    const { source: _source, target: _target, ...plainOutputs } = created.outs as Record<string, unknown>;
    expect(await writtenFiles()).toContain("CREATE");
    expectNoSecret(created.id, JSON.stringify(plainOutputs), await writtenFiles());
    await provider.delete!(created.id, created.outs);
    expectNoSecret();
  }
});

test("a preview that fails on blockers: the failure and the reports it writes carry no credential", async () => {
  const checked = await provider.check!(
    {},
    { source: { scriptPath: path.join(FIXTURES, "sample-db") }, target: target(), outputDirectory },
  );
  expect(checked.failures?.[0]?.reason).toMatch(/does not allow; nothing was deployed/);
  expect(await writtenFiles()).not.toBe("");
  expectNoSecret(JSON.stringify(checked.failures), await writtenFiles());
});

test("a source that cannot be reached: the failure names the server, not the password", async () => {
  const source = {
    connection: {
      server: "127.0.0.1",
      port: 1,
      database: "Sales",
      authentication: { type: "sql", user: "reader", password: SOURCE_PASSWORD },
      connectTimeoutMs: 2_000,
    },
  };
  const checked = await provider.check!({}, { source, target: target(), outputDirectory });
  // The source holds a password, so the failure names it inside the reason, not as the property: the engine prints
  // a named property's value, password included (provider/resources/validation.ts failuresSafeToPrint).
  expect(checked.failures?.[0]).toMatchObject({
    property: "",
    reason: expect.stringMatching(/^source: .*cannot read database 127\.0\.0\.1:1\/Sales/s),
  });
  // The schema-version probe failed first, and said so in the log, without the password either.
  expect(logged.join("\n")).toMatch(/could not tell whether database 127\.0\.0\.1:1\/Sales changed/);
  expectNoSecret(JSON.stringify(checked.failures));
});
