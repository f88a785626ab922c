/**
 * SqlMigrationService: an instance of the current Azure Database Migration Service
 * (Microsoft.DataMigration/sqlMigrationServices), with the self-hosted integration runtime it needs.
 *
 * Changes: tags in place (PATCH); region, name, group or subscription replace it; an existing service of the
 * same name is adopted. A service left `Failed` by an earlier run is provisioned again with a PUT (how ARM
 * retries provisioning) — never adopted as it is. Each update reads both auth keys (secret outputs) and the
 * runtime's nodes, and by default waits for the runtime to be Online, failing with what to do when it is not.
 * A bumped `regenerateAuthKeys` counter rotates that key with one call. Refresh reads the service with one GET.
 * Delete refuses while migrations run unless `cancelMigrationsOnDelete`; no database is touched.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ArmClient, OperationTimeoutError, waitUntil } from "../arm";
import {
  buildSqlMigrationServiceBody,
  databaseMigrationListSchema,
  parseDms,
  SQL_MIGRATION_API_VERSION,
  sqlMigrationServicePath,
  type SqlMigrationService,
} from "../dms";
import { sameTags } from "./common-inputs";
import { ResourceInitError } from "./init-error";
import { logInfo, logWarn } from "./log";
import { withPlainOutputs } from "./plain-outputs";
import { listAuthKeys, regenerateBumpedKeys } from "./sql-migration-service/auth-keys";
import { sqlMigrationServiceInputs, type SqlMigrationServiceInputs } from "./sql-migration-service/inputs";
import {
  fetchSqlMigrationService,
  readRuntime,
  runtimeNotOnlineMessage,
  runtimeState,
  waitForRuntimeOnline,
  type RuntimeNode,
} from "./sql-migration-service/runtime";
import { checkInputs } from "./validation";

export interface SqlMigrationServiceOutputs extends SqlMigrationServiceInputs {
  resourceId: string;
  provisioningState: string;
  integrationRuntimeState: string;
  integrationRuntimeName: string;
  nodes: RuntimeNode[];
  /** Secret outputs (additionalSecretOutputs in the component). */
  authKey1: string;
  authKey2: string;
}

const REPLACING = ["subscriptionId", "resourceGroupName", "serviceName", "location"] as const;
const SETTINGS = ["waitForRuntime", "runtimeWaitTimeoutSeconds", "timeoutSeconds", "cancelMigrationsOnDelete"] as const;
/** States in which ARM is still working on the service: wait for it to settle before deciding anything. */
const SETTLING = /^(Provisioning|Updating|Creating|Accepted|Deleting)$/i;
/** Migration states that count as running (the service refuses deletion while one exists). */
const ACTIVE_MIGRATION = /^(Creating|InProgress|Canceling|Retriable)$/i;

const sameLocation = (a: string | undefined, b: string) =>
  (a ?? "").replace(/\s/g, "").toLowerCase() === b.toLowerCase();

/**
 * Waits, within what is left of the update's budget, for an operation an earlier update started (and outlived):
 * the same operation goes on, so a new PUT would only be refused as a conflict.
 */
async function settle(
  arm: ArmClient,
  inputs: SqlMigrationServiceInputs,
  service: SqlMigrationService,
  deadline: number,
): Promise<SqlMigrationService> {
  if (!SETTLING.test(service.properties.provisioningState ?? "")) return service;
  logInfo(
    `sqlMigrationService ${inputs.serviceName} is ${service.properties.provisioningState}; waiting up to ` +
      `${inputs.timeoutSeconds} s for ARM to finish`,
  );
  const waited = await waitUntil(
    async () => {
      const live = await fetchSqlMigrationService(arm, inputs);
      if (!live) throw new Error(`sqlMigrationService ${inputs.serviceName} disappeared while ARM was working on it`);
      return live;
    },
    (s) => !SETTLING.test(s.properties.provisioningState ?? ""),
    { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: arm.settings.pollIntervalMs },
  );
  if (waited.timedOut) {
    throw new OperationTimeoutError(
      `provisioning of ${sqlMigrationServicePath(inputs)}`,
      inputs.timeoutSeconds * 1000,
      waited.value.properties.provisioningState,
    );
  }
  return waited.value;
}

