/**
 * `npm run quickstart:emulator`: the quickstart's world, kept running for `pulumi up` with the Pulumi CLI (the root
 * Pulumi.yaml runs dist/examples/quickstart/main.js): the ARM emulator with the emulated DMS, the two local SQL
 * Server stand-ins of `npm run quickstart` (a `Sales` source with data, an empty `SalesDb` target), what
 * @pulumi/azure-native would have created on Azure, and an operator who registers a self-hosted integration
 * runtime node with every migration service that appears.
 *
 * It writes .work/quickstart-emulator/setup.sh: sourced from the repository root in another shell (with `pulumi` on
 * PATH), it points the CLI and the provider processes at all this (endpoint, token, CA, a local state backend,
 * NODE_PATH for the package), selects or creates the stack `dev` and sets its configuration. Stops on Ctrl-C.
 */
import * as fs from "fs";
import * as path from "path";
import { sleep } from "../../provider/arm";
import { linkPackageForStacks, packageRoot } from "../runner/local-workspace";
import { RESOURCE_GROUP, SOURCE, startLocalCloud, SUBSCRIPTION, TARGET } from "../runner/local-cloud";
import { operateSelfHostedRuntime } from "../runner/self-hosted-runtime";

export const SERVE_DIR = path.join(packageRoot(), ".work", "quickstart-emulator");
export const SETUP_FILE = path.join(SERVE_DIR, "setup.sh");

const quote = (value: string | number) => `'${String(value).replace(/'/g, `'\\''`)}'`;

type LocalCloud = Awaited<ReturnType<typeof startLocalCloud>>;

async function main(): Promise<void> {
  const cloud = await startLocalCloud();
  const operator = operateEveryService(cloud);
  writeSetupFile(cloud);
  printInstructions(cloud);
  const shutdown = async (signal: string) => {
    fs.rmSync(SETUP_FILE, { force: true });
    console.log(`quickstart emulator stopping (${signal})`);
    await Promise.all([cloud.stop(), operator.stop()]);
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

/** The operator: registers a runtime node with each migration service that comes up (again after a destroy). */
function operateEveryService({ arm }: LocalCloud): { stop: () => Promise<void> } {
  let stopped = false;
  let operator: ReturnType<typeof operateSelfHostedRuntime> | undefined;
  const operating = (async () => {
    let last: string | undefined;
    while (!stopped) {
      operator = operateSelfHostedRuntime(
        arm,
        { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP },
        { nodeName: "shir-quickstart" },
      );
      const name = await operator.registered.catch(() => undefined);
      if (name && name !== last)
        console.log(`[operator] self-hosted integration runtime node shir-quickstart registered with ${name}`);
      last = name;
      await sleep(2000);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      operator?.stop();
      await operating;
    },
  };
}

/** setup.sh: the environment that points the CLI at the local cloud, then the stack `dev` and its configuration. */
function writeSetupFile({ emulator, source, target, armEnv }: LocalCloud): void {
  fs.mkdirSync(path.join(SERVE_DIR, "state"), { recursive: true });
  const env: Record<string, string> = {
    ...armEnv,
    PULUMI_BACKEND_URL: `file://${path.join(SERVE_DIR, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "quickstart",
    // The root program's provider processes load the package by name (dynamic providers): from this link.
    NODE_PATH: linkPackageForStacks(),
  };
  const config: Array<[string, string | number, "secret"?]> = [
    ["subscriptionId", SUBSCRIPTION],
    ["resourceGroupName", RESOURCE_GROUP],
    ["location", "westeurope"],
    ["sourceServer", SOURCE.server],
    ["sourceUser", SOURCE.userName],
    ["sourcePassword", SOURCE.password, "secret"],
    ["targetServer", TARGET.server],
    ["targetUser", TARGET.userName],
    ["targetPassword", TARGET.password, "secret"],
    // The migration service reaches the servers by name; this machine reaches the stand-ins here.
    ["sourceHost", source.server.host],
    ["sourcePort", source.server.port],
    ["targetHost", target.server.host],
    ["targetPort", target.server.port],
    ["caFile", emulator.caFile],
    ["outputDirectory", path.join(SERVE_DIR, "output")],
  ];
  const lines = [
    "# Written by `npm run quickstart:emulator` (examples/quickstart/serve.ts) while it runs; source it from the",
    "# repository root with `pulumi` on PATH. The passwords are the quickstart's demo passwords.",
    ...Object.entries(env).map(([k, v]) => `export ${k}=${quote(v)}`),
    "pulumi stack select --create dev --non-interactive",
    ...config.map(
      ([key, value, secret]) =>
        `pulumi config set ${secret ? "--secret " : ""}${key} ${quote(value)} --non-interactive`,
    ),
    "pulumi config set --path 'databases[0].sourceName' Sales --non-interactive",
    "pulumi config set --path 'databases[0].targetName' SalesDb --non-interactive",
  ];
  fs.writeFileSync(SETUP_FILE, `${lines.join("\n")}\n`, { mode: 0o600 });
}

/** Where everything listens and the three commands to type in another shell. */
function printInstructions({ emulator, source, target }: LocalCloud): void {
  console.log(
    `quickstart emulator ready at ${emulator.url}; SQL stand-ins on ${source.server.host}:${source.server.port} (source) and ${target.server.host}:${target.server.port} (target)`,
  );
  console.log(
    `setup written to ${path.relative(process.cwd(), SETUP_FILE) || SETUP_FILE}; in another shell, from the repository root:`,
  );
  console.log('  export PATH="$(bash scripts/ensure-pulumi.sh | tail -n 1):$PATH"');
  console.log(`  source ${path.relative(packageRoot(), SETUP_FILE)}`);
  console.log("  pulumi up");
  console.log("Ctrl-C stops everything.");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
