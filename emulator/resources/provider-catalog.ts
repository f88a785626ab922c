/**
 * Which resource providers exist, with the shapes Microsoft.Resources' `Provider` and
 * `ProviderResourceType` definitions give them (specification/resources/.../resources.json).
 *
 * Modules add their own namespaces (ResourceModule.providers); a later definition of the same
 * namespace replaces an earlier one, so a module can refine the baseline in well-known-providers.ts.
 */
import { idKey } from "../arm/ids";

export type RegistrationPolicy = "RegistrationRequired" | "RegistrationFree";

/** ProviderResourceType, trimmed to the fields clients read. */
export interface ProviderResourceType {
  resourceType: string;
  locations: string[];
  apiVersions: string[];
  capabilities?: string;
}

export interface ProviderDefinition {
  namespace: string;
  registrationPolicy: RegistrationPolicy;
  resourceTypes: ProviderResourceType[];
}

export class ProviderCatalog {
  private readonly byNamespace = new Map<string, ProviderDefinition>();

  define(definition: ProviderDefinition): void {
    this.byNamespace.set(idKey(definition.namespace), structuredClone(definition));
  }

  get(namespace: string): ProviderDefinition | undefined {
    const found = this.byNamespace.get(idKey(namespace));
    return found ? structuredClone(found) : undefined;
  }

  list(): ProviderDefinition[] {
    return [...this.byNamespace.values()].map((d) => structuredClone(d));
  }
}
