/**
 * Failures a test can ask the simulated Database Migration Service for, beside the core's generic HTTP
 * faults (429/500/503/drop/lroFailed): the things that go wrong *inside* a migration. Each fault applies to
 * the next `count` matching events, then is used up.
 */
import { z } from "zod";
import { sameTableName } from "./table-names";

const base = { count: z.number().int().positive().default(1), message: z.string().min(1).optional() };

export const dataMigrationFaultSchema = z.discriminatedUnion("kind", [
  /**
   * A table's copy fails after `afterRows` rows (default 0): offline table Failed, online table ERROR; in a
   * SqlDb migration (database = source database name) the table is Failed and the migration waits for retry
   * (`retriable`, the default) or fails. Classic tasks ignore `retriable`.
   */
  z.object({
    kind: z.literal("tableFails"),
    table: z.string().min(1),
    database: z.string().optional(),
    afterRows: z.number().int().min(0).default(0),
    retriable: z.boolean().optional(),
    ...base,
  }),
  /** A task (by name, regex source; any when omitted) fails `afterTicks` ticks after it starts running. */
  z.object({
    kind: z.literal("taskFails"),
    task: z.string().optional(),
    afterTicks: z.number().int().min(1).default(1),
    ...base,
  }),
  /** Creating a service (by name regex; any when omitted) ends with provisioningState Failed. */
  z.object({ kind: z.literal("serviceProvisioningFails"), service: z.string().optional(), ...base }),
  /** The complete command for a database (any when omitted) is rejected: command state Failed with the error. */
  z.object({ kind: z.literal("commandRejected"), database: z.string().optional(), ...base }),
  /** A connection to a server (any when omitted) fails, in connection checks and in migrations. */
  z.object({ kind: z.literal("connectionFails"), server: z.string().optional(), ...base }),
]);
export type DataMigrationFaultSpec = z.input<typeof dataMigrationFaultSchema>;
type DataMigrationFault = z.output<typeof dataMigrationFaultSchema>;
export type DataMigrationFaultKind = DataMigrationFault["kind"];

export type ActiveDataMigrationFault = DataMigrationFault & { id: number; remaining: number };

function same(a: string | undefined, b: string): boolean {
  return a === undefined || a.toLowerCase() === b.toLowerCase();
}

function nameMatches(pattern: string | undefined, name: string): boolean {
  return pattern === undefined || new RegExp(pattern, "i").test(name);
}

export class DataMigrationFaults {
  private nextId = 1;
  private faults: ActiveDataMigrationFault[] = [];

  add(spec: DataMigrationFaultSpec): ActiveDataMigrationFault {
    const parsed = dataMigrationFaultSchema.parse(spec);
    const fault = { ...parsed, id: this.nextId++, remaining: parsed.count };
    this.faults.push(fault);
    return { ...fault };
  }

  list(): ActiveDataMigrationFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  takeTableFailure(database: string, table: string) {
    return this.take("tableFails", (f) => same(f.database, database) && sameTableName(f.table, table));
  }

  takeTaskFailure(taskName: string) {
    return this.take("taskFails", (f) => nameMatches(f.task, taskName));
  }

  takeServiceProvisioningFailure(serviceName: string) {
    return this.take("serviceProvisioningFails", (f) => nameMatches(f.service, serviceName));
  }

  takeCommandRejection(database: string) {
    return this.take("commandRejected", (f) => same(f.database, database));
  }

  takeConnectionFailure(server: string) {
    return this.take("connectionFails", (f) => same(f.server, server));
  }

  private take<K extends DataMigrationFaultKind>(
    kind: K,
    matches: (fault: Extract<ActiveDataMigrationFault, { kind: K }>) => boolean,
  ): Extract<ActiveDataMigrationFault, { kind: K }> | undefined {
    const fault = this.faults.find(
      (f): f is Extract<ActiveDataMigrationFault, { kind: K }> =>
        f.kind === kind && matches(f as Extract<ActiveDataMigrationFault, { kind: K }>),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }
}
