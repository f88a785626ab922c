/**
 * Runs `pulumi up` (or `preview`) for an existing test stack in a process of its own (and its own process group),
 * so a test can kill the engine in the middle of an update the way a CI runner that times out does, or see a
 * program that throws fail the way a user's does (inside Jest, the engine's handler for a program's uncaught
 * error is reported as a failure of the test itself). The program is the compiled quickstart program (dist/),
 * built with the settings given as JSON.
 *
 *   node up-in-child-process.js '{"workDir": ..., "backendDir": ..., "projectName": ..., "stackName": ..., "env": {...}, "settings": {...}, "operation": "up"}'
 */
const path = require("path");
const { LocalWorkspace } = require("@pulumi/pulumi/automation");

async function main() {
  const job = JSON.parse(process.argv[2]);
  const { quickstartProgram } = require(
    path.join(__dirname, "..", "..", "dist", "examples", "quickstart", "program.js"),
  );
  const stack = await LocalWorkspace.selectStack(
    { projectName: job.projectName, stackName: job.stackName, program: quickstartProgram(job.settings) },
    {
      workDir: job.workDir,
      projectSettings: { name: job.projectName, runtime: "nodejs", backend: { url: `file://${job.backendDir}` } },
      secretsProvider: "passphrase",
      envVars: job.env,
    },
  );
  const onOutput = (text) => process.stdout.write(text);
  if (job.operation === "preview") await stack.preview({ onOutput });
  else await stack.up({ onOutput });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
