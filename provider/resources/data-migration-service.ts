/**
 * DataMigrationService: a classic Azure Database Migration Service instance (Microsoft.DataMigration/services).
 *
 * Changes: `skuName`, `virtualSubnetId` and `tags` are applied in place with PATCH (the spec's update operation
 * changes SKU and network; the service refuses while tasks run, and that error is shown as is). Subscription,
 * resource group, name and location replace the service. Create adopts an existing service of the same name when
 * its location matches (and converges its SKU, subnet and tags); a different location is an error that says so.
 * Delete removes the service only (with `deleteRunningTasks=true` when `deleteRunningTasksOnDelete`); no
 * database is touched.
 *
 * Repair: a service found Failed (left so by an earlier up, or by anyone) is provisioned again with a PUT, never
 * adopted as it is; a Stopped one fails the update with the command that starts it (see requireRunning).
 *
 * Waiting: one create or update waits at most `timeoutSeconds` (default 1800) for the service to be provisioned,
 * then fails saying it goes on in Azure; the next `up` adopts the service and waits again for a service still
 * Accepted/Deploying/Starting/Stopping.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ArmClient, OperationTimeoutError, waitUntil } from "../arm";
import { buildServiceBody, parseDataMigrationService, type DataMigrationService } from "../dms";
import {
  dmsNameInput,
  locationInput,
  resourceGroupNameInput,
  sameTags,
  subscriptionIdInput,
  tagsInput,
  timeoutSecondsInput,
} from "./common-inputs";
import { DMS_API_VERSION, servicePath } from "./dms-paths";
import { logInfo } from "./log";
import { withPlainOutputs } from "./plain-outputs";
import { checkInputs } from "./validation";

export const serviceInputs = z.object({
  subscriptionId: subscriptionIdInput,
  resourceGroupName: resourceGroupNameInput,
  serviceName: dmsNameInput(62),
  location: locationInput,
  skuName: z
    .string()
    .regex(
      /^(Standard|Premium|Basic|General)_\d+vCores?$/i,
      "must be a DMS SKU name such as Standard_1vCores or Premium_4vCores",
    )
    .default("Premium_4vCores"),
  virtualSubnetId: z
    .string()
    .regex(
      /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i,
      "must be the ARM id of a subnet (/subscriptions/…/providers/Microsoft.Network/virtualNetworks/…/subnets/…)",
    ),
  tags: tagsInput,
  deleteRunningTasksOnDelete: z.boolean().default(false),
  timeoutSeconds: timeoutSecondsInput(1800),
});

export type ServiceInputs = z.infer<typeof serviceInputs>;

export interface ServiceOutputs extends ServiceInputs {
  resourceId: string;
  provisioningState: string;
}

const REPLACING = ["subscriptionId", "resourceGroupName", "serviceName", "location"] as const;

function outputsFrom(inputs: ServiceInputs, live: DataMigrationService): ServiceOutputs {
  return {
    ...inputs,
    skuName: live.sku?.name ?? inputs.skuName,
    virtualSubnetId: live.properties.virtualSubnetId,
    tags: live.tags ?? inputs.tags,
    resourceId: live.id ?? servicePath(inputs),
    provisioningState: live.properties.provisioningState ?? "Unknown",
  };
}

function sameId(a: string | undefined, b: string | undefined): boolean {
  return (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
}

/** What must change on a live service to match the inputs (PATCH body), or undefined when nothing. */
function patchFor(inputs: ServiceInputs, live: DataMigrationService): Record<string, unknown> | undefined {
  const patch: Record<string, unknown> = {};
  if ((live.sku?.name ?? "").toLowerCase() !== inputs.skuName.toLowerCase()) patch.sku = { name: inputs.skuName };
  if (!sameId(live.properties.virtualSubnetId, inputs.virtualSubnetId)) {
    patch.properties = { virtualSubnetId: inputs.virtualSubnetId };
  }
  if (!sameTags(live.tags, inputs.tags)) patch.tags = inputs.tags ?? {};
  return Object.keys(patch).length ? patch : undefined;
}

async function fetchService(arm: ArmClient, inputs: ServiceInputs): Promise<DataMigrationService | undefined> {
  const body = await arm.find(servicePath(inputs), DMS_API_VERSION);
  return body === undefined ? undefined : parseDataMigrationService(body);
}

/** provisioningStates a service passes through on its own; a converge waits them out within its budget. */
const TRANSITIONAL = ["Accepted", "Deploying", "Starting", "Stopping"];

/** Waits, within what is left of the budget, for a service that is still being provisioned by an earlier run. */
async function waitForProvisioning(
  arm: ArmClient,
  inputs: ServiceInputs,
  existing: DataMigrationService,
  deadline: number,
): Promise<void> {
  if (!TRANSITIONAL.includes(existing.properties.provisioningState ?? "")) return;
  logInfo(
    `DMS service ${inputs.serviceName} is ${existing.properties.provisioningState}; waiting up to ${inputs.timeoutSeconds} s`,
  );
  const waited = await waitUntil(
    () => fetchService(arm, inputs),
    (live) => !live || !TRANSITIONAL.includes(live.properties.provisioningState ?? ""),
    { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: arm.settings.pollIntervalMs },
  );
  if (waited.timedOut) {
    throw new OperationTimeoutError(
      `provisioning of ${servicePath(inputs)}`,
      inputs.timeoutSeconds * 1000,
      waited.value?.properties.provisioningState,
    );
  }
}