/** Creates, repairs or adopts the service so that it exists, Succeeded, with the declared tags. */
async function ensureService(arm: ArmClient, inputs: SqlMigrationServiceInputs): Promise<SqlMigrationService> {
  const path = sqlMigrationServicePath(inputs);
  const deadline = Date.now() + inputs.timeoutSeconds * 1000;
  const put = async (why: string) => {
    logInfo(why);
    await arm
      .execute(
        { method: "PUT", path, apiVersion: SQL_MIGRATION_API_VERSION, body: buildSqlMigrationServiceBody(inputs) },
        { timeoutMs: Math.max(1, deadline - Date.now()) },
      )
      .catch((error: unknown) => {
        // Name the budget the user set (timeoutSeconds), not the part of it left when the PUT was sent.
        if (!(error instanceof OperationTimeoutError)) throw error;
        throw new OperationTimeoutError(error.operation, inputs.timeoutSeconds * 1000, error.lastStatus);
      });
  };
  let existing = await fetchSqlMigrationService(arm, inputs);
  if (!existing) {
    await put(`creating sqlMigrationService ${inputs.serviceName} in ${inputs.location}`);
  } else {
    if (!sameLocation(existing.location, inputs.location)) {
      throw new Error(
        `sqlMigrationService ${inputs.serviceName} already exists in ${existing.location}, not in ${inputs.location}; ` +
          "choose another serviceName or location (a service cannot move between regions)",
      );
    }
    existing = await settle(arm, inputs, existing, deadline);
    if (existing.properties.provisioningState !== "Succeeded") {
      await put(
        `sqlMigrationService ${inputs.serviceName} is ${existing.properties.provisioningState}; provisioning it again`,
      );
    } else if (!sameTags(existing.tags ?? undefined, inputs.tags)) {
      logInfo(`updating the tags of sqlMigrationService ${inputs.serviceName}`);
      await arm.request({
        method: "PATCH",
        path,
        apiVersion: SQL_MIGRATION_API_VERSION,
        body: { tags: inputs.tags ?? {} },
      });
    }
  }
  const live = await fetchSqlMigrationService(arm, inputs);
  if (!live) throw new Error(`sqlMigrationService ${inputs.serviceName} disappeared right after it was created`);
  if (live.properties.provisioningState !== "Succeeded") {
    throw new Error(
      `sqlMigrationService ${inputs.serviceName} is ${live.properties.provisioningState} after provisioning; the next \`pulumi up\` ` +
        "provisions it again — if it keeps failing, look at the resource group's activity log, or choose another serviceName",
    );
  }
  return live;
}

function outputsOf(
  inputs: SqlMigrationServiceInputs,
  service: SqlMigrationService,
  keys: { authKey1: string; authKey2: string },
  runtime: { integrationRuntimeName: string; nodes: RuntimeNode[] },
): SqlMigrationServiceOutputs {
  return {
    ...inputs,
    resourceId: service.id ?? sqlMigrationServicePath(inputs),
    provisioningState: service.properties.provisioningState ?? "Unknown",
    integrationRuntimeState: runtimeState(service),
    ...runtime,
    ...keys,
  };
}

/**
 * converge, as docs/architecture.md ("One meaning per name") defines it. Here: service, key rotation, keys,
 * runtime (and the wait for it, failing with what to do when it stays offline).
 */
async function converge(
  inputs: SqlMigrationServiceInputs,
  rotatedFrom?: SqlMigrationServiceInputs,
): Promise<SqlMigrationServiceOutputs> {
  const arm = ArmClient.fromEnvironment();
  let service = await ensureService(arm, inputs);
  if (rotatedFrom) await regenerateBumpedKeys(arm, inputs, rotatedFrom, inputs);
  const keys = await listAuthKeys(arm, inputs);
  if (inputs.waitForRuntime === "online" && runtimeState(service) !== "Online") {
    logInfo(
      `waiting up to ${inputs.runtimeWaitTimeoutSeconds}s for a self-hosted integration runtime node to register with ` +
        `sqlMigrationService ${inputs.serviceName} (runtime ${runtimeState(service)})`,
    );
    service = await waitForRuntimeOnline(arm, inputs, inputs.runtimeWaitTimeoutSeconds * 1000);
  }
  const runtime = await readRuntime(arm, inputs);
  const outs = outputsOf(inputs, service, keys, runtime);
  if (inputs.waitForRuntime === "online" && outs.integrationRuntimeState !== "Online") {
    // Recorded (keys included, as secrets) so the user can read the key the message points to.
    throw new ResourceInitError(
      runtimeNotOnlineMessage(inputs, outs.integrationRuntimeState, runtime.nodes, inputs.runtimeWaitTimeoutSeconds),
      outs.resourceId,
      outs,
    );
  }
  return outs;
}

