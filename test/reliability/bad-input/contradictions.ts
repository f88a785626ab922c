/**
 * Options that are each valid alone but contradict each other, written by hand from the lifecycle rules
 * (docs: offline has no cutover, an online migration completes only at cutover, ...), with the field each
 * contradiction must be reported on.
 */
import type { BadInputCase } from "./generate";
import type { ResourceUnderTest } from "./valid-inputs";

type Contradiction = {
  resource: string;
  field: string;
  patch: (valid: Record<string, unknown>) => Record<string, unknown>;
};

const CONTRADICTIONS: Contradiction[] = [
  {
    resource: "MigrationTask",
    field: "cutover",
    patch: (v) => ({ ...v, mode: "offline", wait: undefined, cutover: true }),
  },
  { resource: "MigrationTask", field: "wait", patch: (v) => ({ ...v, mode: "offline", wait: "readyForCutover" }) },
  {
    resource: "MigrationTask",
    field: "wait",
    patch: (v) => ({ ...v, mode: "online", wait: "completed", cutover: false }),
  },
  {
    resource: "MigrationTask",
    field: "databases[1].sourceName",
    patch: (v) => ({ ...v, databases: [...(v.databases as object[]), { sourceName: "SALES", targetName: "Other" }] }),
  },
  {
    resource: "DatabaseMigration",
    field: "validation.depth",
    patch: (v) => ({ ...v, source: { ...(v.source as object), authentication: "windows" } }),
  },
  { resource: "DatabaseMigration", field: "mode", patch: (v) => ({ ...v, mode: "online" }) },
  {
    resource: "ReplicationMigration",
    field: "distributor.server",
    patch: (v) => ({ ...v, distributor: { mode: "remote", connection: v.source } }),
  },
  {
    resource: "ReplicationMigration",
    field: "distributor.connection",
    patch: (v) => ({ ...v, distributor: { mode: "remote", server: "dist01" } }),
  },
  {
    resource: "ReplicationMigration",
    field: "distributor.mode",
    patch: (v) => ({ ...v, distributor: { mode: "local", server: "dist01" } }),
  },
  {
    resource: "SchemaDeployment",
    field: "source",
    patch: (v) => ({ ...v, source: { ...(v.source as object), scriptPath: "schema/" } }),
  },
  { resource: "SchemaDeployment", field: "source", patch: (v) => ({ ...v, source: {} }) },
];

/** The contradictions of the resources given (the others are left out). */
export function contradictoryInputs(resources: ResourceUnderTest[]): BadInputCase[] {
  return CONTRADICTIONS.flatMap((c) => {
    const resource = resources.find((r) => r.resource === c.resource);
    if (!resource) return [];
    const inputs = Object.fromEntries(Object.entries(c.patch(resource.valid)).filter(([, v]) => v !== undefined));
    return [{ resource: c.resource, kind: "contradictory options" as const, field: c.field, inputs }];
  });
}
