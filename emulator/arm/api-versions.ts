/**
 * The api-version gate of a resource type. ARM routes a request to a provider only for an api-version the
 * provider registered for that type; any other answers 400 NoRegisteredProviderFound before the provider
 * sees it. Modules whose routes depend on a version's shapes (the current DMS API, Microsoft.Sql) call this
 * first, so a client pinned to a version the emulator does not model fails loudly instead of half-working.
 */
import { armErrors } from "./errors";
import type { ArmRequest } from "./request";

export function requireApiVersion(request: ArmRequest, resourceType: string, supported: readonly string[]): string {
  const found = supported.find((v) => v.toLowerCase() === request.apiVersion.toLowerCase());
  if (!found) throw armErrors.noRegisteredProviderFound(resourceType, request.apiVersion, supported);
  return found;
}
