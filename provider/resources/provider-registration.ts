/**
 * ResourceProviderRegistration: makes sure a resource provider namespace (Microsoft.DataMigration by default) is
 * registered on a subscription — step one of the DMS part of the migration guide.
 *
 * Lifecycle: create registers and waits (within `timeoutSeconds`) for Registered; read copies the live
 * registrationState into the outputs so `pulumi refresh` shows drift; a drifted state is registered again on the
 * next update; delete leaves the namespace registered unless `unregisterOnDelete` is true, and says so.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ArmClient, waitUntil } from "../arm";
import { subscriptionIdInput, timeoutSecondsInput } from "./common-inputs";
import { logInfo, logWarn } from "./log";
import { withPlainOutputs } from "./plain-outputs";
import { checkInputs } from "./validation";

/** api-version of Microsoft.Resources used for provider operations (specification/resources). */
export const RESOURCES_API_VERSION = "2021-04-01";

export const registrationInputs = z.object({
  subscriptionId: subscriptionIdInput,
  namespace: z
    .string()
    .min(1, "must not be empty")
    .regex(
      /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/,
      "must be a resource provider namespace such as Microsoft.DataMigration",
    )
    .default("Microsoft.DataMigration"),
  timeoutSeconds: timeoutSecondsInput(600),
  unregisterOnDelete: z.boolean().default(false),
});

export type RegistrationInputs = z.infer<typeof registrationInputs>;

export interface RegistrationOutputs extends RegistrationInputs {
  /** Live state as ARM reports it: NotRegistered, Registering, Registered, Unregistering. */
  registrationState: string;
}

interface ProviderResource {
  namespace: string;
  registrationState?: string;
}

function providerPath(inputs: Pick<RegistrationInputs, "subscriptionId" | "namespace">): string {
  return `/subscriptions/${inputs.subscriptionId}/providers/${inputs.namespace}`;
}

async function readState(arm: ArmClient, inputs: RegistrationInputs): Promise<string> {
  const live = await arm.get<ProviderResource>(providerPath(inputs), RESOURCES_API_VERSION);
  return live.registrationState ?? "Unknown";
}

/** Registers when needed and waits for Registered within the budget; answers the state reached. */
async function ensureRegistered(inputs: RegistrationInputs): Promise<string> {
  const arm = ArmClient.fromEnvironment();
  const current = await readState(arm, inputs);
  if (current === "Registered") return current;
  if (current !== "Registering") {
    logInfo(`registering ${inputs.namespace} on subscription ${inputs.subscriptionId} (was ${current})`);
    await arm.post(`${providerPath(inputs)}/register`, RESOURCES_API_VERSION);
  }
  const waited = await waitUntil(
    () => readState(arm, inputs),
    (state) => state === "Registered",
    { timeoutMs: inputs.timeoutSeconds * 1000, intervalMs: arm.settings.pollIntervalMs },
  );
  if (waited.timedOut) {
    logWarn(
      `${inputs.namespace} is still ${waited.value} after ${inputs.timeoutSeconds}s; ` +
        `the next update continues waiting from there`,
    );
  }
  return waited.value;
}

export const provider: pulumi.dynamic.ResourceProvider = withPlainOutputs({
  check: checkInputs(registrationInputs),

  async diff(_id, olds: RegistrationOutputs, news: RegistrationInputs) {
    const replaces = (["subscriptionId", "namespace"] as const).filter((key) => olds[key] !== news[key]);
    const changed = (["timeoutSeconds", "unregisterOnDelete"] as const).filter((key) => olds[key] !== news[key]);
    // Drift: refresh saw the namespace unregistered behind the stack's back; the update registers it again.
    const drifted = olds.registrationState !== "Registered";
    return {
      changes: replaces.length > 0 || changed.length > 0 || drifted,
      replaces,
      deleteBeforeReplace: false,
    };
  },

  async create(inputs: RegistrationInputs) {
    const registrationState = await ensureRegistered(inputs);
    const outs: RegistrationOutputs = { ...inputs, registrationState };
    return { id: `${providerPath(inputs)}`, outs };
  },

  async read(id, props: RegistrationOutputs) {
    const registrationState = await readState(ArmClient.fromEnvironment(), props);
    return { id, props: { ...props, registrationState } };
  },

  async update(_id, _olds: RegistrationOutputs, news: RegistrationInputs) {
    const registrationState = await ensureRegistered(news);
    return { outs: { ...news, registrationState } };
  },

  async delete(_id, props: RegistrationOutputs) {
    if (!props.unregisterOnDelete) {
      logInfo(
        `${props.namespace} stays registered on subscription ${props.subscriptionId} ` +
          `(set unregisterOnDelete: true to unregister it when this resource is deleted)`,
      );
      return;
    }
    const arm = ArmClient.fromEnvironment();
    logInfo(`unregistering ${props.namespace} on subscription ${props.subscriptionId}`);
    await arm.post(`${providerPath(props)}/unregister`, RESOURCES_API_VERSION);
    const waited = await waitUntil(
      () => readState(arm, props),
      (state) => state === "NotRegistered",
      { timeoutMs: props.timeoutSeconds * 1000, intervalMs: arm.settings.pollIntervalMs },
    );
    if (waited.timedOut) logWarn(`${props.namespace} is still ${waited.value}; ARM finishes unregistering on its own`);
  },
});
