/**
 * Microsoft.Resources provider operations: Providers_List, Providers_Get, Providers_Register,
 * Providers_Unregister (all synchronous 200 answers with the `Provider` shape).
 */
import { respond } from "../arm/request";
import type { Router } from "../arm/router";
import type { EmulatorServices } from "../services";

const PROVIDERS = "/subscriptions/{subscriptionId}/providers";
const PROVIDER = `${PROVIDERS}/{resourceProviderNamespace}`;

export function registerProviderRoutes(router: Router, services: EmulatorServices): void {
  const { registrations } = services;

  router.add("GET", PROVIDERS, (req) => respond.ok({ value: registrations.list(req.params["subscriptionId"]!) }));

  router.add("GET", PROVIDER, (req) =>
    respond.ok(registrations.get(req.params["subscriptionId"]!, req.params["resourceProviderNamespace"]!)),
  );

  router.add("POST", `${PROVIDER}/register`, (req) =>
    respond.ok(registrations.register(req.params["subscriptionId"]!, req.params["resourceProviderNamespace"]!)),
  );

  router.add("POST", `${PROVIDER}/unregister`, (req) =>
    respond.ok(registrations.unregister(req.params["subscriptionId"]!, req.params["resourceProviderNamespace"]!)),
  );
}