/**
 * A service whose provisioning ended Failed is provisioned again with a PUT of the same body: ARM treats a PUT on
 * a resource in a terminal Failed state as a new attempt (the RPC's "retry a failed provisioning" rule). Adopting
 * it as it is would leave every task failing with ServiceNotReady.
 */
async function repairIfFailed(
  arm: ArmClient,
  inputs: ServiceInputs,
  live: DataMigrationService,
  deadline: number,
): Promise<void> {
  if (live.properties.provisioningState !== "Failed") return;
  logInfo(`DMS service ${inputs.serviceName} is Failed; provisioning it again`);
  await arm.execute(
    { method: "PUT", path: servicePath(inputs), apiVersion: DMS_API_VERSION, body: buildServiceBody(inputs) },
    { timeoutMs: Math.max(1, deadline - Date.now()) },
  );
}

/**
 * Only a Succeeded service runs tasks. A stopped one (or one that failed to start or stop) was put there by an
 * operator's start/stop, which this resource does not undo on its own: the error says how to start it.
 */
function requireRunning(inputs: ServiceInputs, live: DataMigrationService): void {
  const state = live.properties.provisioningState ?? "Unknown";
  if (state === "Succeeded") return;
  const start = `az dms start --resource-group ${inputs.resourceGroupName} --name ${inputs.serviceName}`;
  const what =
    state === "Failed"
      ? "its provisioning failed again; the next `pulumi up` provisions it once more — if it keeps failing, look at " +
        "the resource group's activity log (subnet, quota) or choose another serviceName"
      : /^(Stopped|FailedToStart|FailedToStop)$/.test(state)
        ? `start it (\`${start}\`) and run \`pulumi up\` again`
        : "run `pulumi up` again once Azure has finished with it";
  throw new Error(`DMS service ${inputs.serviceName} is ${state}, so it cannot run migration tasks: ${what}`);
}

/**
 * converge, as docs/architecture.md ("One meaning per name") defines it. Here: create, or adopt in the same region
 * (re-provisioning a Failed service) and PATCH what differs, waiting out provisioning within the budget; only a
 * Succeeded service is returned.
 */
async function converge(inputs: ServiceInputs): Promise<ServiceOutputs> {
  const arm = ArmClient.fromEnvironment();
  const deadline = Date.now() + inputs.timeoutSeconds * 1000;
  const path = servicePath(inputs);
  const existing = await fetchService(arm, inputs);
  if (!existing) {
    logInfo(`creating DMS service ${inputs.serviceName} (${inputs.skuName}) in ${inputs.location}`);
    await arm.execute(
      { method: "PUT", path, apiVersion: DMS_API_VERSION, body: buildServiceBody(inputs) },
      { timeoutMs: inputs.timeoutSeconds * 1000 },
    );
  } else {
    if (existing.location.replace(/\s/g, "").toLowerCase() !== inputs.location.toLowerCase()) {
      throw new Error(
        `DMS service ${inputs.serviceName} already exists in ${existing.location}, not in ${inputs.location}; ` +
          `choose another serviceName or location (a service cannot move between regions)`,
      );
    }
    await waitForProvisioning(arm, inputs, existing, deadline);
    const settled = (await fetchService(arm, inputs)) ?? existing;
    await repairIfFailed(arm, inputs, settled, deadline);
    const patch = patchFor(inputs, settled);
    if (patch) {
      logInfo(`updating DMS service ${inputs.serviceName}: ${Object.keys(patch).join(", ")}`);
      await arm.execute(
        { method: "PATCH", path, apiVersion: DMS_API_VERSION, body: patch },
        { timeoutMs: Math.max(1, deadline - Date.now()) },
      );
    }
  }
  const live = await fetchService(arm, inputs);
  if (!live) throw new Error(`DMS service ${inputs.serviceName} disappeared right after it was created`);
  requireRunning(inputs, live);
  return outputsFrom(inputs, live);
}

export const provider: pulumi.dynamic.ResourceProvider = withPlainOutputs({
  check: checkInputs(serviceInputs),

  async diff(_id, olds: ServiceOutputs, news: ServiceInputs) {
    const replaces = REPLACING.filter((key) => String(olds[key]).toLowerCase() !== String(news[key]).toLowerCase());
    const changed =
      olds.skuName.toLowerCase() !== news.skuName.toLowerCase() ||
      !sameId(olds.virtualSubnetId, news.virtualSubnetId) ||
      !sameTags(olds.tags, news.tags) ||
      olds.deleteRunningTasksOnDelete !== news.deleteRunningTasksOnDelete ||
      olds.timeoutSeconds !== news.timeoutSeconds ||
      olds.provisioningState !== "Succeeded";
    return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: true };
  },

  async create(inputs: ServiceInputs) {
    const outs = await converge(inputs);
    return { id: outs.resourceId, outs };
  },

  async read(id, props: ServiceOutputs) {
    const live = await fetchService(ArmClient.fromEnvironment(), props);
    // Gone remotely: an empty id tells the engine the resource no longer exists.
    if (!live) return { id: "", props: {} };
    return { id, props: outputsFrom(props, live) };
  },

  async update(_id, _olds: ServiceOutputs, news: ServiceInputs) {
    return { outs: await converge(news) };
  },

  async delete(_id, props: ServiceOutputs) {
    const arm = ArmClient.fromEnvironment();
    const query: Record<string, string> = props.deleteRunningTasksOnDelete ? { deleteRunningTasks: "true" } : {};
    await arm.deleteIfExists(servicePath(props), DMS_API_VERSION, query);
    logInfo(`deleted DMS service ${props.serviceName}; source and target databases were not touched`);
  },
});
