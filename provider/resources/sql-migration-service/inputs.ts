/** Inputs of SqlMigrationService, validated in `check` so `pulumi preview` names any bad field. */
import { z } from "zod";
import { SQL_MIGRATION_SERVICE_NAME } from "../../dms/sql-migration";
import {
  locationInput,
  resourceGroupNameInput,
  subscriptionIdInput,
  tagsInput,
  timeoutSecondsInput,
} from "../common-inputs";

const counter = z.number().int("must be a whole number").min(0, "must be 0 or more").default(0);

export const sqlMigrationServiceInputs = z.object({
  subscriptionId: subscriptionIdInput,
  resourceGroupName: resourceGroupNameInput,
  serviceName: z.string().regex(SQL_MIGRATION_SERVICE_NAME.pattern, `must be ${SQL_MIGRATION_SERVICE_NAME.rule}`),
  location: locationInput,
  tags: tagsInput,
  /**
   * `online` (default): an update waits, within `runtimeWaitTimeoutSeconds`, until a self-hosted integration
   * runtime node is registered and online, and fails saying what to do when none is. `none`: never wait.
   */
  waitForRuntime: z.enum(["online", "none"]).default("online"),
  runtimeWaitTimeoutSeconds: timeoutSecondsInput(600),
  /**
   * Budget of one update's wait for ARM to provision the service (default 1800 s). Past it the update fails saying
   * the operation goes on in Azure; the next update waits for that same operation instead of starting another.
   */
  timeoutSeconds: timeoutSecondsInput(1800),
  /** Bump a key's counter to regenerate that key: exactly one regenerateAuthKeys call per bump. */
  regenerateAuthKeys: z.object({ authKey1: counter, authKey2: counter }).default({ authKey1: 0, authKey2: 0 }),
  /** Cancel running migrations when the service is deleted (default false: delete refuses while they run). */
  cancelMigrationsOnDelete: z.boolean().default(false),
});

export type SqlMigrationServiceInputs = z.output<typeof sqlMigrationServiceInputs>;

export const AUTH_KEY_NAMES = ["authKey1", "authKey2"] as const;
export type AuthKeyName = (typeof AUTH_KEY_NAMES)[number];
