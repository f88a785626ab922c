/**
 * What `read` (refresh) does: read the target's schema and compare it with what the last deployment left there.
 * It never changes anything on the target; it only records the drift, which the next update converges.
 *
 * State keeps a summary of the target's per-object hashes (hash-summary.ts): equal digests per kind mean no
 * object drifted, and no file is read. When some differ, the objects are named from the objects file if it
 * matches the state (or from an earlier version's state map); otherwise the drift names the kinds, with counts.
 */
import { fingerprint } from "../../schema";
import { logInfo, logWarn } from "../log";
import { readTargetSchema } from "./deploy-to-target";
import { changedKinds, describeKindChanges, summarizeHashes } from "./hash-summary";
import { describeConnection } from "./inputs";
import { compareObjectHashes, objectHashes } from "./object-hashes";
import type { SchemaDeploymentOutputs, SchemaDrift } from "./outputs";
import { recordedDetail, targetSummary, type RecordedOutputs } from "./recorded-objects";

export async function detectDrift(props: SchemaDeploymentOutputs): Promise<SchemaDrift | undefined> {
  const recorded = props as RecordedOutputs;
  const deployed = targetSummary(recorded);
  // Nothing was deployed (deploy: false, or a first run that never completed): there is nothing to drift from.
  if (props.fingerprint === undefined || deployed === undefined) return undefined;
  const actual = await readTargetSchema(props);
  const live = fingerprint(actual);
  const liveHashes = objectHashes(actual);
  const kinds = changedKinds(deployed, summarizeHashes(liveHashes));
  const drift: SchemaDrift = {
    detected: live !== props.fingerprint,
    checkedAt: new Date().toISOString(),
    fingerprint: live,
    missing: [],
    extra: [],
    changed: [],
  };
  if (kinds.length > 0) {
    drift.kinds = kinds;
    const detail = await recordedDetail(recorded, "target", deployed);
    if ("hashes" in detail) {
      const changes = compareObjectHashes(detail.hashes, liveHashes);
      Object.assign(drift, { missing: changes.removed, extra: changes.created, changed: changes.altered });
    } else {
      drift.namesUnavailable = detail.unavailable;
    }
  }
  report(props, drift);
  return drift;
}

function report(props: SchemaDeploymentOutputs, drift: SchemaDrift): void {
  const where = describeConnection(props.target);
  if (!drift.detected) {
    logInfo(`the schema on ${where} is as deployed (${drift.fingerprint})`);
    return;
  }
  const what =
    drift.namesUnavailable !== undefined
      ? `in ${describeKindChanges(drift.kinds ?? [])} (objects not named: ${drift.namesUnavailable})`
      : `missing: ${drift.missing.length}, extra: ${drift.extra.length}, changed: ${drift.changed.length}`;
  logWarn(`the schema on ${where} drifted since it was deployed — ${what}`);
}