async function refuseOrCancelRunningMigrations(arm: ArmClient, props: SqlMigrationServiceOutputs): Promise<void> {
  const body = await arm.get(`${sqlMigrationServicePath(props)}/listMigrations`, SQL_MIGRATION_API_VERSION);
  const running = parseDms(databaseMigrationListSchema, body, "DatabaseMigrationListResult").value.filter((m) =>
    ACTIVE_MIGRATION.test(String(m.properties?.["migrationStatus"] ?? m.properties?.["provisioningState"] ?? "")),
  );
  if (!running.length) return;
  const names = running
    .map((m) => `${m.name} (${m.properties?.["migrationStatus"] ?? m.properties?.["provisioningState"]})`)
    .join(", ");
  if (!props.cancelMigrationsOnDelete) {
    throw new Error(
      `sqlMigrationService ${props.serviceName} has running migrations: ${names}. Nothing was deleted. Wait for them to ` +
        "finish or delete their DatabaseMigration resources first, or set cancelMigrationsOnDelete: true to cancel them.",
    );
  }
  for (const migration of running) {
    const operationId = migration.properties?.["migrationOperationId"];
    if (!migration.id || typeof operationId !== "string") continue;
    logWarn(
      `canceling migration ${migration.name} (cancelMigrationsOnDelete); the target database keeps the rows copied so far`,
    );
    await arm.execute({
      method: "POST",
      path: `${migration.id}/cancel`,
      apiVersion: SQL_MIGRATION_API_VERSION,
      body: { migrationOperationId: operationId },
    });
  }
}

export const provider: pulumi.dynamic.ResourceProvider = withPlainOutputs({
  check: checkInputs(sqlMigrationServiceInputs),

  async diff(_id, olds: SqlMigrationServiceOutputs, news: SqlMigrationServiceInputs) {
    const replaces = REPLACING.filter((key) => String(olds[key]).toLowerCase() !== String(news[key]).toLowerCase());
    const changed =
      !sameTags(olds.tags, news.tags) ||
      SETTINGS.some((key) => olds[key] !== news[key]) ||
      JSON.stringify(olds.regenerateAuthKeys) !== JSON.stringify(news.regenerateAuthKeys) ||
      olds.provisioningState !== "Succeeded" ||
      // The runtime was not online when last seen: the update waits again (and fails again saying what to do).
      (news.waitForRuntime === "online" && olds.integrationRuntimeState !== "Online");
    return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: true };
  },

  async create(inputs: SqlMigrationServiceInputs) {
    const outs = await converge(inputs);
    return { id: outs.resourceId, outs };
  },

  async read(id, props: SqlMigrationServiceOutputs) {
    const live = await fetchSqlMigrationService(ArmClient.fromEnvironment(), props);
    if (!live) return { id: "", props: {} };
    // One GET: keys and nodes are read again by the next update, not by every refresh.
    return { id, props: outputsOf({ ...props, tags: live.tags ?? undefined }, live, props, props) };
  },

  async update(_id, olds: SqlMigrationServiceOutputs, news: SqlMigrationServiceInputs) {
    return { outs: await converge(news, olds) };
  },

  async delete(_id, props: SqlMigrationServiceOutputs) {
    const arm = ArmClient.fromEnvironment();
    if (await fetchSqlMigrationService(arm, props)) {
      await refuseOrCancelRunningMigrations(arm, props);
      await arm.deleteIfExists(sqlMigrationServicePath(props), SQL_MIGRATION_API_VERSION);
    }
    logInfo(
      `deleted sqlMigrationService ${props.serviceName}; source and target databases were not touched. Uninstall or ` +
        "reuse the self-hosted integration runtime on its machine yourself (it is not managed by Pulumi)",
    );
  },
});
