/**
 * The prerequisites of a replication, checked at preview when the source is reachable (from `check`, so a
 * failure names its input field) and again at the start of the `up` that configures it. Target checks (reachable,
 * tables deployed) belong to the `up`: at preview the target and its tables may still be on their way.
 */
import {
  describeFailures,
  judgeServer,
  missingOnTarget,
  readServerFacts,
  readTables,
  readTargetFacts,
  selectTables,
  type PrerequisiteFailure,
  type ServerFacts,
  type TableFacts,
  type TableName,
} from "../../replication";
import { splitTableName } from "../../dms/table-names";
import { withConnection } from "../../sql/connection";
import { SqlError } from "../../sql/errors";
import { sourceSpec, targetSpec } from "./connections";
import type { ReplicationMigrationInputs } from "./inputs";

export interface SourcePrerequisites {
  server: ServerFacts;
  /** The tables to publish. */
  tables: TableFacts[];
  /** Tables without a primary key left out (`withoutPrimaryKey: "exclude"`). */
  excluded: TableName[];
  failures: PrerequisiteFailure[];
}

export function requestedTables(inputs: ReplicationMigrationInputs): TableName[] {
  return inputs.tables.map((t) => {
    const { schema, table } = splitTableName(t);
    return { schema, name: table };
  });
}

export async function checkSource(
  inputs: ReplicationMigrationInputs,
  connectTimeoutMs?: number,
): Promise<SourcePrerequisites> {
  return withConnection(sourceSpec(inputs, connectTimeoutMs ? { connectTimeoutMs } : {}), async (session) => {
    const server = await readServerFacts(session);
    const selected = selectTables(await readTables(session), {
      requested: requestedTables(inputs),
      withoutPrimaryKey: inputs.withoutPrimaryKey,
    });
    return {
      server,
      tables: selected.tables,
      excluded: selected.excluded,
      failures: [...judgeServer(server), ...selected.failures],
    };
  });
}

/** The target reachable and holding every table to publish. */
export async function checkTarget(
  inputs: ReplicationMigrationInputs,
  tables: readonly TableName[],
): Promise<PrerequisiteFailure[]> {
  try {
    return await withConnection(targetSpec(inputs), async (session) => {
      await readTargetFacts(session);
      return missingOnTarget(tables, await readTables(session));
    });
  } catch (error) {
    if (!(error instanceof SqlError)) throw error;
    return [
      {
        field: "target",
        check: "reachable",
        message: `cannot reach the target database ${inputs.targetDatabaseName} on ${inputs.target.server}: ${error.message}`,
        fix: "allow this runner and the distributor's address through the target server's firewall, and check the login (db_owner in the target database)",
      },
    ];
  }
}

export class PrerequisitesError extends Error {
  constructor(readonly failures: PrerequisiteFailure[]) {
    super(`the replication prerequisites are not met (nothing was configured):\n${describeFailures(failures)}`);
  }
}

/** For `check`: failures as Pulumi's field-named check failures. */
export function checkFailures(failures: readonly PrerequisiteFailure[]): { property: string; reason: string }[] {
  return failures.map((f) => ({ property: f.field, reason: `${f.message}. Fix: ${f.fix}` }));
}
