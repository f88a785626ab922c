import type * as pulumi from "@pulumi/pulumi";

/** The package's own name: dynamic providers load their implementation through it (package.json `exports`). */
export const PACKAGE_NAME = "pulumi-azure-sql-migration";

/**
 * A dynamic provider whose serialized form is a handful of one-line functions that capture only a module path.
 *
 * Pulumi serializes a dynamic provider's functions with everything they capture into the stack's state. Capturing
 * the implementation (ARM client, SDKs, zod schemas) would bloat state and can break serialization or leak
 * secrets, so each method loads the implementation by package name inside the provider process instead.
 */
export function lazyProvider(implementation: string): pulumi.dynamic.ResourceProvider {
  // Computed here, outside the methods: each method captures only this string.
  const modulePath = `${PACKAGE_NAME}/provider/resources/${implementation}`;
  return {
    check: (olds, news) => require(modulePath).provider.check(olds, news),
    diff: (id, olds, news) => require(modulePath).provider.diff(id, olds, news),
    create: (inputs) => require(modulePath).provider.create(inputs),
    read: (id, props) => require(modulePath).provider.read(id, props),
    update: (id, olds, news) => require(modulePath).provider.update(id, olds, news),
    delete: (id, props) => require(modulePath).provider.delete(id, props),
  };
}
