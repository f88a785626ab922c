/**
 * What `read` (refresh) does: read the target's schema and compare it with what the last deployment left there.
 * It never changes anything on the target; it only records the drift, which the next update converges.
 */
import { fingerprint } from "../../schema";
import { logInfo, logWarn } from "../log";
import { readTargetSchema } from "./deploy-to-target";
import { describeConnection } from "./inputs";
import { compareObjectHashes, objectHashes } from "./object-hashes";
import type { SchemaDeploymentOutputs, SchemaDrift } from "./outputs";

export async function detectDrift(props: SchemaDeploymentOutputs): Promise<SchemaDrift | undefined> {
  // Nothing was deployed (deploy: false, or a first run that never completed): there is nothing to drift from.
  if (props.fingerprint === undefined || props.targetObjectHashes === undefined) return undefined;
  const actual = await readTargetSchema(props);
  const live = fingerprint(actual);
  const changes = compareObjectHashes(props.targetObjectHashes, objectHashes(actual));
  const drift: SchemaDrift = {
    detected: live !== props.fingerprint,
    checkedAt: new Date().toISOString(),
    fingerprint: live,
    missing: changes.removed,
    extra: changes.created,
    changed: changes.altered,
  };
  const where = describeConnection(props.target);
  if (drift.detected) {
    logWarn(
      `the schema on ${where} drifted since it was deployed — missing: ${drift.missing.length}, extra: ${drift.extra.length}, changed: ${drift.changed.length}`,
    );
  } else {
    logInfo(`the schema on ${where} is as deployed (${live})`);
  }
  return drift;
}
