/**
 * What a resource module gets to work with, and what it must provide.
 *
 * A module emulates one provider namespace (emulator/resources/ is Microsoft.Resources; the next one is
 * Microsoft.DataMigration). It adds routes to the shared router and uses the shared pieces — the store,
 * the LRO engine, the clock, the registration check — so faults, the request log, error shapes and
 * timing behave the same for every resource type. To add one: write `emulator/<namespace>/index.ts`
 * exporting a ResourceModule and list it in emulator/modules.ts.
 */
import type { Clock } from "./arm/clock";
import type { LroEngine } from "./arm/lro";
import type { Router } from "./arm/router";
import type { ResourceStore, StoredResource } from "./arm/store";
import type { ProviderCatalog, ProviderDefinition } from "./resources/provider-catalog";
import type { ProviderRegistrations } from "./resources/provider-registrations";

export interface EmulatorTiming {
  /** How long each provisioningState step of a long-running operation lasts. */
  readonly provisioningDelayMs: number;
  /** How long Registering/Unregistering last. */
  readonly registrationDelayMs: number;
  /** The Retry-After (seconds) sent with 201/202 answers and while polling. */
  readonly retryAfterSeconds: number;
}

export interface EmulatorServices {
  readonly store: ResourceStore;
  readonly lro: LroEngine;
  readonly clock: Clock;
  readonly catalog: ProviderCatalog;
  readonly registrations: ProviderRegistrations;
  readonly timing: EmulatorTiming;
  /** Throws ARM's 409 MissingSubscriptionRegistration unless the namespace is Registered. */
  requireRegistered(subscriptionId: string, namespace: string): void;
  /** Returns the resource group, or throws 404 ResourceGroupNotFound (409 while it is being deleted). */
  requireResourceGroup(subscriptionId: string, resourceGroupName: string): StoredResource;
}

export interface ResourceModule {
  /** For messages: e.g. "Microsoft.Resources". */
  readonly name: string;
  /** Namespaces the module serves, as GET /providers lists them. */
  readonly providers?: readonly ProviderDefinition[];
  /** Adds the module's routes. Called once, before the emulator listens. */
  register(router: Router, services: EmulatorServices): void;
}
