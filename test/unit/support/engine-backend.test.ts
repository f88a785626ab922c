/**
 * What the engine harness reads from a stack's file backend instead of asking the CLI: whether a destroy has
 * anything to do, the newest update's summary, and the stack outputs of an exported deployment.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Deployment } from "@pulumi/pulumi/automation";
import { hasManagedResources, latestUpdate, stackOutputsOf, type BackendStack } from "../../support/engine-backend";

const SIG = "4dabf18193072939515e22adb298388d";
let at: BackendStack;

beforeEach(() => {
  at = { backendDir: fs.mkdtempSync(path.join(os.tmpdir(), "engine-backend-")), projectName: "p", stackName: "test" };
});
afterEach(() => fs.rmSync(at.backendDir, { recursive: true, force: true }));

function writeState(types: string[]): void {
  const dir = path.join(at.backendDir, ".pulumi", "stacks", at.projectName);
  fs.mkdirSync(dir, { recursive: true });
  const resources = types.map((type) => ({ type, urn: `urn:${type}` }));
  fs.writeFileSync(path.join(dir, "test.json"), JSON.stringify({ checkpoint: { latest: { resources } } }));
}

function writeUpdate(nanos: string, resourceChanges: Record<string, number>): void {
  const dir = path.join(at.backendDir, ".pulumi", "history", at.projectName, at.stackName);
  fs.mkdirSync(dir, { recursive: true });
  const info = { kind: "update", result: "succeeded", startTime: 1796226833, endTime: 1796226843, resourceChanges };
  fs.writeFileSync(path.join(dir, `test-${nanos}.history.json`), JSON.stringify(info));
  // The checkpoint copy beside each history entry is not an update.
  fs.writeFileSync(path.join(dir, `test-${nanos}.checkpoint.json`), "{}");
}

test("a stack with no state, or only the stack and provider references, has nothing to destroy", () => {
  expect(hasManagedResources(at)).toBe(false);
  writeState(["pulumi:pulumi:Stack", "pulumi:providers:pulumi-nodejs"]);
  expect(hasManagedResources(at)).toBe(false);
  writeState(["pulumi:pulumi:Stack", "pulumi-nodejs:dynamic:Resource"]);
  expect(hasManagedResources(at)).toBe(true);
});

test("the newest update is the one with the largest timestamp, compared as numbers", () => {
  expect(latestUpdate(at)).toBeUndefined();
  writeUpdate("999999999999999999", { create: 2 });
  writeUpdate("1000000000000000000", { same: 2 });
  const summary = latestUpdate(at)!;
  expect(summary.resourceChanges).toEqual({ same: 2 });
  expect(summary.version).toBe(2);
  expect(summary.result).toBe("succeeded");
  expect(summary.startTime).toEqual(new Date(1796226833 * 1000));
});

test("stack outputs of an exported deployment: secrets unwrapped and flagged, nested secrets unwrapped", () => {
  const exported = {
    version: 3,
    deployment: {
      resources: [
        { type: "azure-sql-migration:index:Other", outputs: { phase: "ignored" } },
        {
          type: "pulumi:pulumi:Stack",
          outputs: {
            phase: "validated",
            password: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: '"s3cret"' },
            source: { user: "migrator", password: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: '"pw"' } },
            rows: [1, 2],
          },
        },
      ],
    },
  } as unknown as Deployment;
  expect(stackOutputsOf(exported)).toEqual({
    phase: { value: "validated", secret: false },
    password: { value: "s3cret", secret: true },
    source: { value: { user: "migrator", password: "pw" }, secret: false },
    rows: { value: [1, 2], secret: false },
  });
});
