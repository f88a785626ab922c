import * as pulumi from "@pulumi/pulumi";
import { REGISTRATION_OUTPUTS, outputPlaceholders } from "../provider/resources/output-keys";
import { lazyProvider } from "./lazy-provider";

export interface ResourceProviderRegistrationArgs {
  /** Subscription (GUID) on which the namespace is registered. Changing it replaces the resource. */
  subscriptionId: pulumi.Input<string>;
  /** Resource provider namespace; default `Microsoft.DataMigration`. Changing it replaces the resource. */
  namespace?: pulumi.Input<string>;
  /** How long one update waits for `Registered` (default 600 s); when it runs out the next update goes on. Updated in place (state only). */
  timeoutSeconds?: pulumi.Input<number>;
  /** Unregister the namespace when this resource is deleted (default false: it stays registered). Updated in place (state only). */
  unregisterOnDelete?: pulumi.Input<boolean>;
}

const provider = lazyProvider("provider-registration");

/**
 * Registers a resource provider namespace on a subscription (step one of the DMS part of the migration guide:
 * register the Microsoft.DataMigration resource provider) and keeps it registered.
 */
export class ResourceProviderRegistration extends pulumi.dynamic.Resource {
  /** The subscription, as given. */
  declare readonly subscriptionId: pulumi.Output<string>;
  /** The namespace registered (default `Microsoft.DataMigration`). */
  declare readonly namespace: pulumi.Output<string>;
  /** The wait budget in effect (default 600). */
  declare readonly timeoutSeconds: pulumi.Output<number>;
  /** Whether delete unregisters the namespace (default false). */
  declare readonly unregisterOnDelete: pulumi.Output<boolean>;
  /** Live state as ARM reports it (Registered once the update finished waiting). */
  declare readonly registrationState: pulumi.Output<string>;

  constructor(name: string, args: ResourceProviderRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        subscriptionId: args.subscriptionId,
        namespace: args.namespace,
        timeoutSeconds: args.timeoutSeconds,
        unregisterOnDelete: args.unregisterOnDelete,
        ...outputPlaceholders(REGISTRATION_OUTPUTS),
      },
      opts,
      "azure-sql-migration",
      "ResourceProviderRegistration",
    );
  }
}
