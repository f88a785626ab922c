/**
 * README's "The quickstart with `pulumi up`": with `npm run quickstart:emulator` running (here its compiled entry,
 * dist/examples/quickstart/serve.js, after `npm run build`), the lines README gives for the second shell — run
 * verbatim by bash from the repository root — take the root Pulumi.yaml's folder program through the Pulumi CLI and
 * its Node.js language host: up to a validated migration, then destroy.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { childEnv, expectExit, plain, requirePulumiOnPath, runCommand, tail } from "../support/pulumi-cli";

const REPO = path.resolve(__dirname, "../..");
const SERVE = path.join(REPO, "dist", "examples", "quickstart", "serve.js");
const SETUP = path.join(REPO, ".work", "quickstart-emulator", "setup.sh");
const STATE = path.join(REPO, ".work", "quickstart-emulator", "state");
/** The root Pulumi.yaml keeps its stacks' config here (stackConfigDir), out of the repository. */
const STACK_CONFIG = path.join(REPO, ".work", "quickstart-stacks", "Pulumi.dev.yaml");

/** The sh block README marks with `<!-- quickstart-cli -->`. */
function readmeLines(): string {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const block = /<!-- quickstart-cli -->\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README has no <!-- quickstart-cli --> sh block");
  return block;
}

let serve: ChildProcess | undefined;
let served = "";

beforeAll(async () => {
  requirePulumiOnPath();
  if (!fs.existsSync(SERVE))
    throw new Error("dist/examples/quickstart/serve.js is missing: run `npm run build` before this test");
  // A state left by an earlier, interrupted run would hold a stack `dev` of its own.
  fs.rmSync(STATE, { recursive: true, force: true });
  fs.rmSync(SETUP, { force: true });
  fs.rmSync(STACK_CONFIG, { force: true });
  serve = spawn(process.execPath, [SERVE], { cwd: REPO, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
  serve.stdout!.on("data", (chunk) => (served += chunk));
  serve.stderr!.on("data", (chunk) => (served += chunk));
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(SETUP)) {
    if (serve.exitCode !== null || Date.now() > deadline)
      throw new Error(`npm run quickstart:emulator did not get ready:\n${served}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 90_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve!.once("exit", resolve));
    serve.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(STATE, { recursive: true, force: true });
  fs.rmSync(STACK_CONFIG, { force: true });
});

test("README's lines for the second shell: pulumi up of the root program validates the migration, destroy removes it", async () => {
  const lines = readmeLines();
  expect(lines).toContain("source .work/quickstart-emulator/setup.sh");
  const run = await runCommand("bash", ["-euo", "pipefail", "-c", lines], {
    cwd: REPO,
    env: childEnv({ PULUMI_SKIP_UPDATE_CHECK: "true" }),
    timeoutMs: 300_000,
  });
  process.stdout.write(`quickstart-cli: README's lines ran in ${run.seconds.toFixed(1)}s\n`);
  expectExit(run, 0, "README's quickstart lines");
  const output = plain(run.stdout);
  expect(output).toMatch(/\+ 6 created/);
  expect(output).toMatch(/^validated$/m);
  expect(output).toMatch(/- 6 deleted/);
  expect(output).toMatch(/Migration complete and validated: 1 database, 210000 rows copied, all 3 tables match\./);
  expect(served).toMatch(/node shir-quickstart registered with sales-sqlms/);
  // The stack's config went under .work/, not into the repository's root.
  expect(fs.existsSync(STACK_CONFIG)).toBe(true);
  expect(fs.existsSync(path.join(REPO, "Pulumi.dev.yaml"))).toBe(false);
  // The quickstart's passwords are plain strings in setup.sh; the CLI and the program never print them.
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/Quickstart-(Source|Target)-Pa55/);
  if (run.stderr.includes("error")) process.stdout.write(tail(run.stderr));
}, 320_000);
